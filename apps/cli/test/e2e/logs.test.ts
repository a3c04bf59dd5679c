import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Harness } from './harness.js';
import { expectJsonContract, expectJsonlContract } from './json-contract.js';

/**
 * `rig logs app|build|network` against a real max-local: examples/node-http deployed with `rig deploy --create`,
 * requested through the hostname router (it logs one line per request), then read back as history and live.
 */

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'node-http');

interface LogRecord {
  seq?: number;
  ts?: string;
  stream?: string;
  source?: string;
  line?: string;
  app?: string;
  type?: string;
  state?: string;
}

let h: Harness;
let configDir: string;
let work: string;
let deploymentId: string;
const rig = (...args: string[]) => h.rig(args, { configDir });

/** GET a path of shop/web through the router, by Host header. */
function fetchApp(path: string): Promise<number> {
  const router = new URL(h.max.routerUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: router.hostname, port: router.port, path, headers: { host: 'web.shop.localhost' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function waitFor(test: () => boolean, what: () => string): Promise<void> {
  for (let i = 0; i < 300 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(test(), what()).toBe(true);
}

const seqsOf = (records: LogRecord[]) => records.flatMap((r) => (r.seq === undefined ? [] : [r.seq]));

beforeAll(async () => {
  h = await Harness.start({ routerPort: 0 });
  configDir = h.configDir();
  work = mkdtempSync(join(tmpdir(), 'rig-e2e-logs-'));
  await h.loginWithToken(configDir);
  expect((await rig('create', 'network', 'shop')).code).toBe(0);
  const site = join(work, 'site');
  cpSync(exampleDir, site, { recursive: true });
  const deployed = await rig('deploy', site, '--app', 'shop/web', '--create', '-o', 'json');
  expect(deployed.code, deployed.stderr).toBe(0);
  deploymentId = expectJsonContract<{ deployment_id: string }>('deploy', deployed.stdout).deployment_id;
  for (const path of ['/e2e-1', '/e2e-2', '/e2e-3']) expect(await fetchApp(path)).toBe(200);
}, 120_000);

afterAll(async () => {
  try {
    h.assertNoSecretsLeaked();
    h.assertJsonContracts();
    expect([...h.jsonContractCommands()]).toEqual(expect.arrayContaining(['logs app', 'logs build', 'logs network']));
  } finally {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  }
});

describe('rig logs app', () => {
  it('-o jsonl: the runtime lines, one object per line, seq increasing', async () => {
    let records: LogRecord[] = [];
    // The app's stdout reaches the log store asynchronously: read until the three requests are in.
    for (let i = 0; i < 100; i++) {
      const result = await rig('logs', 'app', 'shop/web', '-o', 'jsonl');
      expect(result.code, result.stderr).toBe(0);
      records = expectJsonlContract<LogRecord>('logs app', result.stdout);
      if (records.filter((r) => r.line?.startsWith('GET /e2e-')).length === 3) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const requests = records.filter((r) => r.line?.startsWith('GET /e2e-'));
    expect(requests.map((r) => r.line)).toEqual(['GET /e2e-1', 'GET /e2e-2', 'GET /e2e-3']);
    expect(requests.every((r) => r.source === 'app' && r.stream === 'stdout')).toBe(true);
    const seqs = seqsOf(records);
    expect(seqs.length).toBe(records.length);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    // The platform's own lines about the app are there too.
    expect(records.some((r) => r.source === 'platform')).toBe(true);
  });

  it('table mode piped: `ts source | line`; --grep and --tail narrow it', async () => {
    const result = await rig('logs', 'app', 'web', '--network', 'shop', '--grep', 'GET /e2e-', '--tail', '2');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\d{4}-\d\d-\d\dT\S+Z app \| GET \/e2e-2\n\S+ app \| GET \/e2e-3\n$/);
    expect(result.stdout).not.toContain('\u001b[');
  });

  it('--follow -o jsonl: history, then a line written while it runs, once; Ctrl-C exits 130 quietly', async () => {
    const running = await h.start(['logs', 'app', 'shop/web', '--follow', '--grep', 'GET /', '-o', 'jsonl'], { configDir });
    onTestFinished(() => void running.child.kill('SIGKILL'));
    let stdout = '';
    running.child.stdout.on('data', (chunk: string) => (stdout += chunk));
    await waitFor(
      () => stdout.includes('"line":"GET /e2e-3"'),
      () => `the history: ${stdout}`,
    );
    // Whether or not the live stream has joined yet, the request below is delivered: the stream resumes after
    // the history's last seq.
    expect(await fetchApp('/followed')).toBe(200);
    await waitFor(
      () => stdout.includes('"line":"GET /followed"'),
      () => `the live line: ${stdout}`,
    );
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    // Leaving a follow is not an error: no JSON error document on stderr (docs/cli/exit-codes.md, 130).
    expect(result.stderr).toBe('');
    const records = expectJsonlContract<LogRecord>('logs app', result.stdout);
    expect(records.filter((r) => r.line === 'GET /followed')).toHaveLength(1);
    const seqs = seqsOf(records);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  }, 60_000);

  it('an unknown app exits 4', async () => {
    const result = await rig('logs', 'app', 'shop/nope');
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
    expect((await rig('logs', 'app', 'shop/nope', '--follow', '-o', 'jsonl')).code).toBe(4);
  });

  it('--follow with -o json or --until is a usage error (exit 2)', async () => {
    expect(await rig('logs', 'app', 'shop/web', '-f', '--json')).toMatchObject({ code: 2, stderr: expect.stringContaining('-o jsonl') });
    expect(await rig('logs', 'app', 'shop/web', '-f', '--until', '1h')).toMatchObject({ code: 2 });
  });
});

describe('rig logs build', () => {
  it('shows the build output of a deployment', async () => {
    const result = await rig('logs', 'build', deploymentId);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^\S+ platform \| Build plan from /m);
    expect(result.stdout).toMatch(/^\S+ platform \| Build succeeded\.$/m);
    expect(result.stderr).toBe('');
  });

  it('--follow on a finished build replays it and ends at eof with its outcome (exit 0)', async () => {
    const result = await rig('logs', 'build', deploymentId, '--follow', '-o', 'jsonl');
    expect(result.code, result.stderr).toBe(0);
    const records = expectJsonlContract<LogRecord>('logs build', result.stdout);
    expect(records.some((r) => r.line === 'Build succeeded.')).toBe(true);
    expect(records.at(-1)).toMatchObject({ type: 'eof' });
    expect(records.at(-1)?.state).not.toBe('failed');
    expect(result.stderr).toContain('-- end of the build log: the build succeeded');
    const seqs = seqsOf(records);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
  });

  it('-o json: one array; an unknown deployment exits 4', async () => {
    const result = await rig('logs', 'build', deploymentId, '-o', 'json');
    expect(result.code, result.stderr).toBe(0);
    expect(expectJsonContract<LogRecord[]>('logs build', result.stdout).length).toBeGreaterThan(0);
    expect((await rig('logs', 'build', 'dep_doesnotexist')).code).toBe(4);
  });
});

describe('rig logs network', () => {
  it('merges the apps of a network; each line names its app', async () => {
    const result = await rig('logs', 'network', 'shop', '--grep', 'GET /e2e-', '-o', 'jsonl');
    expect(result.code, result.stderr).toBe(0);
    const records = expectJsonlContract<LogRecord>('logs network', result.stdout);
    expect(records.map((r) => [r.app, r.line])).toEqual([
      ['web', 'GET /e2e-1'],
      ['web', 'GET /e2e-2'],
      ['web', 'GET /e2e-3'],
    ]);
    expect((await rig('logs', 'network', 'nowhere')).code).toBe(4);
  });
});
