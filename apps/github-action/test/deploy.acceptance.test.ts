import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { MaxClient } from '@max/rig-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleCopy, exampleDir, fetchThroughRouter, runAction, type ActionRun } from './action-runner.js';

// The bundled Action (dist/index.mjs) run as GitHub runs it, against max-local in this process (port 0): deploy
// with outputs and a job summary, a broken build, a release that crashes and is rolled back, bad inputs.

let max: MaxLocal;
let dataDir: string;
let work: string;
let token: string;
const runs: ActionRun[] = [];

async function action(inputs: Record<string, string>, env: Record<string, string> = {}): Promise<ActionRun> {
  const result = await runAction({ inputs: { 'api-url': max.url, token, ...inputs }, env });
  runs.push(result);
  return result;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rig-action-data-'));
  work = mkdtempSync(join(tmpdir(), 'rig-action-work-'));
  // A 1 s stabilization window: long enough for the crashing release below to die inside it.
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, log: false, stabilizationSeconds: 1 });
  token = await createApiToken({ dataDir, name: 'action-acceptance' });
  await new MaxClient({ apiUrl: max.url, token, retry: false }).networks.create({ name: 'shop' });
}, 60_000);

afterAll(async () => {
  try {
    // Every run: the token was masked, and it is in no output, summary or log line.
    for (const run of runs) {
      expect(run.masks).toContain(token);
      expect(run.everything).not.toContain(token);
    }
  } finally {
    await max?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

describe('command: deploy', () => {
  it('deploys examples/node-http: outputs hold the URL and release, the router serves it, the summary names both', async () => {
    const run = await action({ app: 'shop/web', dir: exampleDir, create: 'true' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', release: '1', 'exit-code': '0' });
    expect(run.outputs['url']).toMatch(/^http:\/\/web\.shop\.localhost:\d+$/);
    expect(run.outputs['deployment-id']).toMatch(/^dep_/);
    expect(run.outputs['previous-release']).toBeUndefined();
    expect(await fetchThroughRouter(max.routerUrl, 'web.shop.localhost')).toEqual({ status: 200, body: 'Hello from node-http (release v1)\n' });
    expect(run.summary).toContain('shop/web');
    expect(run.summary).toContain(run.outputs['url']);
    expect(run.summary).toContain('— → v1');
    expect(run.summary).toMatch(/\| Uploaded \| 2 blobs, [\d.]+ \S+ · skipped 0 blobs/);
    // The build output is a collapsed group; the default message is the commit's short SHA.
    expect(run.stdout).toMatch(/^::group::Build log$/m);
    expect(run.stdout).toMatch(/^::endgroup::$/m);
    const releases = await new MaxClient({ apiUrl: max.url, token }).deployments.list('shop', 'web').toArray();
    expect(releases[0]?.message).toBe('0123456');
  }, 90_000);

  it('a second deploy of the same tree uploads nothing and names the release before and after', async () => {
    const run = await action({ app: 'shop/web', dir: exampleDir, message: 'again' });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', release: '2', 'previous-release': '1' });
    expect(run.summary).toContain('v1 → v2');
    expect(run.summary).toMatch(/\| Uploaded \| 0 blobs, 0 B · skipped 2 blobs/);
  }, 90_000);

  it('a broken build fails the step with status build_failed; the summary holds the log tail; the old release serves', async () => {
    const broken = exampleCopy(work, 'broken');
    writeFileSync(
      join(broken, 'package.json'),
      JSON.stringify({ name: 'broken', version: '1.0.0', scripts: { build: 'node -e "console.error(\'compile error: action-e2e\'); process.exit(2)"', start: 'node server.js' } }),
    );
    const run = await action({ app: 'shop/web', dir: broken });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'build_failed', 'exit-code': '10', 'previous-release': '2' });
    expect(run.stdout).toMatch(/^::error::The build of deployment dep_\S+ failed/m);
    expect(run.stdout).toContain('[build] compile error: action-e2e');
    expect(run.summary).toContain('**Why:** The build of deployment');
    expect(run.summary).toMatch(/Build log of dep_\S+ \(last \d+ lines\)/);
    expect(run.summary).toContain('compile error: action-e2e');
    expect(await fetchThroughRouter(max.routerUrl, 'web.shop.localhost')).toEqual({ status: 200, body: 'Hello from node-http (release v2)\n' });
  }, 90_000);

  it('a release that never becomes healthy fails with status health_check_failed (11); the old release serves', async () => {
    const sick = exampleCopy(work, 'sick');
    writeFileSync(join(sick, 'server.js'), "console.log('sick: not listening'); setInterval(() => {}, 1000);\n");
    writeFileSync(join(sick, 'rig.json'), JSON.stringify({ start: 'node server.js', health: { timeout_seconds: 2 } }));
    const run = await action({ app: 'shop/web', dir: sick });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'health_check_failed', 'exit-code': '11', 'previous-release': '2' });
    expect(run.summary).toContain('never became healthy');
    expect(run.summary).toContain('sick: not listening');
    expect(await fetchThroughRouter(max.routerUrl, 'web.shop.localhost')).toEqual({ status: 200, body: 'Hello from node-http (release v2)\n' });
  }, 90_000);

  it('a release that crashes right after going live is rolled back (status rolled_back, exit-code 12)', async () => {
    const crashy = exampleCopy(work, 'crashy');
    writeFileSync(
      join(crashy, 'server.js'),
      `let armed = false;
require('node:http').createServer((q, s) => {
  if (q.url === '/healthz' && !armed) { armed = true; console.log('crashy: going down'); setTimeout(() => process.exit(3), 300); }
  s.end('crashy v' + process.env.MAX_RELEASE);
}).listen(Number(process.env.PORT), '127.0.0.1');
`,
    );
    writeFileSync(join(crashy, 'rig.json'), JSON.stringify({ start: 'node server.js', health: { path: '/healthz' } }));
    const run = await action({ app: 'shop/web', dir: crashy });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'rolled_back', 'exit-code': '12', 'previous-release': '2' });
    expect(Number(run.outputs['release'])).toBeGreaterThan(2);
    expect(run.summary).toContain('restored the previous release');
    expect(run.summary).toMatch(/Runtime log of shop\/web/);
    expect(run.summary).toContain('crashy: going down');
    expect((await fetchThroughRouter(max.routerUrl, 'web.shop.localhost')).body).toMatch(/^Hello from node-http \(release v\d+\)\n$/);
  }, 90_000);
});

