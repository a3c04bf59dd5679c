import type { BundleSummary, DeployEvent } from '@max/rig-sdk/node';
import { describe, expect, it } from 'vitest';
import { createTestIo } from '../../test/helpers/test-io.js';
import { deployOutcomeExitCode, type DeployOutcome } from '../errors/deploy-exit-code.js';
import { ExitCode } from '../errors/exit-codes.js';
import { DeployEventLineSchema } from '../json-contract/deploy-schemas.js';
import { plainPalette } from '../output/colors.js';
import { deployEventLine } from './deploy-events.js';
import { DeployRenderer, renderDryRun, secretLikeWarning } from './deploy-renderer.js';

const summary: BundleSummary = {
  fileCount: 3,
  symlinkCount: 1,
  totalBytes: 3 * 1024 * 1024 + 10,
  uniqueBlobs: 3,
  largest: [
    { path: 'public/big.bin', size: 3 * 1024 * 1024 },
    { path: 'server.js', size: 10 },
  ],
  excludedCount: 3,
  excluded: [
    { kind: 'secret-like', reason: 'secret-like: environment file', paths: ['.env', 'config/.env.production'] },
    { kind: 'gitignore', reason: 'gitignore: .gitignore:3', pattern: 'dist/', paths: ['dist'] },
  ],
  secretLike: ['.env', 'config/.env.production'],
  warnings: [{ path: 'run/sock', code: 'special_file', message: 'a socket, skipped' }],
  digest: 'd'.repeat(64),
};
const failure = { stage: 'build', reason: 'build_failed', message: 'npm run build exited with code 1' } as const;
const line = { seq: 4, ts: '2026-11-24T12:00:00.000Z', stream: 'stderr', source: 'build', line: 'error TS2304' } as const;
const app = {
  id: 'app_1',
  name: 'web',
  network: 'prod',
  hostname: 'web.prod.localhost',
  url: 'http://web.prod.localhost:4080',
  description: null,
  health_check_path: '/',
  status: 'created',
  current_release: null,
  created_at: 't',
  updated_at: 't',
} as const;

/** One event of every type the SDK yields (the switch in deployEventLine must handle each). */
const events: DeployEvent[] = [
  { type: 'bundled', summary },
  { type: 'app_created', app },
  { type: 'deployment_created', deploymentId: 'dep_1', deployment: {} as never, missingBlobs: 2, missingBytes: 2048 },
  { type: 'upload_progress', bytesSent: 1024, bytesTotal: 2048, blobsDone: 1, blobsTotal: 2, chunksDone: 0, chunksTotal: 1 },
  { type: 'upload_retry', chunk: 0, attempt: 1, delayMs: 512.4, error: { code: 'connection_failed', message: 'socket hang up' } },
  { type: 'upload_progress', bytesSent: 2048, bytesTotal: 2048, blobsDone: 2, blobsTotal: 2, chunksDone: 1, chunksTotal: 1 },
  { type: 'uploaded', blobs: 2, bytes: 2048, chunks: 1, durationMs: 1234 },
  { type: 'status', deploymentId: 'dep_1', state: 'building', previousState: 'queued' },
  { type: 'build_log', deploymentId: 'dep_1', line },
  { type: 'build_log_gap', deploymentId: 'dep_1', fromSeq: 5, toSeq: 9, reason: 'retention' },
  { type: 'release_created', deploymentId: 'dep_1', version: 3 },
  { type: 'stabilizing', deploymentId: 'dep_1', release: 3, second: 1, seconds: 3, ok: true },
  { type: 'stabilizing', deploymentId: 'dep_1', release: 3, second: 2, seconds: 3, ok: true },
  { type: 'stabilizing', deploymentId: 'dep_1', release: 3, second: 3, seconds: 3, ok: true },
  { type: 'healthy', deploymentId: 'dep_1', url: app.url, release: 3 },
  { type: 'failed', deploymentId: 'dep_1', ...failure },
  { type: 'rolled_back', deploymentId: 'dep_1', release: 2, failure },
  { type: 'cancelled', deploymentId: 'dep_1' },
  { type: 'timeout', deploymentId: 'dep_1', timeoutMs: 90_000, state: 'building' },
];

describe('deployEventLine: SDK events → the -o jsonl contract', () => {
  it.each(events.map((e) => [e.type, e] as const))('%s is a valid line, snake_case, typed by `type`', (type, event) => {
    const mapped = deployEventLine(event);
    expect(mapped.type).toBe(type);
    expect(DeployEventLineSchema.parse(mapped)).toEqual(mapped);
    expect(Object.keys(mapped).every((k) => /^[a-z_]+$/.test(k))).toBe(true);
  });

  it('keeps the secret-like paths and the exact byte counts', () => {
    expect(deployEventLine(events[0] as DeployEvent)).toMatchObject({ type: 'bundled', files: 3, bytes: summary.totalBytes, secret_like: ['.env', 'config/.env.production'] });
    expect(deployEventLine(events[3] as DeployEvent)).toMatchObject({ bytes_sent: 1024, bytes_total: 2048 });
  });
});

