// Automatic rollback through the API: a new release is watched for a stabilization window after traffic switched to
// it; a crash in the window switches back to the previous release (`rolled_back`), or — with `rollback: false` —
// leaves the crashed release in place for its supervisor (`failed`). Every request and answer is checked against
// the spec by the `call` helper; `deployment:<id>` events against the channel schemas.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deploymentTopic } from '@max/api-spec';
import { Socket } from 'phoenix';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaxLocal, type MaxLocal } from '../src/index.js';
import { apiClient, type Call } from './helpers/api.js';
import { bundleFiles, packOf, sendRaw, waitForDeployment, type Bundle, type WireDeployment } from './helpers/deploy-client.js';
import { deviceLogin } from './helpers/login.js';
import { httpGet } from './deploy/helpers.js';

let dataDir: string;
let max: MaxLocal;
let call: Call;
let token: string;
let socket: Socket;

/** 2 s windows: long enough for the crashing app below to die inside one, short enough to keep the file quick. */
const WINDOW_SECONDS = 2;

const bundle = bundleFiles;

/** Answers `<tag> v<release>`; healthy on /healthz. */
const steadyApp = (tag: string): Bundle =>
  bundle({
    'rig.json': JSON.stringify({ start: 'node server.js', health: { path: '/healthz' } }),
    'server.js': `require('node:http').createServer((q, s) => s.end('${tag} v' + process.env.MAX_RELEASE))
  .listen(Number(process.env.PORT), '127.0.0.1');\n`,
  });

/**
 * Passes its health check, then exits 300 ms after the first one — so it always takes traffic first and always
 * dies inside the window. (Timed from the probe, not from the start, so a slow machine cannot fail the check.)
 */
const crashAfterReleaseApp = (tag: string): Bundle =>
  bundle({
    'rig.json': JSON.stringify({ start: 'node server.js', health: { path: '/healthz' } }),
    'server.js': `let armed = false;
require('node:http').createServer((q, s) => {
  if (q.url === '/healthz' && !armed) { armed = true; setTimeout(() => process.exit(3), 300); }
  s.end('${tag} v' + process.env.MAX_RELEASE);
}).listen(Number(process.env.PORT), '127.0.0.1');\n`,
  });

const fetchApp = () => httpGet(Number(new URL(max.routerUrl).port), 'web.demo.localhost', '/');

interface ChannelEvent {
  event: string;
  payload: Record<string, unknown>;
}

/**
 * The client flow (create → upload what is missing → finalize), following `deployment:<id>` from right after
 * create until the server closes the channel. Returns the final deployment and every channel event.
 */
async function deploy(app: Bundle, options: Record<string, unknown> = {}): Promise<{ deployment: WireDeployment; events: ChannelEvent[] }> {
  const created = await call<WireDeployment>('POST', '/api/v1/networks/demo/apps/web/deployments', {
    token,
    body: { manifest: app.manifest, ...options },
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const events: ChannelEvent[] = [];
  const channel = socket.channel(`deployment:${id}`, {});
  for (const event of ['state', 'health_check']) channel.on(event, (payload: Record<string, unknown>) => {
      events.push({ event, payload });
    });
  const closed = new Promise<void>((resolve) => channel.onClose(() => resolve()));
  await new Promise((resolve, reject) => channel.join().receive('ok', resolve).receive('error', reject));
  if (created.body.missing_blobs.length > 0) {
    const pack = await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, packOf(app.blobs, created.body.missing_blobs), 'application/gzip');
    expect(pack.status).toBe(200);
    expect((await call('POST', `/api/v1/deployments/${id}/finalize`, { token })).status).toBe(200);
  }
  const deployment = await waitForDeployment(call, token, id);
  await closed;
  for (const { event, payload } of events) {
    const schema = event === 'state' ? deploymentTopic.serverEvents.state : deploymentTopic.serverEvents.health_check;
    expect(schema.safeParse(payload).success, `${event} ${JSON.stringify(payload)}`).toBe(true);
  }
  return { deployment, events };
}

const releaseState = async (version: number): Promise<string> =>
  (await call<{ state: string }>('GET', `/api/v1/networks/demo/apps/web/releases/${version}`, { token })).body.state;

const appInfo = async () => (await call<{ status: string; current_release: number | null }>('GET', '/api/v1/networks/demo/apps/web', { token })).body;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'max-deploy-rollback-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: WINDOW_SECONDS });
  call = apiClient(max.url);
  token = (await deviceLogin(max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'demo' } });
  await call('POST', '/api/v1/networks/demo/apps', { token, body: { name: 'web' } });
  socket = new Socket(`${max.url.replace('http', 'ws')}/socket`, { transport: WebSocket, authToken: token });
  socket.connect();
}, 30_000);

