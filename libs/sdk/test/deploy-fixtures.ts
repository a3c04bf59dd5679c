import type { Deployment, LogLine, LogPage, Release } from '../src/types.js';

/** Valid wire objects of the deploy endpoints (typed by the generated spec types). */

export const deployment = (extra: Partial<Deployment> = {}): Deployment => ({
  id: 'dep_1',
  network: 'staging',
  app: 'web',
  state: 'uploading',
  message: null,
  file_count: 2,
  total_size: 30,
  missing_blobs: ['a'.repeat(64)],
  release: null,
  failure: null,
  created_by: { type: 'user', id: 'usr_1', email: 'dev@example.test' },
  created_at: '2025-01-01T00:00:00Z',
  updated_at: '2025-01-01T00:00:00Z',
  finished_at: null,
  ...extra,
});

export const release = (version: number, extra: Partial<Release> = {}): Release => ({
  version,
  network: 'staging',
  app: 'web',
  state: 'active',
  reason: 'deploy',
  deployment_id: 'dep_1',
  rollback_of: null,
  config_digest: `sha256:${'c'.repeat(64)}`,
  description: `Deploy v${version}`,
  created_by: { type: 'user', id: 'usr_1', email: 'dev@example.test' },
  created_at: '2025-01-01T00:00:00Z',
  ...extra,
});

export const line = (seq: number, text = `line ${seq}`): LogLine => ({
  seq,
  ts: '2025-01-01T00:00:00Z',
  stream: 'stdout',
  source: 'build',
  line: text,
});

export const logPage = (seqs: number[], hasMore = false): LogPage => ({
  data: seqs.map((s) => line(s)),
  has_more: hasMore,
  earliest_seq: 1,
  latest_seq: Math.max(0, ...seqs) || null,
});
