import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Harness, jsonError, type RigResult } from './harness.js';
import { expectJsonContract, expectJsonlContract } from './json-contract.js';

/**
 * `rig deploy`, `rig releases`, `rig rollback app` and the live `history --follow` against a real max-local:
 * real builds (`npm install`, build scripts), real app processes behind the hostname router, real exit codes.
 */

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..', 'examples', 'node-http');

interface DeployLine {
  type: string;
  [key: string]: unknown;
}

let h: Harness;
let configDir: string;
let work: string;
const rig = (...args: string[]) => h.rig(args, { configDir });

/** A copy of examples/node-http (the tests change files; the example stays as it is). */
function appTree(name: string): string {
  const dir = join(work, name);
  cpSync(exampleDir, dir, { recursive: true });
  return dir;
}

/** GET / of an app through the router, by Host header: `<app>.<network>.localhost`. */
function fetchApp(app: string, network: string): Promise<{ status: number; body: string }> {
  const router = new URL(h.max.routerUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: router.hostname, port: router.port, path: '/', headers: { host: `${app}.${network}.localhost` } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function lines(result: RigResult): DeployLine[] {
  return expectJsonlContract<DeployLine>('deploy', result.stdout);
}

function ofType(events: DeployLine[], type: string): DeployLine[] {
  return events.filter((e) => e.type === type);
}

beforeAll(async () => {
  // A 1 s stabilization window: long enough for the crash-after-release app below to die inside it.
  h = await Harness.start({ routerPort: 0, stabilizationSeconds: 1 });
  configDir = h.configDir();
  work = mkdtempSync(join(tmpdir(), 'rig-e2e-deploy-'));
  await h.loginWithToken(configDir);
  expect((await rig('create', 'network', 'shop')).code).toBe(0);
});
afterAll(async () => {
  try {
    h.assertNoSecretsLeaked();
    h.assertJsonContracts();
    expect([...h.jsonContractCommands()]).toEqual(expect.arrayContaining(['deploy', 'releases', 'rollback app']));
  } finally {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  }
});

describe('rig deploy', () => {
  let site: string;

  it('--dry-run: counts, largest paths, and every exclusion with its reason; secret-like files called out', async () => {
    site = appTree('site');
    writeFileSync(join(site, '.env'), 'API_KEY=e2e-dry-run-value\n');
    writeFileSync(join(site, 'id_rsa'), '-----BEGIN OPENSSH PRIVATE KEY-----\n');
    writeFileSync(join(site, '.gitignore'), 'tmp/\n');
    mkdirSync(join(site, 'tmp'));
    cpSync(join(site, 'server.js'), join(site, 'tmp', 'copy.js'));

    const table = await rig('deploy', site, '--app', 'shop/web', '--dry-run');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`Would deploy ${site} to shop/web:\n  3 files,`);
    expect(table.stdout).toMatch(/Largest files:\n\s+\S+ \S+\s+server\.js\n/);
    expect(table.stdout).toMatch(/secret-like: [^\n]+:\n {4}\.env\n/);
    expect(table.stdout).toMatch(/secret-like: [^\n]+:\n {4}id_rsa\n/);
    expect(table.stdout).toContain('gitignore: .gitignore:1');
    expect(table.stderr).toContain('Not uploaded: 2 files that look like secrets: .env, id_rsa.');
    // Nothing was sent: the app still does not exist.
    expect((await rig('status', 'app', 'shop/web')).code).toBe(4);

    const asJson = await rig('deploy', site, '--app', 'shop/web', '--dry-run', '-o', 'json');
    expect(asJson.code, asJson.stderr).toBe(0);
    const doc = expectJsonContract<{ files: number; secret_like: string[]; excluded: { kind: string; paths: string[] }[] }>('deploy', asJson.stdout);
    expect(doc).toMatchObject({ files: 3, secret_like: ['.env', 'id_rsa'] });
    expect(doc.excluded.find((g) => g.kind === 'gitignore')?.paths).toEqual(['tmp']);
    // The secret value never travels or prints.
    expect(`${table.stdout}${table.stderr}${asJson.stdout}`).not.toContain('e2e-dry-run-value');
  });

  it('an app that does not exist: exit 4 with a hint about --create', async () => {
    const result = await rig('deploy', site, '--app', 'shop/web');
    expect(result.code).toBe(4);
    expect(result.stdout).toBe('');
  });

  it('--create: creates the app (and says so), streams the build, prints the URL; the router serves it', async () => {
    const result = await rig('deploy', site, '--app', 'web', '--network', 'shop', '--create', '-m', 'first deploy');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('✓ Created app shop/web (it did not exist)');
    expect(result.stderr).toContain('Not uploaded: 2 files that look like secrets: .env, id_rsa.');
    expect(result.stderr).toMatch(/Uploading: 100% \(/);
    expect(result.stderr).toMatch(/^\[build\] /m);
    expect(result.stderr).toContain('✓ shop/web is live (release v1).');
    expect(result.stdout).toMatch(/^http:\/\/web\.shop\.localhost:\d+\n$/);
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (release v1)\n' });
  });

  it('a second deploy with one changed file uploads only that blob (-o jsonl: every event, one per line)', async () => {
    const server = join(site, 'server.js');
    writeFileSync(server, readFileSync(server, 'utf8').replace('from node-http', 'from node-http (second build)'));
    const result = await rig('deploy', site, '--app', 'shop/web', '-o', 'jsonl');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const events = lines(result);
    expect(events[0]?.type).toBe('bundled');
    expect(ofType(events, 'deployment_created')[0]).toMatchObject({ missing_blobs: 1, missing_bytes: statSync(server).size });
    expect(ofType(events, 'uploaded')[0]).toMatchObject({ blobs: 1, bytes: statSync(server).size });
    const progress = ofType(events, 'upload_progress');
    expect(progress.at(-1)).toMatchObject({ bytes_sent: statSync(server).size, bytes_total: statSync(server).size });
    expect(ofType(events, 'build_log').length).toBeGreaterThan(0);
    expect(ofType(events, 'status').map((e) => e['state'])).toContain('running');
    expect(events.at(-1)).toMatchObject({ type: 'healthy', release: 2 });
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (second build) (release v2)\n' });
  });

  it('a broken build exits 10; the previous release keeps serving', async () => {
    const broken = appTree('broken');
    writeFileSync(
      join(broken, 'package.json'),
      JSON.stringify({ name: 'broken', version: '1.0.0', scripts: { build: 'node -e "console.error(\'compile error: e2e\'); process.exit(2)"', start: 'node server.js' } }),
    );
    const result = await rig('deploy', broken, '--app', 'shop/web');
    expect(result.code, result.stderr).toBe(10);
    expect(result.stderr).toContain('[build] compile error: e2e');
    expect(result.stderr).toMatch(/Error: The build of deployment dep_\S+ failed: .+The previous release keeps serving\./);
    expect(result.stderr).toContain('exit-codes.md#exit-10');
    expect(result.stdout).toBe('');

    const asJson = await rig('deploy', broken, '--app', 'shop/web', '--json');
    expect(asJson.code).toBe(10);
    expect(expectJsonContract('deploy', asJson.stdout)).toMatchObject({ outcome: 'build_failed', failure: { stage: 'build' } });
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'build_failed', exit_code: 10 });
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (second build) (release v2)\n' });
  }, 60_000);

  it('a failing health check exits 11; the previous release keeps serving', async () => {
    const sick = appTree('sick');
    // Starts, never listens: the health check (2 s here, via rig.json) fails.
    writeFileSync(join(sick, 'server.js'), "console.log('not listening'); setInterval(() => {}, 1000);\n");
    writeFileSync(join(sick, 'rig.json'), JSON.stringify({ start: 'node server.js', health: { timeout_seconds: 2 } }));
    const result = await rig('deploy', sick, '--app', 'shop/web', '-o', 'jsonl');
    // Traffic never switched to it, so there is nothing to roll back: 11, not 12.
    expect(result.code, result.stderr).toBe(11);
    const events = lines(result);
    expect(events.at(-1)).toMatchObject({ type: 'failed', stage: 'release', reason: 'health_check_failed' });
    expect(jsonError(result.stderr)).toMatchObject({ exit_code: 11 });
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (second build) (release v2)\n' });
  }, 60_000);

  /** Passes its health check, takes traffic, and exits 300 ms after the first probe: inside the 1 s window. */
  function crashAfterRelease(name: string): string {
    const dir = appTree(name);
    writeFileSync(
      join(dir, 'server.js'),
      `let armed = false;
require('node:http').createServer((q, s) => {
  if (q.url === '/healthz' && !armed) { armed = true; setTimeout(() => process.exit(3), 300); }
  s.end('crashy v' + process.env.MAX_RELEASE);
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    writeFileSync(join(dir, 'rig.json'), JSON.stringify({ start: 'node server.js', health: { path: '/healthz' } }));
    return dir;
  }

  it('a release that crashes right after going live is rolled back: exit 12, the previous release serves', async () => {
    const result = await rig('deploy', crashAfterRelease('crashy'), '--app', 'shop/web');
    expect(result.code, result.stderr).toBe(12);
    expect(result.stderr).toMatch(/Error: Deployment dep_\S+ failed after it went live: Release v\d+'s process exited with code 3 .+rolled back to v2/);
    expect(result.stderr).toContain('exit-codes.md#exit-12');
    expect(result.stdout).toBe('');
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (second build) (release v2)\n' });

    const asJson = await rig('deploy', crashAfterRelease('crashy-json'), '--app', 'shop/web', '--json');
    expect(asJson.code, asJson.stderr).toBe(12);
    expect(expectJsonContract('deploy', asJson.stdout)).toMatchObject({
      outcome: 'rolled_back',
      state: 'rolled_back',
      failure: { stage: 'release', reason: 'crashed_after_release' },
    });
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'rolled_back', exit_code: 12 });
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: 'Hello from node-http (second build) (release v2)\n' });
  }, 60_000);

  it('--no-rollback: the crashed release stays (restarting) and rig exits 11; rollback app brings the old code back', async () => {
    const result = await rig('deploy', crashAfterRelease('stubborn'), '--app', 'shop/web', '--no-rollback', '-o', 'jsonl');
    expect(result.code, result.stderr).toBe(11);
    const events = lines(result);
    expect(events.at(-1)).toMatchObject({ type: 'failed', stage: 'release', reason: 'crashed_after_release' });
    expect(jsonError(result.stderr)).toMatchObject({ code: 'crashed_after_release', exit_code: 11 });
    const release = Number(ofType(events, 'release_created')[0]?.['release']);
    const status = await rig('status', 'app', 'shop/web', '--json');
    expect(JSON.parse(status.stdout)).toMatchObject({ current_release: release });
    // v2 no longer runs: whatever answers is the crashed release (or the router's 502 while it restarts).
    const res = await fetchApp('web', 'shop');
    expect(res.status === 502 || res.body === `crashy v${release}`, JSON.stringify(res)).toBe(true);

    // Put the last good code back for the tests below (rollback's default target is the last superseded release).
    const back = await rig('rollback', 'app', 'shop/web');
    expect(back.code, back.stderr).toBe(0);
    expect((await fetchApp('web', 'shop')).body).toMatch(/^Hello from node-http \(second build\) \(release v\d+\)\n$/);
  }, 60_000);

  it('--timeout: exit 20, and the message names the deployment to look up', async () => {
    const slow = appTree('slow');
    writeFileSync(join(slow, 'rig.json'), JSON.stringify({ build: 'node -e "setTimeout(() => process.exit(1), 4000)"', start: 'node server.js' }));
    const result = await rig('deploy', slow, '--app', 'shop/web', '--timeout', '1500ms');
    expect(result.code, result.stderr).toBe(20);
    const id = /deployment (dep_\S+) of shop\/web is still/.exec(result.stderr)?.[1];
    expect(id, result.stderr).toBeDefined();
    expect(result.stderr).toContain(`Look up deployment ${id}`);
    expect(result.stderr).toContain('exit-codes.md#exit-20');
  }, 60_000);

  it('usage errors: no --app (exit 2), a bad --timeout (exit 2), a missing directory (exit 6)', async () => {
    expect(await rig('deploy', site)).toMatchObject({ code: 2, stderr: expect.stringContaining('Which app?') });
    expect(await rig('deploy', site, '--app', 'shop/web', '--timeout', 'soon')).toMatchObject({ code: 2, stderr: expect.stringContaining('--timeout') });
    expect((await rig('deploy', join(work, 'nope'), '--app', 'shop/web')).code).toBe(6);
  });
});

describe('releases and rollback', () => {
  it('a var change makes a release; rollback --to v1 restores code and config; releases lists them all', async () => {
    const set = await rig('create', 'var', 'GREETING=Hi', '--app', 'shop/web');
    expect(set.code, set.stderr).toBe(0);
    // The config release restarts the app; wait for it to serve the new value.
    let seen = '';
    for (let i = 0; i < 50 && !seen.startsWith('Hi'); i++) {
      seen = (await fetchApp('web', 'shop')).body;
      if (!seen.startsWith('Hi')) await new Promise((r) => setTimeout(r, 100));
    }
    expect(seen).toMatch(/^Hi from node-http \(second build\) \(release v\d+\)\n$/);

    const rollback = await rig('rollback', 'app', 'shop/web', '--to', 'v1', '-o', 'json');
    expect(rollback.code, rollback.stderr).toBe(0);
    const doc = expectJsonContract<{ outcome: string; release: { version: number; rollback_of: number; state: string; reason: string } }>('rollback app', rollback.stdout);
    expect(doc).toMatchObject({ outcome: 'live', release: { rollback_of: 1, state: 'active', reason: 'rollback' } });
    // v1's code (no "second build") and v1's config (no GREETING).
    expect(await fetchApp('web', 'shop')).toEqual({ status: 200, body: `Hello from node-http (release v${doc.release.version})\n` });

    const table = await rig('releases', 'shop/web');
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(new RegExp(`^v${doc.release.version}\tactive\trollback to v1\t`, 'm'));
    expect(table.stdout).toMatch(/^v1\tsuperseded\tdeploy\t/m);
    expect(table.stdout).toMatch(/\tfailed\tdeploy\t/);
    expect(table.stdout).toMatch(/\tconfig\t/);
    const asJson = await rig('releases', 'shop/web', '--json');
    const releases = expectJsonContract<{ version: number }[]>('releases', asJson.stdout);
    expect(releases.map((r) => r.version)).toEqual([...releases.map((r) => r.version)].sort((a, b) => b - a));
  }, 60_000);

  it('rollback errors: a version that does not exist (exit 4), a bad --to (exit 2)', async () => {
    expect((await rig('rollback', 'app', 'shop/web', '--to', 'v99')).code).toBe(4);
    expect(await rig('rollback', 'app', 'shop/web', '--to', 'latest')).toMatchObject({ code: 2 });
  });
});

describe('live: history --follow and status dashboard --watch', () => {
  it('-o jsonl: lists, then streams an event made while it runs; Ctrl-C exits 130 quietly', async () => {
    const running = await h.start(['history', '--follow', '--network', 'shop', '-o', 'jsonl'], { configDir });
    onTestFinished(() => void running.child.kill('SIGKILL'));
    let stdout = '';
    running.child.stdout.on('data', (chunk: string) => (stdout += chunk));
    const waitFor = async (test: () => boolean, what: string) => {
      for (let i = 0; i < 200 && !test(); i++) await new Promise((r) => setTimeout(r, 50));
      expect(test(), `${what}: ${stdout}`).toBe(true);
    };
    await waitFor(() => stdout.includes('"action":"network.created"'), 'the listed history');
    // Give the stream a moment to join, then make a change elsewhere (another rig process).
    await new Promise((r) => setTimeout(r, 500));
    const set = await rig('create', 'var', 'FOLLOWED=1', '--network', 'shop');
    expect(set.code, set.stderr).toBe(0);
    await waitFor(() => /"action":"var\.set"[^\n]*"FOLLOWED"/.test(stdout), 'the live event');
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).not.toMatch(/\bat .+\.(m?js|ts):\d+/);
    // Leaving a follow is not an error: no JSON error document on stderr (docs/cli/exit-codes.md, 130).
    expect(result.stderr).toBe('');
    const events = expectJsonlContract<{ seq: number; action: string }>('history', result.stdout);
    // Oldest first, each event once.
    expect(events.map((e) => e.seq)).toEqual([...new Set(events.map((e) => e.seq))].sort((a, b) => a - b));
  }, 60_000);

  it('status dashboard --watch -o jsonl: a new dashboard per change; Ctrl-C exits 130', async () => {
    const running = await h.start(['status', 'dashboard', '--watch', '-o', 'jsonl'], { configDir });
    onTestFinished(() => void running.child.kill('SIGKILL'));
    let stdout = '';
    running.child.stdout.on('data', (chunk: string) => (stdout += chunk));
    const count = () => stdout.split('\n').filter(Boolean).length;
    for (let i = 0; i < 200 && count() < 1; i++) await new Promise((r) => setTimeout(r, 50));
    expect(count()).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect((await rig('create', 'app', 'shop/watched')).code).toBe(0);
    for (let i = 0; i < 200 && count() < 2; i++) await new Promise((r) => setTimeout(r, 50));
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    const docs = expectJsonlContract<{ apps: { name: string }[] }>('status dashboard', result.stdout);
    expect(docs.length).toBeGreaterThanOrEqual(2);
    expect(docs[0]?.apps.map((a) => a.name)).not.toContain('watched');
    expect(docs.at(-1)?.apps.map((a) => a.name)).toContain('watched');
    expect(await rig('status', 'dashboard', '--watch', '--json')).toMatchObject({ code: 2 });
  }, 60_000);

  it('--follow cannot make one JSON document (exit 2)', async () => {
    expect(await rig('history', '--follow', '--json')).toMatchObject({ code: 2, stderr: expect.stringContaining('-o jsonl') });
  });
});
