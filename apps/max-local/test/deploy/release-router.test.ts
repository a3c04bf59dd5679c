import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { ReleaseFailedError } from '../../src/deploy/deploy-errors.js';
import { ReleaseManager, type ReleaseSpec } from '../../src/deploy/release-manager.js';
import { createRouter, type Router } from '../../src/deploy/router.js';
import { alive, httpGet, tempDir, writeTestApp } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let router: Router;
let manager: ReleaseManager;
let wss: WebSocketServer;
let deadPort: number;
const routeChanges: ({ version: number; port: number } | null)[] = [];
const activeStates: string[] = [];
const appStatuses: string[] = [];

const HOST = 'web.demo.localhost';
const spec = (version: number, env: Record<string, string> = {}): ReleaseSpec => ({
  version,
  dir,
  start: 'node app.js',
  env: { MAX_RELEASE: String(version), ...env },
  health: { path: '/healthz', timeoutMs: 5000, intervalMs: 50 },
});

beforeAll(async () => {
  ({ dir, cleanup } = await tempDir());
  await writeTestApp(dir);
  wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss.on('connection', (socket, req) => {
    socket.send(`welcome ${req.url} via ${String(req.headers['x-forwarded-host'])}`);
    socket.on('message', (data) => socket.send(`echo:${String(data)}`));
  });
  await new Promise((r) => wss.once('listening', r));
  // A port with nothing listening on it, for the "upstream failed" page.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  deadPort = (probe.address() as AddressInfo).port;
  await new Promise((r) => probe.close(r));

  manager = new ReleaseManager({
    onRouteChange: (route) => routeChanges.push(route),
    onStateChange: (_version, state, info) => {
      if (info.active) activeStates.push(state);
    },
    onAppStatus: (status, version) => appStatuses.push(`${status}:${String(version)}`),
    drain: (port) => router.waitForIdle(port, 5000),
    stopGraceMs: 2000,
  });
  router = await createRouter({
    port: 0,
    domain: 'localhost',
    resolve: ({ app, network }) => {
      if (network !== 'demo') return null;
      if (app === 'web') return manager.route() ?? { port: null };
      if (app === 'ws') return { port: (wss.address() as AddressInfo).port };
      if (app === 'dead') return { port: deadPort };
      if (app === 'idle') return { port: null };
      return null;
    },
  });
});

afterAll(async () => {
  await manager.stop();
  await router.close();
  await new Promise((r) => wss.close(r));
  await cleanup();
});

