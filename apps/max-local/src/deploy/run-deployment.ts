import { assembleTree, type AssembleOptions } from './assemble-tree.js';
import type { BlobStore } from './blob-store.js';
import { detectBuildPlan, type BuildPlan } from './build-plan.js';
import { runBuild } from './build-runner.js';
import { CancelledError, DeployError, PipelineError, ReleaseCrashedError, type DeploymentFailure } from './deploy-errors.js';
import type { ManifestEntry } from './manifest.js';
import type { TreeBase } from './tree-base.js';
import type { OutputLine } from './process-group.js';
import type { ProcessGroupTracker } from './process-records.js';
import type { DeployReleaseOptions, LiveRelease, ReleaseManager } from './release-manager.js';

/** The states this function moves a deployment through (`uploading`/`queued` are the routes' business). */
export type PipelineState = 'building' | 'releasing' | 'running' | 'failed' | 'rolled_back' | 'cancelled';

/** A build log line: command output (`build`) or the platform's own notes (`platform`). */
export interface BuildLogLine extends OutputLine {
  source: 'build' | 'platform';
}

/** What the caller decides once the build succeeded: the release number and its config snapshot. */
export interface ReleasePlan {
  version: number;
  /** Effective environment incl. MAX_APP, MAX_NETWORK, MAX_HOSTNAME, MAX_RELEASE (PORT is added). */
  env: Record<string, string>;
}

export interface RunDeploymentOptions {
  blobs: BlobStore;
  manifest: readonly ManifestEntry[];
  /** Where this deployment's tree goes, e.g. `<dataDir>/builds/<deployment id>`; must not exist yet. */
  buildDir: string;
  releases: ReleaseManager;
  /** Build-time environment (the app's vars and secrets; no PORT). */
  buildEnv: Record<string, string>;
  /** Called after a successful build; typically inserts the `pending` release row and returns its number + env. */
  prepareRelease: (plan: BuildPlan) => Promise<ReleasePlan> | ReleasePlan;
  /** The app's `health_check_path`; `rig.json` `health.path` wins. Null = TCP port check. */
  healthCheckPath: string | null;
  /** Used when `rig.json` gives no `health.timeout_seconds`. Default 60 s. */
  healthTimeoutMs?: number;
  /** Sent as `Host` to health checks. */
  hostname?: string;
  onBuildLogLine: (line: BuildLogLine) => void;
  /**
   * `restoredVersion`: with `rolled_back`, the release serving again. A `failed` deployment whose release crashed
   * after the switch (rollback disabled or nothing to go back to) has `failure.reason` `crashed_after_release`
   * and its release stays in place.
   */
  onStateChange?: (state: PipelineState, details: { failure?: DeploymentFailure; version?: number; restoredVersion?: number }) => void;
  /** How the release step treats the new release after the switch (window, rollback, progress callbacks). */
  release?: DeployReleaseOptions;
  signal?: AbortSignal;
  buildTimeoutMs?: number;
  assemble?: AssembleOptions;
  /**
   * The app's spare tree (see `TreeBases`): taken for the assembly, and made anew from this manifest once the
   * release is live, for the next deployment.
   */
  bases?: { take(): Promise<TreeBase | undefined>; prepare(manifest: readonly ManifestEntry[]): void };
  basePath?: string;
  home?: string;
  /** Records the build's process groups while they run (named after `label`). */
  processGroups?: { tracker: ProcessGroupTracker; label: string };
}

export interface DeploymentOutcome {
  plan: BuildPlan;
  release: LiveRelease;
}

/**
 * One deployment, after its blobs are uploaded: assemble the tree → detect the build plan → build → start the
 * release, health-check it, switch the route and watch it for the stabilization window (via the app's
 * `ReleaseManager`). Reports each state; on failure reports `failed` with the API's `DeploymentFailure` (or
 * `cancelled`, or `rolled_back` when a crash in the window switched back) and rethrows. The previous release keeps
 * serving in every failure case except a crash in the window with rollback disabled (or nothing to go back to).
 */
export async function runDeployment(options: RunDeploymentOptions): Promise<DeploymentOutcome> {
  const { onBuildLogLine: log } = options;
  const note = (line: string, stream: 'stdout' | 'stderr' = 'stdout'): void => log({ source: 'platform', stream, line });
  const report = options.onStateChange ?? (() => undefined);
  let version: number | undefined;
  try {
    report('building', {});
    const base = await options.bases?.take();
    const assembled = await assembleTree(options.blobs, options.manifest, options.buildDir, { ...options.assemble, base });
    const copied = assembled.copied === assembled.files ? '' : `, ${assembled.copied} copied, the rest from the previous tree`;
    note(`Assembled ${assembled.files} files (${assembled.totalBytes} bytes${copied}) and ${assembled.links} links.`);
    const plan = await detectBuildPlan(options.buildDir);
    note(`Build plan from ${plan.source}: ${plan.steps.map((s) => s.command).join(' && ') || '(nothing to build)'}; start: ${plan.start}`);
    await runBuild({
      dir: options.buildDir,
      plan,
      env: options.buildEnv,
      signal: options.signal,
      timeoutMs: options.buildTimeoutMs,
      basePath: options.basePath,
      home: options.home,
      processGroups: options.processGroups,
      onStep: (step) => note(`$ ${step.command}`),
      onLogLine: (line) => log({ ...line, source: 'build' }),
    });
    note('Build succeeded.');
    if (options.signal?.aborted) throw new CancelledError('The deployment was cancelled.');

    const release = await options.prepareRelease(plan);
    version = release.version;
    report('releasing', { version });
    const live = await options.releases.deploy(
      {
        version: release.version,
        dir: options.buildDir,
        start: plan.start,
        env: release.env,
        health: {
          path: plan.health.path ?? options.healthCheckPath,
          timeoutMs: plan.health.timeoutMs ?? options.healthTimeoutMs ?? 60_000,
          hostHeader: options.hostname,
        },
      },
      {
        ...options.release,
        onSwitched: (live, previous) => {
          const window = options.release?.stabilizationMs ?? 0;
          note(`Traffic switched to v${live.version}${window > 0 ? `; watching it for ${Math.round(window / 1000)} s` : ''}.`);
          options.release?.onSwitched?.(live, previous);
          // Off the critical path, during the stabilization window (a deliberate wait): the next deployment of
          // this app starts from a copy of this tree. Made even if this release is rolled back in the window — a
          // base only has to be some earlier tree, the next assembly compares it file by file.
          options.bases?.prepare(options.manifest);
        },
      },
    );
    note(`Release v${live.version} is live.`);
    report('running', { version });
    return { plan, release: live };
  } catch (error) {
    if (error instanceof CancelledError) {
      note('Cancelled.', 'stderr');
      report('cancelled', { version });
    } else if (error instanceof ReleaseCrashedError && error.restoredVersion !== null) {
      note(error.message, 'stderr');
      report('rolled_back', { failure: error.failure, version, restoredVersion: error.restoredVersion });
    } else {
      const failure = toFailure(error);
      note(failure.message, 'stderr');
      report('failed', { failure, version });
    }
    throw error;
  }
}

/** Maps any error of the pipeline to the API's `DeploymentFailure`. */
export function toFailure(error: unknown): DeploymentFailure {
  if (error instanceof PipelineError) return error.failure;
  if (error instanceof DeployError) return { stage: 'upload', reason: 'internal_error', message: error.message };
  return { stage: 'build', reason: 'internal_error', message: `Internal error: ${error instanceof Error ? error.message : String(error)}` };
}
