import type { DeployEvent } from '@max/rig-sdk/node';
import type * as z from 'zod/mini';
import type { DeployEventLineSchema } from '../json-contract/deploy-schemas.js';

export type DeployEventLine = z.infer<typeof DeployEventLineSchema>;

/**
 * An SDK deploy event as rig's `-o jsonl` line (docs/cli/json/deploy.schema.json): snake_case like the wire, and
 * only what the contract names, so the SDK's objects can grow without changing what scripts read.
 */
export function deployEventLine(event: DeployEvent): DeployEventLine {
  switch (event.type) {
    case 'bundled': {
      const s = event.summary;
      return {
        type: 'bundled',
        files: s.fileCount,
        bytes: s.totalBytes,
        unique_blobs: s.uniqueBlobs,
        digest: s.digest,
        excluded_count: s.excludedCount,
        secret_like: s.secretLike,
        warnings: s.warnings.map((w) => ({ path: w.path, code: w.code, message: w.message })),
      };
    }
    case 'app_created':
      return { type: 'app_created', network: event.app.network, app: event.app.name, url: event.app.url };
    case 'deployment_created':
      return { type: 'deployment_created', deployment_id: event.deploymentId, missing_blobs: event.missingBlobs, missing_bytes: event.missingBytes };
    case 'upload_progress':
      return {
        type: 'upload_progress',
        bytes_sent: event.bytesSent,
        bytes_total: event.bytesTotal,
        blobs_done: event.blobsDone,
        blobs_total: event.blobsTotal,
        chunks_done: event.chunksDone,
        chunks_total: event.chunksTotal,
      };
    case 'upload_retry':
      return { type: 'upload_retry', chunk: event.chunk, attempt: event.attempt, delay_ms: Math.round(event.delayMs), error: { code: event.error.code, message: event.error.message } };
    case 'uploaded':
      return { type: 'uploaded', blobs: event.blobs, bytes: event.bytes, chunks: event.chunks, duration_ms: Math.round(event.durationMs) };
    case 'status':
      return { type: 'status', deployment_id: event.deploymentId, state: event.state, previous_state: event.previousState };
    case 'build_log': {
      const { seq, ts, stream, source, line } = event.line;
      return { type: 'build_log', deployment_id: event.deploymentId, seq, ts, stream, source, line };
    }
    case 'build_log_gap':
      return { type: 'build_log_gap', deployment_id: event.deploymentId, from_seq: event.fromSeq, to_seq: event.toSeq, reason: event.reason };
    case 'release_created':
      return { type: 'release_created', deployment_id: event.deploymentId, release: event.version };
    case 'stabilizing':
      return { type: 'stabilizing', deployment_id: event.deploymentId, release: event.release, second: event.second, seconds: event.seconds, ok: event.ok };
    case 'healthy':
      return { type: 'healthy', deployment_id: event.deploymentId, release: event.release, url: event.url };
    case 'failed':
      return { type: 'failed', deployment_id: event.deploymentId, stage: event.stage, reason: event.reason, message: event.message };
    case 'rolled_back':
      return { type: 'rolled_back', deployment_id: event.deploymentId, release: event.release, failure: event.failure };
    case 'cancelled':
      return { type: 'cancelled', deployment_id: event.deploymentId };
    case 'timeout':
      return { type: 'timeout', deployment_id: event.deploymentId, timeout_ms: Math.round(event.timeoutMs), state: event.state };
  }
}