describe('router and releases', () => {
  it('answers 404 for unknown hosts and a 502 page for an app with no live release', async () => {
    const unknown = await httpGet(router.port, 'nope.demo.localhost');
    expect(unknown.status).toBe(404);
    expect((await httpGet(router.port, 'localhost')).status).toBe(404);
    expect((await httpGet(router.port, 'a.b.c.localhost')).status).toBe(404);
    const idle = await httpGet(router.port, 'idle.demo.localhost:4080', '/anything');
    expect(idle.status).toBe(502);
    expect(idle.headers['content-type']).toMatch(/text\/html/);
    expect(idle.body).toContain('idle</strong> (network demo) is not running — no release is live');
    const dead = await httpGet(router.port, 'dead.demo.localhost');
    expect(dead.status).toBe(502);
    expect(dead.body).toContain('upstream failed');
  });

  it('deploys v1 and proxies to it by Host header, streaming bodies and adding x-forwarded-*', async () => {
    const live = await manager.deploy(spec(1, { BODY: 'hello', DELAY_MS: '40' }));
    expect(live).toMatchObject({ version: 1, state: 'running' });
    expect(routeChanges).toEqual([{ version: 1, port: live.port }]);
    const res = await httpGet(router.port, `${HOST}:${router.port}`, '/');
    expect(res.status).toBe(200);
    expect(res.body).toBe(`hello v1 {"fwd":"${HOST}:${router.port}","secret":null}`);
    const big = 'z'.repeat(2 * 1024 * 1024);
    const echoed = await httpGet(router.port, HOST, '/echo', { method: 'POST', body: big });
    expect(echoed.headers['x-echo']).toBe('yes');
    expect(echoed.body.length).toBe(big.length);
  });

  it('switches to v2 with zero failed requests while a request loop runs through the router', async () => {
    const v1 = manager.current;
    const results: { ok: boolean; body: string }[] = [];
    let running = true;
    const loop = async (): Promise<void> => {
      while (running) {
        try {
          const res = await httpGet(router.port, HOST, '/');
          results.push({ ok: res.status === 200, body: res.body });
        } catch (error) {
          results.push({ ok: false, body: String(error) });
        }
      }
    };
    const loops = [loop(), loop(), loop()];
    await new Promise((r) => setTimeout(r, 200));
    // Both answer slowly, so requests are in flight at the switch; the app does not handle SIGTERM, so only the
    // router's drain protects the requests still running on v1.
    const v2 = await manager.deploy(spec(2, { BODY: 'howdy', DELAY_MS: '40' }));
    await new Promise((r) => setTimeout(r, 300));
    running = false;
    await Promise.all(loops);

    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.some((r) => r.body.startsWith('hello v1'))).toBe(true);
    expect(results.at(-1)?.body.startsWith('howdy v2')).toBe(true);
    // Once v2 answered, v1 never did again: the switch is one step.
    const firstV2 = results.findIndex((r) => r.body.startsWith('howdy v2'));
    expect(results.slice(firstV2).filter((r) => r.body.startsWith('hello v1')).length).toBeLessThanOrEqual(2);
    expect(v2).toMatchObject({ version: 2 });
    expect(v1?.port).not.toBe(v2.port);
    expect(router.inflight(v1?.port as number)).toBe(0);
  });

  it('keeps v2 serving when v3 fails its health check', async () => {
    const startsFile = join(dir, 'v3-starts');
    const error = await manager
      .deploy({ ...spec(3, { UNHEALTHY: '1', STARTS_FILE: startsFile }), health: { path: '/healthz', timeoutMs: 800, intervalMs: 50 } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseFailedError);
    expect(error).toMatchObject({ version: 3, failure: { stage: 'release', reason: 'health_check_failed' } });
    expect(manager.current).toMatchObject({ version: 2, state: 'running' });
    expect((await httpGet(router.port, HOST)).body).toMatch(/^howdy v2/);
    const pid = Number((await readFile(startsFile, 'utf8')).trim());
    expect(alive(pid)).toBe(false);
  });

  it('rolls back to v1 code and config as v4', async () => {
    const live = await manager.rollback(spec(4, { BODY: 'hello' }));
    expect(live.version).toBe(4);
    expect((await httpGet(router.port, HOST)).body).toMatch(/^hello v4/);
    expect(routeChanges.map((r) => r?.version)).toEqual([1, 2, 4]);
  });

  it('proxies WebSocket upgrades both ways', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${router.port}/chat?room=1`, { headers: { host: 'ws.demo.localhost' } });
    const messages: string[] = [];
    socket.on('message', (data) => messages.push(String(data)));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    socket.send('ping');
    await new Promise<void>((resolve) => {
      const check = (): void => (messages.length >= 2 ? resolve() : void setTimeout(check, 20));
      check();
    });
    expect(messages).toEqual(['welcome /chat?room=1 via ws.demo.localhost', 'echo:ping']);
    socket.close();

    const refused = new WebSocket(`ws://127.0.0.1:${router.port}/`, { headers: { host: 'idle.demo.localhost' } });
    const status = await new Promise<number | undefined>((resolve) => {
      refused.once('unexpected-response', (_req, res) => resolve(res.statusCode));
      refused.once('error', () => resolve(undefined));
    });
    expect(status).toBe(502);
  });

  it('answers "not running" after the app is stopped', async () => {
    const port = manager.current?.port;
    await manager.stop();
    expect(manager.current).toBeNull();
    expect(routeChanges.at(-1)).toBeNull();
    // Only the serving release drives the app's status: v3's failure and v1/v2 being retired do not show.
    expect(appStatuses).toEqual(['running:1', 'running:2', 'running:4', 'stopped:4']);
    expect(activeStates).toEqual([]); // nothing crashed: no per-release change happened while serving
    const res = await httpGet(router.port, HOST);
    expect(res.status).toBe(502);
    expect(res.body).toContain('web</strong> (network demo) is not running');
    expect(port).toBeDefined();
  });
});