describe('inputs are checked before anything is sent', () => {
  it.each([
    [{ app: 'web' }, /Input "app": Which network/],
    [{ app: 'shop/web', command: 'launch' }, /Input "command" must be one of deploy, preview/],
    [{ app: 'shop/web', timeout: 'soon' }, /Input "timeout" must be a duration/],
    [{ app: 'shop/web', rollback: 'maybe' }, /Input "rollback" must be true or false/],
    [{ app: 'shop/web', command: 'preview' }, /runs on pull_request events/],
    [{ app: 'shop/web', command: 'run' }, /Input "args" is required/],
    [{ command: 'config-apply' }, /Input "config" is required/],
  ])('%o', async (inputs, message) => {
    const before = await new MaxClient({ apiUrl: max.url, token }).events.list({ limit: 200 }).toArray();
    const run = await action(inputs);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(message);
    expect(run.outputs).toMatchObject({ status: 'invalid_input', 'exit-code': '2' });
    expect(run.summary).toContain('invalid_input');
    expect(await new MaxClient({ apiUrl: max.url, token }).events.list({ limit: 200 }).toArray()).toHaveLength(before.length);
  });

  it('no token and no id-token permission: a clear error that names both ways to log in', async () => {
    const run = await runAction({ inputs: { 'api-url': max.url, app: 'shop/web' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/::error::No "token" input, and this job cannot request an OIDC ID token/);
    expect(run.outputs['status']).toBe('invalid_input');
  });

  it('an unreachable platform: status unreachable, exit-code 7', async () => {
    const run = await action({ 'api-url': 'http://127.0.0.1:9', app: 'shop/web', dir: exampleDir });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'unreachable', 'exit-code': '7' });
  }, 60_000);
});

describe('cancellation', () => {
  it('a cancelled job (SIGINT) stops waiting, fails with status cancelled and still writes the summary', async () => {
    const slow = exampleCopy(work, 'slow');
    writeFileSync(
      join(slow, 'package.json'),
      JSON.stringify({ name: 'slow', version: '1.0.0', scripts: { build: 'node -e "console.log(\'slow build started\'); setTimeout(() => {}, 60000)"', start: 'node server.js' } }),
    );
    const run = await runAction({
      inputs: { 'api-url': max.url, token, app: 'shop/slow', dir: slow, create: 'true' },
      interruptWhen: (stdout) => stdout.includes('slow build started'),
    });
    runs.push(run);
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'cancelled', 'exit-code': '130' });
    expect(run.outputs['deployment-id']).toMatch(/^dep_/);
    expect(run.summary).toContain('The job was cancelled while rig deploy ran. Deployment dep_');
    expect(run.summary).toContain('shop/slow');
    await new MaxClient({ apiUrl: max.url, token }).deployments.cancel(run.outputs['deployment-id'] ?? '');
  }, 90_000);
});
