// Deploys through the HTTP API, as a client would, and checks what a user sees: the app's answer through the
// router, incremental uploads, failed builds and health checks that leave the previous release serving,
// rollback of code and config, and a restart of max-local bringing the active release back.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaxLocal, type MaxLocal } from '../src/index.js';
import { apiClient, type Call } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';
import { bundleDir, deployBundle, EXAMPLES_DIR, packOf, sendRaw, waitForDeployment } from './helpers/deploy-client.js';
import { httpGet } from './deploy/helpers.js';

let dataDir: string;
let max: MaxLocal;
let call: Call;
let token: string;
const nodeHttp = join(EXAMPLES_DIR, 'node-http');
const target = { network: 'demo', app: 'web' };

const start = async (): Promise<void> => {
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  call = apiClient(max.url);
};

/** GET through the router by Host header, as a browser on `web.demo.localhost` would. */
const fetchApp = () => httpGet(Number(new URL(max.routerUrl).port), 'web.demo.localhost', '/');

async function waitForRelease(version: number): Promise<string> {
  for (let i = 0; i < 300; i += 1) {
    const res = await call<{ state: string }>('GET', `/api/v1/networks/demo/apps/web/releases/${version}`, { token });
    if (res.body.state !== 'pending') return res.body.state;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`release v${version} stayed pending`);
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'max-deploy-api-'));
  await start();
  token = (await deviceLogin(max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'demo' } });
  await call('POST', '/api/v1/networks/demo/apps', { token, body: { name: 'web', health_check_path: '/healthz' } });
});

