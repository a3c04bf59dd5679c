import type { App, Deployment, DeploymentFailure, DeploymentState, LogLine } from '../types.js';
import type { DeployOutcome } from '../workflows/deploy-outcome.js';
import type { BundleSummary } from './summarize-bundle.js';

/**
 * Byte-accurate upload progress: `bytesSent` counts file bytes streamed into the packs (a retried chunk counts
 * again from zero), `bytesTotal` is the sum of the missing blobs — together enough for a progress bar with ETA.
 *
 * @example
 * ```ts
 * const percent = (p: UploadProgress) => (p.bytesTotal === 0 ? 100 : Math.floor((100 * p.bytesSent) / p.bytesTotal));
 * ```
 */
export interface UploadProgress {
  bytesSent: number;
  bytesTotal: number;
  blobsDone: number;
  blobsTotal: number;
  chunksDone: number;
  chunksTotal: number;
}

/**
 * What `deploy()` reports, in order: `bundled` → (`app_created`) → `deployment_created` → `upload_progress`… /
 * `upload_retry`… → `uploaded` → `status` / `build_log`… → `release_created` → one of `healthy`, `failed`,
 * `rolled_back`, `cancelled`, or `timeout`. Terminal events carry the deployment id.
 *
 * @example
 * ```ts
 * for await (const event of deploy(client, { network: 'staging', app: 'web', dir: '.' })) {
 *   switch (event.type) {
 *     case 'build_log': console.error(event.line.line); break;
 *     case 'healthy': console.log(`live at ${event.url}`); break;
 *     case 'failed': console.error(`${event.stage} failed: ${event.message}`); break;
 *   }
 * }
 * ```
 */
export type DeployEvent =
  | { type: 'bundled'; summary: BundleSummary }
  | { type: 'app_created'; app: App }
  | {
      type: 'deployment_created';
      deploymentId: string;
      deployment: Deployment;
      /** Distinct blobs the platform lacks (what will be uploaded). */
      missingBlobs: number;
      missingBytes: number;
    }
  | ({ type: 'upload_progress' } & UploadProgress)
  | {
      type: 'upload_retry';
      /** 0-based chunk index. */
      chunk: number;
      /** The attempt that failed (1 = the first). */
      attempt: number;
      delayMs: number;
      error: { code: string; message: string };
    }
  | { type: 'uploaded'; blobs: number; bytes: number; chunks: number; durationMs: number }
  | { type: 'status'; deploymentId: string; state: DeploymentState; previousState: DeploymentState | null }
  | { type: 'build_log'; deploymentId: string; line: LogLine }
  | { type: 'build_log_gap'; deploymentId: string; fromSeq: number; toSeq: number; reason: string }
  | { type: 'release_created'; deploymentId: string; version: number }
  /**
   * A tick (about a second) of the new release's stabilization window: traffic goes to it already, and the platform
   * watches its process for `seconds` before the deployment counts as live (`ok` false: it exited). Over channels only.
   */
  | { type: 'stabilizing'; deploymentId: string; release: number; second: number; seconds: number; ok: boolean }
  | { type: 'healthy'; deploymentId: string; url: string; release: number | null }
  | ({ type: 'failed'; deploymentId: string } & DeploymentFailure)
  | { type: 'rolled_back'; deploymentId: string; release: number | null; failure: DeploymentFailure | null }
  | { type: 'cancelled'; deploymentId: string }
  | { type: 'timeout'; deploymentId: string; timeoutMs: number; state: DeploymentState };

export type { DeployOutcome } from '../workflows/deploy-outcome.js';

/**
 * The value `deploy()` returns when its generator finishes (read it with `.next()` until `done`, or use
 * {@link runDeploy}).
 *
 * @example
 * ```ts
 * const result: DeployResult = await runDeploy(client, options, (event) => render(event));
 * if (result.outcome !== 'live') process.exitCode = 1;
 * ```
 */
export interface DeployResult {
  outcome: DeployOutcome;
  deploymentId: string;
  /** The last known state of the deployment. */
  state: DeploymentState;
  /** The release version it made, if it got that far. */
  release: number | null;
  /** The app's URL. */
  url: string;
  failure: DeploymentFailure | null;
  /** Blobs and bytes uploaded by this run (0 when the platform had everything). */
  uploadedBlobs: number;
  uploadedBytes: number;
}
