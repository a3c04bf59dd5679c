// The deploy and log topics over the real socket with the OFFICIAL phoenix client: `deployment:<id>`,
// `logs:build:<id>`, `logs:app:<network>/<app>` and `logs:network:<network>` — replay after a cursor, then live,
// without a gap or a duplicate; finite streams end with their final event and a close.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMaxLocal, type MaxLocal } from '../src/index.js';
import { apiClient, type Call } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';
import { bundleFiles, deployBundle, packOf, sendRaw, waitForDeployment, type Bundle, type WireDeployment } from './helpers/deploy-client.js';
import { httpGet } from './deploy/helpers.js';

let dataDir: string;
let max: MaxLocal;
let call: Call;
let token: string;
const sockets: Socket[] = [];

interface Line {
  seq: number;
  line: string;
  source: string;
  app?: string;
}

/** An app that logs every request it serves, so tests can make runtime log lines on demand. */
function loggingApp(tag: string): Bundle {
  const files: Record<string, string> = {
    'rig.json': JSON.stringify({ start: 'node server.js' }),
    'server.js': `require('node:http').createServer((q, s) => { console.log('${tag} ' + q.url); s.end('ok'); })
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('logging app up'));\n`,
  };
  return bundleFiles(files);
}

function connect(): Socket {
  const socket = new Socket(`${max.url.replace('http', 'ws')}/socket`, {
    transport: WebSocket,
    authToken: token,
    reconnectAfterMs: () => 50,
    rejoinAfterMs: () => 50,
  });
  sockets.push(socket);
  socket.connect();
  return socket;
}

/** Joins and records everything the channel receives, in order. */
function subscribe(socket: Socket, topic: string, payload: object) {
  const channel: Channel = socket.channel(topic, payload);
  const received: { event: string; payload: Record<string, unknown> }[] = [];
  let closed = false;
  for (const event of ['lines', 'gap', 'eof', 'state']) {
    channel.on(event, (p: Record<string, unknown>) => {
      received.push({ event, payload: p });
    });
  }
  channel.onClose(() => {
    closed = true;
  });
  const joined = new Promise<Record<string, unknown>>((resolve, reject) => {
    channel
      .join()
      .receive('ok', resolve)
      .receive('error', (response: Record<string, unknown>) => {
        channel.leave(); // Max join errors are final: stop the client's retries
        reject(Object.assign(new Error(String(response['reason'])), { response }));
      });
  });
  const lines = (): Line[] => received.filter((r) => r.event === 'lines').flatMap((r) => r.payload['lines'] as Line[]);
  return { channel, received, joined, lines, isClosed: () => closed };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const contiguous = (seqs: number[]): boolean => seqs.every((seq, i) => i === 0 || seq === (seqs[i - 1] as number) + 1);

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'max-deploy-channels-'));
  max = await startMaxLocal({ port: 0, dataDir, stabilizationSeconds: 0 });
  call = apiClient(max.url);
  token = (await deviceLogin(max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'live' } });
  await call('POST', '/api/v1/networks/live/apps', { token, body: { name: 'api' } });
});

afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect(undefined, 1000);
});

afterAll(async () => {
  await max.close();
  await rm(dataDir, { recursive: true, force: true });
});

let firstDeployment = '';