afterAll(async () => {
  await max.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('deploying examples/node-http through the API', () => {
  it('answers on its hostname through the router once running', async () => {
    expect((await fetchApp()).status).toBe(502); // the app exists but nothing is live yet
    const { deployment, uploaded } = await deployBundle(call, max.url, token, target, await bundleDir(nodeHttp), 'first deploy');
    expect(deployment).toMatchObject({ state: 'running', release: 1, failure: null });
    expect(uploaded).toHaveLength(2);
    const res = await fetchApp();
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hello from node-http (release v1)\n');
    const app = await call<{ status: string; current_release: number }>('GET', '/api/v1/networks/demo/apps/web', { token });
    expect(app.body).toMatchObject({ status: 'running', current_release: 1 });
    expect((await httpGet(Number(new URL(max.routerUrl).port), 'nope.demo.localhost', '/')).status).toBe(404);
  });

  it('a second deploy with one changed file uploads exactly that blob', async () => {
    const source = await readFile(join(nodeHttp, 'server.js'), 'utf8');
    const bundle = await bundleDir(nodeHttp, { 'server.js': source.replace('from node-http', 'from node-http v2') });
    const { deployment, uploaded } = await deployBundle(call, max.url, token, target, bundle);
    expect(deployment).toMatchObject({ state: 'running', release: 2 });
    expect(uploaded).toEqual([bundle.manifest.find((f) => f.path === 'server.js')?.sha256]);
    expect((await fetchApp()).body).toBe('Hello from node-http v2 (release v2)\n');
  });

  it('a broken build fails at stage build and the previous release keeps serving', async () => {
    const pkg = JSON.parse(await readFile(join(nodeHttp, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    const broken = { ...pkg, scripts: { ...pkg.scripts, build: 'echo compiling; exit 1' } };
    const { deployment } = await deployBundle(call, max.url, token, target, await bundleDir(nodeHttp, { 'package.json': JSON.stringify(broken) }));
    expect(deployment.state).toBe('failed');
    expect(deployment.failure).toMatchObject({ stage: 'build', reason: 'build_failed' });
    expect(deployment.release).toBeNull();
    const logs = await call<{ data: { line: string; source: string }[] }>('GET', `/api/v1/deployments/${deployment.id}/logs`, { token });
    expect(logs.body.data.some((l) => l.line === 'compiling' && l.source === 'build')).toBe(true);
    expect((await fetchApp()).body).toBe('Hello from node-http v2 (release v2)\n');
  });

  it('a failing health check fails at stage release and the previous release keeps serving', async () => {
    const rig = JSON.stringify({ start: 'node -e "setInterval(() => {}, 1000)"', health: { timeout_seconds: 1 } });
    const { deployment } = await deployBundle(call, max.url, token, target, await bundleDir(nodeHttp, { 'rig.json': rig }));
    expect(deployment.state).toBe('failed');
    expect(deployment.failure).toMatchObject({ stage: 'release', reason: 'health_check_failed' });
    expect(deployment.release).toBe(3);
    expect((await call<{ state: string }>('GET', '/api/v1/networks/demo/apps/web/releases/3', { token })).body.state).toBe('failed');
    expect((await fetchApp()).body).toBe('Hello from node-http v2 (release v2)\n');
    const app = await call<{ status: string; current_release: number }>('GET', '/api/v1/networks/demo/apps/web', { token });
    expect(app.body).toMatchObject({ status: 'running', current_release: 2 });
  });

  it('a var change makes a release; rollback restores the code and config of an earlier one', async () => {
    const set = await call<{ releases: { version: number }[] }>('POST', '/api/v1/networks/demo/apps/web/vars', {
      token,
      body: { vars: { GREETING: 'Howdy' } },
    });
    expect(set.body.releases).toEqual([{ network: 'demo', app: 'web', version: 4 }]);
    expect(await waitForRelease(4)).toBe('active');
    expect((await fetchApp()).body).toBe('Howdy from node-http v2 (release v4)\n');
    const release = await call<{ reason: string; deployment_id: string }>('GET', '/api/v1/networks/demo/apps/web/releases/4', { token });
    expect(release.body.reason).toBe('config');

    const rolled = await call<{ version: number; rollback_of: number }>('POST', '/api/v1/networks/demo/apps/web/releases/rollback', {
      token,
      body: { to: 1 },
    });
    expect(rolled.body).toMatchObject({ version: 5, rollback_of: 1 });
    expect(await waitForRelease(5)).toBe('active');
    // v1's code (no "v2") and v1's config (no GREETING), as release 5.
    expect((await fetchApp()).body).toBe('Hello from node-http (release v5)\n');
    const releases = await call<{ data: { version: number; state: string; config_digest: string }[] }>(
      'GET',
      '/api/v1/networks/demo/apps/web/releases',
      { token },
    );
    const byVersion = new Map(releases.body.data.map((r) => [r.version, r]));
    expect(byVersion.get(5)?.config_digest).toBe(byVersion.get(1)?.config_digest);
    expect(byVersion.get(4)?.config_digest).not.toBe(byVersion.get(1)?.config_digest);
    expect(releases.body.data.map((r) => r.state)).toEqual(['active', 'superseded', 'failed', 'superseded', 'superseded']);
  });

  it('a restart of max-local brings the active release back up', async () => {
    await max.close();
    await start();
    for (let i = 0; i < 200; i += 1) {
      const app = await call<{ status: string }>('GET', '/api/v1/networks/demo/apps/web', { token });
      if (app.body.status === 'running') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect((await fetchApp()).body).toBe('Hello from node-http (release v5)\n');
  });

  it('the next deployment’s spare tree is made while the release is watched, not after', async () => {
    // A release's stabilization window is a deliberate wait: the copy of its tree that the next deployment starts
    // from (TreeBases) is made in it, so a deploy right after `rig deploy` returned finds it ready.
    const source = await readFile(join(nodeHttp, 'server.js'), 'utf8');
    const bundle = await bundleDir(nodeHttp, { 'server.js': source.replace('from node-http', 'from node-http v3') });
    const created = await call<{ id: string; missing_blobs: string[] }>('POST', '/api/v1/networks/demo/apps/web/deployments', {
      token,
      body: { manifest: bundle.manifest, stabilization_seconds: 4 },
    });
    expect(created.status).toBe(201);
    await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, packOf(bundle.blobs, created.body.missing_blobs), 'application/gzip');
    await call('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token });
    const basesDir = join(dataDir, 'builds', '.bases');
    let base: string | undefined;
    for (let i = 0; i < 300 && base === undefined; i += 1) {
      const dirs = await readdir(basesDir).catch(() => [] as string[]);
      for (const dir of dirs) {
        const text = await readFile(join(basesDir, dir, 'server.js'), 'utf8').catch(() => '');
        if (text.includes('from node-http v3')) base = dir;
      }
      if (base === undefined) await new Promise((r) => setTimeout(r, 50));
    }
    expect(base).toBeDefined();
    // Still in its 4 s window: traffic is on the new release, the deployment is not `running` yet.
    expect((await fetchApp()).body).toMatch(/^Hello from node-http v3 \(release v\d+\)\n$/);
    const during = await call<{ state: string }>('GET', `/api/v1/deployments/${created.body.id}`, { token });
    expect(during.body.state).toBe('releasing');
    expect(await waitForDeployment(call, token, created.body.id)).toMatchObject({ state: 'running' });
  });

  it('deleting the app stops its release and removes its build trees and logs', async () => {
    expect((await call('DELETE', '/api/v1/networks/demo/apps/web', { token })).status).toBe(204);
    expect((await fetchApp()).status).toBe(404);
    // Nothing of the app is left: no build tree, no spare tree (the spare trees' own directory may stay, empty).
    const left = async (): Promise<string[]> => {
      const builds = join(dataDir, 'builds');
      const entries = (await readdir(builds)).filter((d) => d !== '.bases');
      const bases = await readdir(join(builds, '.bases')).catch(() => [] as string[]);
      return [...entries, ...bases.map((b) => `.bases/${b}`)];
    };
    for (let i = 0; i < 100 && (await left()).length > 0; i += 1) await new Promise((r) => setTimeout(r, 50));
    expect(await left()).toEqual([]);
  });
});
