import { readFileSync } from 'node:fs';
import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import { createApiToken, type StartMaxLocalOptions } from '../../src/index.js';
import { startTestPlatform, type TestPlatform } from '../helpers/api.js';

// Shared by the shell/run tests: a max-local on port 0 with users and tokens, the official `phoenix` client over
// `ws`, and channel recorders that keep every byte and event in arrival order.

export interface ShellWorld {
  t: TestPlatform;
  /** deploy-scope token of the owner (dev@localhost). */
  token: string;
  /** read-scope token of the same user. */
  reader: string;
  /** admin token of another user. */
  other: string;
  sockets: Socket[];
  connect(token?: string): Socket;
  stop(): Promise<void>;
}

export async function shellWorld(options: Partial<StartMaxLocalOptions> = {}): Promise<ShellWorld> {
  const t = await startTestPlatform(options);
  const token = await createApiToken({ dataDir: t.dataDir, scope: 'deploy', name: 'shell-tests' });
  const reader = await createApiToken({ dataDir: t.dataDir, scope: 'read', name: 'shell-reader' });
  const other = await createApiToken({ dataDir: t.dataDir, email: 'mallory@example.com', name: 'other' });
  const sockets: Socket[] = [];
  return {
    t,
    token,
    reader,
    other,
    sockets,
    connect(as = token) {
      const socket = new Socket(`${t.max.url.replace('http', 'ws')}/socket`, {
        transport: WebSocket,
        authToken: as,
        reconnectAfterMs: () => 50,
        rejoinAfterMs: () => 50,
      });
      sockets.push(socket);
      socket.connect();
      return socket;
    },
    async stop() {
      for (const socket of sockets) socket.disconnect();
      await t.stop();
    },
  };
}

/** A network `net` with app `web`, a var and a secret at app scope. */
export async function makeApp(w: ShellWorld, network = 'net', app = 'web'): Promise<void> {
  const ok = (status: number, what: string): void => {
    if (status >= 300) throw new Error(`${what} answered ${status}`);
  };
  ok((await w.t.call('POST', '/api/v1/networks', { token: w.token, body: { name: network } })).status, 'create network');
  ok((await w.t.call('POST', `/api/v1/networks/${network}/apps`, { token: w.token, body: { name: app } })).status, 'create app');
  ok((await w.t.call('POST', `/api/v1/networks/${network}/vars`, { token: w.token, body: { vars: { GREETING: 'hello-net' } } })).status, 'vars');
  ok(
    (await w.t.call('POST', `/api/v1/networks/${network}/apps/${app}/secrets`, { token: w.token, body: { secrets: { SECRET_KEY: 's3cr3t-value' } } })).status,
    'secrets',
  );
}

export interface Recorder {
  channel: Channel;
  /** Output bytes in arrival order (stdout and stderr interleaved for exec). */
  bytes(): Buffer;
  /** Per binary event (`output`, `stdout`, `stderr`). */
  bytesOf(event: string): Buffer;
  events: { event: string; payload: Record<string, unknown> }[];
  replies: Record<string, unknown>[];
  joined: Promise<Record<string, unknown>>;
  closed(): boolean;
  push(event: string, payload: object | Buffer): Promise<{ status: string; response: Record<string, unknown> }>;
}

const toArrayBuffer = (buf: Buffer): ArrayBuffer => buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;

/**
 * Joins `topic` and records everything. `payload` is evaluated at every (re)join, so a recorder that passes its
 * own position resumes exactly where it stopped — the way the SDK is meant to.
 */
export function record(socket: Socket, topic: string, payload: (position: number) => object = () => ({})): Recorder {
  const pieces: { event: string; bytes: Buffer }[] = [];
  const events: { event: string; payload: Record<string, unknown> }[] = [];
  const replies: Record<string, unknown>[] = [];
  let position: number | null = null;
  let closed = false;
  const channel = socket.channel(topic, () => payload(position ?? 0));
  for (const event of ['output', 'stdout', 'stderr']) {
    channel.on(event, (data: ArrayBuffer) => {
      const bytes = Buffer.from(data);
      pieces.push({ event, bytes });
      position = (position ?? 0) + bytes.length;
    });
  }
  for (const event of ['exit', 'gap', 'resized']) {
    channel.on(event, (p: Record<string, unknown>) => {
      events.push({ event, payload: p });
      if (event === 'gap') position = p['to_offset'] as number;
    });
  }
  channel.onClose(() => {
    closed = true;
  });
  const joined = new Promise<Record<string, unknown>>((resolve, reject) => {
    channel
      .join()
      .receive('ok', (reply: Record<string, unknown>) => {
        replies.push(reply);
        position = reply['output_offset'] as number;
        resolve(reply);
      })
      .receive('error', (response: Record<string, unknown>) => {
        channel.leave();
        reject(Object.assign(new Error(String(response['reason'])), { response }));
      });
  });
  return {
    channel,
    bytes: () => Buffer.concat(pieces.map((p) => p.bytes)),
    bytesOf: (event) => Buffer.concat(pieces.filter((p) => p.event === event).map((p) => p.bytes)),
    events,
    replies,
    joined,
    closed: () => closed,
    push: (event, body) =>
      new Promise((resolve, reject) => {
        channel
          .push(event, Buffer.isBuffer(body) ? toArrayBuffer(body) : body, 20_000)
          .receive('ok', (response: Record<string, unknown>) => resolve({ status: 'ok', response }))
          .receive('error', (response: Record<string, unknown>) => resolve({ status: 'error', response }))
          .receive('timeout', () => reject(new Error(`${event} push timed out`)));
      }),
  };
}

export async function until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Whether a process is alive (not a zombie). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** Pids recorded in files the test's processes wrote (one pid per line). */
export function pidsIn(text: string): number[] {
  return [...text.matchAll(/PID=(\d+)/g)].map((m) => Number(m[1]));
}