describe('deploy outcome → exit code (docs/cli/exit-codes.md)', () => {
  it.each([
    ['live', ExitCode.Ok],
    ['submitted', ExitCode.Ok],
    ['build_failed', 10],
    ['health_check_failed', 11],
    ['rolled_back', 12],
    ['timed_out', 20],
    ['failed', 1],
    ['cancelled', 1],
  ] as const)('%s → %d', (outcome: DeployOutcome, code) => expect(deployOutcomeExitCode(outcome)).toBe(code));
});

describe('DeployRenderer (people, stderr)', () => {
  const render = (tty: boolean) => {
    const io = createTestIo({ isStderrTTY: tty });
    let t = 0;
    const renderer = new DeployRenderer({ stderr: io.stderr, tty, columns: 100, palette: plainPalette, target: { network: 'prod', app: 'web' }, now: () => (t += 300) });
    for (const event of events) renderer.handle(event);
    return io;
  };

  it('piped: one plain line per step, the secret-like files named, build output prefixed, no control characters', () => {
    const io = render(false);
    const text = io.stderrText();
    expect(text).toContain('Bundled 3 files (3.0 MiB); 3 excluded');
    expect(text).toContain('Warning: Not uploaded: 2 files that look like secrets: .env, config/.env.production.');
    expect(text).toContain('Warning: skipped run/sock: a socket, skipped');
    expect(text).toContain('✓ Created app prod/web (it did not exist): http://web.prod.localhost:4080');
    expect(text).toContain('Deployment dep_1: uploading 2 files (2.0 KiB) the platform does not have.');
    expect(text).toMatch(/Uploading: 50% \(1\.0 KiB of 2\.0 KiB/);
    expect(text).toContain('Uploading: 100% (2.0 KiB of 2.0 KiB');
    expect(text).toContain('upload chunk 1 failed (socket hang up); retrying in 1s (attempt 2)');
    expect(text).toContain('Uploaded 2 files (2.0 KiB) in 1.2 s.');
    expect(text).toContain('Deployment dep_1: queued → building');
    expect(text).toContain('[build] error TS2304\n');
    expect(text).toContain('build log lines 5–9 are no longer available (retention)');
    expect(text).toContain('Release v3 created');
    // The stabilization window: one line for the window, not one per tick.
    expect(text.match(/Watching release v3 for 3 s before it counts as live/g)).toHaveLength(1);
    expect(text).toContain('✓ prod/web is live (release v3).');
    expect(text.includes('\r') || text.includes('\u001b')).toBe(false);
    expect(io.stdoutText()).toBe('');
  });

  it('on a terminal: the upload bar redraws in place and other lines never share its line', () => {
    const text = render(true).stderrText();
    expect(text).toContain('\r\u001b[KUploading [');
    expect(text).toContain('\r\u001b[KWarning: upload chunk 1 failed');
    expect(text).not.toMatch(/Uploading: \d+%/);
    // The countdown redraws in place (3 s left → 2 → 1), is cleared at the end, and the next line starts clean.
    expect(text).toContain('\r\u001b[2KWatching release v3 for 3 s before it counts as live: 2 s left…');
    expect(text).toContain('\r\u001b[2KWatching release v3 for 3 s before it counts as live: 1 s left…');
    const clear = '\r\u001b[2K';
    expect(text.includes(`1 s left…${clear}✓ prod/web is live`) || text.includes(`1 s left…${clear}${clear}✓ prod/web is live`)).toBe(true);
  });
});

describe('dry run', () => {
  it('lists counts, the largest files and every exclusion with its reason, secret-like first', () => {
    const text = renderDryRun(summary, { network: 'prod', app: 'web', directory: '/src/site' });
    expect(text).toContain('Would deploy /src/site to prod/web:\n  3 files, 3.0 MiB (3 distinct blobs), 1 symlink\n');
    expect(text).toContain('Largest files:\n  3.0 MiB  public/big.bin\n     10 B  server.js\n');
    expect(text).toContain('Excluded (3):\n  secret-like: environment file:\n    .env\n    config/.env.production\n  gitignore: .gitignore:3 (dist/):\n    dist\n');
    expect(text).toContain('Skipped run/sock: a socket, skipped');
  });

  it('the secret warning names at most ten paths, then counts the rest', () => {
    expect(secretLikeWarning([])).toBeUndefined();
    expect(secretLikeWarning(['.env'])).toMatch(/^Not uploaded: 1 file that looks like secrets: \.env\./);
    const many = Array.from({ length: 12 }, (_, i) => `k${i}.pem`);
    expect(secretLikeWarning(many)).toContain('k9.pem and 2 more.');
  });
});
