import type { Schemas } from '@max/api-spec';
import { toRfc3339, toRfc3339OrNull } from '../clock.js';
import type { DeploymentStateChange } from './deploy-service.js';
import type { DeploymentRecord, ReleaseRecord } from './deployment-records.js';
import type { StoredLogLine } from './log-store.js';

/** Deploy records → the spec's wire shapes (REST and the `deployment:`/`logs:` channels share them). */

export const toWireDeployment = (d: DeploymentRecord): Schemas['Deployment'] => ({
  id: d.id,
  network: d.network,
  app: d.app,
  state: d.state,
  message: d.message,
  file_count: d.fileCount,
  total_size: d.totalSize,
  missing_blobs: d.state === 'uploading' ? d.missingBlobs : [],
  release: d.release,
  failure: d.failure,
  created_by: d.createdBy,
  created_at: toRfc3339(d.createdAt),
  updated_at: toRfc3339(d.updatedAt),
  finished_at: toRfc3339OrNull(d.finishedAt),
});

export const toWireRelease = (r: ReleaseRecord): Schemas['Release'] => ({
  version: r.version,
  network: r.network,
  app: r.app,
  state: r.state,
  reason: r.reason,
  deployment_id: r.deploymentId,
  rollback_of: r.rollbackOf,
  config_digest: r.configDigest,
  description: r.description,
  created_by: r.createdBy,
  created_at: toRfc3339(r.createdAt),
});

/** The last timestamp formatted: a busy stream has hundreds of lines per millisecond, and formatting is not free. */
let lastTs = { ms: Number.NaN, text: '' };
const logTs = (ms: number): string => {
  if (ms !== lastTs.ms) lastTs = { ms, text: toRfc3339(ms) };
  return lastTs.text;
};

export const toWireLogLine = (line: StoredLogLine): Schemas['LogLine'] => ({
  seq: line.seq,
  ts: logTs(line.ts),
  stream: line.stream,
  source: line.source,
  line: line.line,
  ...(line.app === undefined ? {} : { app: line.app }),
});

export const toWireStateChange = (change: DeploymentStateChange, buildLogSeq?: number) => ({
  state: change.state,
  previous_state: change.previousState,
  release: change.release,
  failure: change.failure,
  at: toRfc3339(change.at),
  ...(buildLogSeq === undefined ? {} : { build_log_seq: buildLogSeq }),
});