afterAll(async () => {
  socket.disconnect();
  await max.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('rollback after a crash in the stabilization window', () => {
  it('a healthy release is watched for the whole window before the deployment is running', async () => {
    const started = Date.now();
    const { deployment, events } = await deploy(steadyApp('steady'));
    expect(deployment).toMatchObject({ state: 'running', release: 1, failure: null });
    expect(Date.now() - started).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000);
    const ticks = events.filter((e) => e.event === 'health_check').map((e) => e.payload);
    expect(ticks.map((t) => [t['attempt'], t['max_attempts'], t['ok']])).toEqual([
      [1, WINDOW_SECONDS, true],
      [2, WINDOW_SECONDS, true],
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'state', payload: { state: 'running', previous_state: 'releasing' } });
    expect((await fetchApp()).body).toBe('steady v1');
  }, 60_000);

  it('by default a crash switches back to the previous release and the deployment ends rolled_back', async () => {
    const { deployment, events } = await deploy(crashAfterReleaseApp('crashy'));
    expect(deployment.state).toBe('rolled_back');
    expect(deployment.release).toBe(2);
    expect(deployment.failure).toMatchObject({ stage: 'release', reason: 'crashed_after_release' });
    expect(deployment.failure?.message).toMatch(/v2's process exited with code 3 .*rolled back to v1/);
    const last = events.filter((e) => e.event === 'health_check').at(-1)?.payload;
    expect(last).toMatchObject({ release: 2, ok: false, status: null });
    expect(events.at(-1)).toMatchObject({ event: 'state', payload: { state: 'rolled_back', previous_state: 'releasing' } });

    // The previous release never stopped, so it serves at once; the records say it is current again.
    expect((await fetchApp()).body).toBe('steady v1');
    expect(await releaseState(2)).toBe('failed');
    expect(await releaseState(1)).toBe('active');
    expect(await appInfo()).toMatchObject({ status: 'running', current_release: 1 });

    const audit = await call<{ data: { action: string; actor: { type: string }; target: Record<string, unknown>; details: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/events?action=deployment.rolled_back',
      { token },
    );
    expect(audit.status).toBe(200);
    expect(audit.body.data).toHaveLength(1);
    expect(audit.body.data[0]).toMatchObject({
      actor: { type: 'system' },
      target: { type: 'deployment', network: 'demo', app: 'web', id: deployment.id },
      details: { release: 2, restored: 1, reason: 'crashed_after_release' },
    });
  }, 60_000);

  it('with rollback: false a crash leaves the new release in place, restarting, and the deployment ends failed', async () => {
    const { deployment } = await deploy(crashAfterReleaseApp('stubborn'), { rollback: false });
    expect(deployment.state).toBe('failed');
    expect(deployment.release).toBe(3);
    expect(deployment.failure).toMatchObject({ stage: 'release', reason: 'crashed_after_release' });
    expect(deployment.failure?.message).toMatch(/rollback is disabled/);
    expect(await releaseState(3)).toBe('active');
    expect(await releaseState(1)).toBe('superseded');
    expect((await appInfo()).current_release).toBe(3);

    // Its supervisor brings it back (then it crashes again: it only ever lives 300 ms past a health check).
    const deadline = Date.now() + 15_000;
    let restarted = false;
    while (!restarted && Date.now() < deadline) {
      const logs = await call<{ data: { line: string; source: string }[] }>('GET', '/api/v1/networks/demo/apps/web/logs?tail=true&limit=200', { token });
      expect(logs.status).toBe(200);
      restarted = logs.body.data.filter((l) => l.source === 'platform' && l.line.startsWith('Starting release v3')).length >= 2;
      if (!restarted) await new Promise((r) => setTimeout(r, 200));
    }
    expect(restarted).toBe(true);
    // The old release is gone: whatever answers now is v3 (or the router's 502 while v3 restarts).
    const res = await fetchApp();
    expect(res.status === 502 || res.body === 'stubborn v3').toBe(true);
  }, 60_000);

  it('a deployment may shorten the window; stabilization_seconds 0 ends it at the switch', async () => {
    const { deployment, events } = await deploy(steadyApp('instant'), { stabilization_seconds: 0 });
    expect(deployment).toMatchObject({ state: 'running', release: 4, failure: null });
    expect(events.filter((e) => e.event === 'health_check')).toEqual([]);
    expect((await fetchApp()).body).toBe('instant v4');
  }, 60_000);

  it('rejects rollback and stabilization_seconds values outside the spec', async () => {
    const { manifest } = steadyApp('invalid');
    for (const body of [
      { manifest, rollback: 'no' },
      { manifest, stabilization_seconds: 301 },
      { manifest, stabilization_seconds: -1 },
      { manifest, stabilization_seconds: 1.5 },
    ]) {
      const res = await call<{ error: { code: string } }>('POST', '/api/v1/networks/demo/apps/web/deployments', { token, body });
      expect(res.status, JSON.stringify(body)).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });
});