describe('deployment and build log channels', () => {
  it('follow a deployment live: every state, every build line, then eof and close', async () => {
    const app = loggingApp('v1');
    const created = await call<WireDeployment>('POST', '/api/v1/networks/live/apps/api/deployments', { token, body: { manifest: app.manifest } });
    firstDeployment = created.body.id;
    const socket = connect();
    const progress = subscribe(socket, `deployment:${created.body.id}`, {});
    const build = subscribe(socket, `logs:build:${created.body.id}`, { after_seq: 0 });
    const reply = await progress.joined;
    expect((reply['deployment'] as { state: string }).state).toBe('uploading');
    expect(await build.joined).toEqual({ last_seq: 0 });

    await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, packOf(app.blobs, created.body.missing_blobs), 'application/gzip');
    await call('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token });
    await until(() => progress.isClosed() && build.isClosed(), 'both channels to close');

    const states = progress.received.map((r) => r.payload['state']);
    expect(states).toEqual(['queued', 'building', 'releasing', 'running']);
    expect(progress.received.at(-1)?.payload).toMatchObject({ previous_state: 'releasing', release: 1, failure: null });

    const lines = build.lines();
    expect(lines.map((l) => l.seq)).toEqual(Array.from({ length: lines.length }, (_, i) => i + 1));
    expect(lines.at(-1)?.line).toBe('Release v1 is live.');
    expect(build.received.at(-1)).toEqual({ event: 'eof', payload: { last_seq: lines.length, state: 'running' } });
  });

  it('a join after the build replays from the cursor, then eof; a finished deployment joins and closes', async () => {
    const socket = connect();
    const build = subscribe(socket, `logs:build:${firstDeployment}`, { after_seq: 2 });
    const { last_seq: lastSeq } = (await build.joined) as { last_seq: number };
    await until(() => build.isClosed(), 'the build log to close');
    expect(build.lines().map((l) => l.seq)).toEqual(Array.from({ length: lastSeq - 2 }, (_, i) => i + 3));
    expect(build.received.at(-1)?.event).toBe('eof');

    const progress = subscribe(socket, `deployment:${firstDeployment}`, {});
    expect(((await progress.joined)['deployment'] as { state: string }).state).toBe('running');
    await until(() => progress.isClosed(), 'the deployment channel to close');
    expect(progress.received).toEqual([]);
  });

  it('refuses unknown resources, cursors ahead and invalid payloads', async () => {
    const socket = connect();
    await expect(subscribe(socket, 'deployment:dep_nope', {}).joined).rejects.toMatchObject({ response: { reason: 'not_found' } });
    await expect(subscribe(socket, 'logs:app:live/nope', {}).joined).rejects.toMatchObject({ response: { reason: 'not_found' } });
    await expect(subscribe(socket, `logs:build:${firstDeployment}`, { after_seq: 99_999 }).joined).rejects.toMatchObject({
      response: { reason: 'cursor_ahead' },
    });
    await expect(subscribe(socket, 'logs:app:live/api', { after_seq: 1, tail: 5 }).joined).rejects.toMatchObject({
      response: { reason: 'invalid_payload' },
    });
  });
});

describe('runtime log channels', () => {
  it('logs:app replays after the cursor, then delivers live lines without a gap or a duplicate', async () => {
    const routerPort = Number(new URL(max.routerUrl).port);
    const socket = connect();
    const appLogs = subscribe(socket, 'logs:app:live/api', { after_seq: 0 });
    const { last_seq: head } = (await appLogs.joined) as { last_seq: number };
    await until(() => appLogs.lines().length >= head, 'the replay');
    expect(appLogs.lines().some((l) => l.line === 'logging app up' && l.source === 'app')).toBe(true);

    await httpGet(routerPort, 'api.live.localhost', '/first');
    await httpGet(routerPort, 'api.live.localhost', '/second');
    await until(() => appLogs.lines().some((l) => l.line === 'v1 /second'), 'the live lines');
    const seqs = appLogs.lines().map((l) => l.seq);
    expect(seqs[0]).toBe(1);
    expect(contiguous(seqs)).toBe(true);

    // Resuming from a cursor: exactly what came after it.
    const cursor = seqs.at(-1) as number;
    await httpGet(routerPort, 'api.live.localhost', '/third');
    const resumed = subscribe(connect(), 'logs:app:live/api', { after_seq: cursor });
    await resumed.joined;
    await until(() => resumed.lines().some((l) => l.line === 'v1 /third'), 'the resumed line');
    expect(resumed.lines().map((l) => l.seq)).toEqual([cursor + 1]);
  });

  it('logs:network merges the apps of a network with its own seq and the app name; tail starts near the end', async () => {
    const routerPort = Number(new URL(max.routerUrl).port);
    const socket = connect();
    const network = subscribe(socket, 'logs:network:live', { tail: 1 });
    const { last_seq: head } = (await network.joined) as { last_seq: number };
    await until(() => network.lines().length === 1, 'the tail line');
    expect(network.lines()[0]?.seq).toBe(head);
    await httpGet(routerPort, 'api.live.localhost', '/net');
    await until(() => network.lines().some((l) => l.line === 'v1 /net'), 'the live network line');
    expect(network.lines().map((l) => l.seq)).toEqual([head, head + 1]);
    expect(network.lines().every((l) => l.app === 'api')).toBe(true);
  });

  it('a redeploy restarts the app: its platform and app lines arrive live', async () => {
    const socket = connect();
    const appLogs = subscribe(socket, 'logs:app:live/api', {});
    const { last_seq: head } = (await appLogs.joined) as { last_seq: number };
    const { deployment } = await deployBundle(call, max.url, token, { network: 'live', app: 'api' }, loggingApp('v2'));
    expect(deployment.state).toBe('running');
    await waitForDeployment(call, token, deployment.id);
    await until(() => appLogs.lines().some((l) => l.line === 'logging app up'), 'the new release starting');
    const lines = appLogs.lines();
    expect(lines[0]?.seq).toBe(head + 1);
    expect(contiguous(lines.map((l) => l.seq))).toBe(true);
    expect(lines.some((l) => l.source === 'platform' && l.line.startsWith('Starting release v2'))).toBe(true);
  });
});
