import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket from 'ws';
import {
  attachRealtime,
  prefixMatcher,
  type EventRecord,
  type Realtime,
  type RealtimeCredential,
  type RealtimeEventSource,
  type RealtimeIdentity,
  type RealtimeOptions,
  type TopicFamily,
} from '../../src/realtime/index.js';

/** In-memory event source with the semantics of max-local's EventLog, plus pruning for retention tests. */
export class FakeEventSource implements RealtimeEventSource {
  readonly #events = new Map<string, EventRecord[]>();
  readonly #earliest = new Map<string, number>();
  readonly #listeners = new Set<(userId: string, event: EventRecord) => void>();
  #nextSeq = new Map<string, number>();

  append(userId: string, action = 'network.created', details: Record<string, unknown> = {}): EventRecord {
    const event = this.appendUnpublished(userId, action, details);
    for (const listener of this.#listeners) listener(userId, event);
    return event;
  }

  /**
   * Stores an event without telling subscribers: what EventLog does for events another process (e.g.
   * `max-local token create`) commits to the same data dir.
   */
  appendUnpublished(userId: string, action = 'network.created', details: Record<string, unknown> = {}): EventRecord {
    const seq = (this.#nextSeq.get(userId) ?? 0) + 1;
    this.#nextSeq.set(userId, seq);
    const event: EventRecord = {
      id: `evt_${userId}_${seq}`,
      seq,
      action,
      actor: { type: 'user', id: userId, email: `${userId}@example.com` },
      target: { type: 'network', network: `net-${seq}` },
      details,
      created_at: new Date(1_700_000_000_000 + seq).toISOString(),
    };
    const list = this.#events.get(userId) ?? [];
    list.push(event);
    this.#events.set(userId, list);
    return event;
  }

  /** Drops every event with seq < beforeSeq (retention). */
  prune(userId: string, beforeSeq: number): void {
    this.#events.set(userId, (this.#events.get(userId) ?? []).filter((event) => event.seq >= beforeSeq));
    this.#earliest.set(userId, beforeSeq);
  }

  listAfter(userId: string, afterSeq: number, limit: number): EventRecord[] {
    return (this.#events.get(userId) ?? []).filter((event) => event.seq > afterSeq).slice(0, limit);
  }

  subscribe(listener: (userId: string, event: EventRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  earliestSeq(userId: string): number {
    return this.#earliest.get(userId) ?? 1;
  }

  latestSeq(userId: string): number {
    return this.#nextSeq.get(userId) ?? 0;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }
}

export interface TestChannelLog {
  joins: { topic: string; payload: unknown }[];
  terminated: { topic: string; reason: string }[];
  received: { topic: string; event: string; payload: unknown }[];
}

/**
 * `test:<anything>` — a channel that does whatever the client asks, to exercise every socket-level path:
 * join payload `{refuse: true}` → error, `{crash: true}` → join crashes; events `echo` (reply ok with the
 * payload, bytes included), `fail` (reply error), `crash` (throw), `noreply`, `push` (server push of the
 * payload), `close` (graceful phx_close), `slow` (replies after `ms`).
 */
export function testTopicFamily(log: TestChannelLog): TopicFamily {
  return {
    name: 'test',
    matches: prefixMatcher('test:'),
    join(payload, context) {
      log.joins.push({ topic: context.topic, payload });
      const body = (payload ?? {}) as Record<string, unknown>;
      if (body['refuse']) return { status: 'error', response: { reason: 'refused by request' } };
      if (body['crash']) throw new Error('join crash requested');
      return {
        status: 'ok',
        response: { joined: context.topic },
        handler: {
          async handleIn(event, inbound) {
            log.received.push({ topic: context.topic, event, payload: inbound });
            const data = inbound instanceof Uint8Array ? inbound : ((inbound ?? {}) as Record<string, unknown>);
            switch (event) {
              case 'echo':
                return { status: 'ok', response: data };
              case 'fail':
                return { status: 'error', response: { reason: 'asked to fail' } };
              case 'crash':
                throw new Error('crash requested');
              case 'noreply':
                return;
              case 'push':
                context.push('pushed', data);
                return { status: 'ok', response: {} };
              case 'close':
                context.close();
                return;
              case 'slow':
                await new Promise((resolve) => setTimeout(resolve, Number((data as Record<string, unknown>)['ms'] ?? 50)));
                return { status: 'ok', response: { slow: true } };
              default:
                return { status: 'error', response: { reason: `unknown event ${event}` } };
            }
          },
          terminate(reason) {
            log.terminated.push({ topic: context.topic, reason });
          },
        },
      };
    },
  };
}

export interface Harness {
  server: Server;
  port: number;
  /** `ws://127.0.0.1:<port>/socket` (phoenix appends `/websocket`). */
  socketUrl: string;
  realtime: Realtime;
  events: FakeEventSource;
  tokens: Map<string, RealtimeIdentity>;
  log: TestChannelLog;
  /** Announces revoked credentials, as TokenService.onRevoked does after a commit. */
  revoke(...credentials: RealtimeCredential[]): void;
  /** Revocation listeners currently registered by the endpoint. */
  readonly revocationListenerCount: number;
  close(): Promise<void>;
}

export async function startHarness(options: RealtimeOptions = {}): Promise<Harness> {
  const server = createServer((_req, res) => {
    res.statusCode = 404;
    res.end();
  });
  const events = new FakeEventSource();
  const tokens = new Map<string, RealtimeIdentity>([
    ['tok-alice', { userId: 'alice', expiresAt: null }],
    ['tok-bob', { userId: 'bob', expiresAt: null }],
  ]);
  const log: TestChannelLog = { joins: [], terminated: [], received: [] };
  const revocationListeners = new Set<(credentials: readonly RealtimeCredential[]) => void>();
  const realtime = attachRealtime(
    server,
    {
      authenticate: (token) => Promise.resolve(tokens.get(token) ?? null),
      events,
      onCredentialRevoked(listener) {
        revocationListeners.add(listener);
        return () => revocationListeners.delete(listener);
      },
    },
    { ...options, topics: [testTopicFamily(log), ...(options.topics ?? [])] },
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    socketUrl: `ws://127.0.0.1:${port}/socket`,
    realtime,
    events,
    tokens,
    log,
    revoke(...credentials) {
      for (const listener of revocationListeners) listener(credentials);
    },
    get revocationListenerCount() {
      return revocationListeners.size;
    },
    async close() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function tokenProtocol(token: string): string {
  return `base64url.bearer.phx.${Buffer.from(token).toString('base64').replace(/=+$/, '')}`;
}

/** A frame as the raw client saw it: parsed JSON for text frames, the bytes for binary frames. */
export type Frame = unknown;

/** A hand-driven WebSocket client for frame-exact protocol checks. */
export class RawClient {
  readonly ws: WebSocket;
  readonly #frames: Frame[] = [];
  #waiter: (() => void) | undefined;
  readonly closed: Promise<{ code: number; reason: string }>;

  private constructor(ws: WebSocket) {
    this.ws = ws;
    ws.on('message', (data: Buffer, isBinary) => {
      this.#frames.push(isBinary ? Buffer.from(data) : (JSON.parse(data.toString('utf8')) as unknown));
      this.#waiter?.();
    });
    this.closed = new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  }

  static async open(port: number, options: { vsn?: string | null; token?: string } = {}): Promise<RawClient> {
    const vsn = options.vsn === undefined ? '2.0.0' : options.vsn;
    const query = vsn === null ? '' : `?vsn=${vsn}`;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket/websocket${query}`, [
      'phoenix',
      tokenProtocol(options.token ?? 'tok-alice'),
    ]);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(Buffer.isBuffer(frame) ? frame : JSON.stringify(frame), { binary: Buffer.isBuffer(frame) });
  }

  /** The next frame, or a rejection after `timeoutMs`. */
  async next(timeoutMs = 2_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    while (this.#frames.length === 0) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) throw new Error('no frame arrived in time');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.#waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#waiter = undefined;
    }
    return this.#frames.shift();
  }

  /** Asserts silence: resolves with the frames that arrived within `ms` (expected: none). */
  async framesWithin(ms: number): Promise<Frame[]> {
    await new Promise((resolve) => setTimeout(resolve, ms));
    return this.#frames.splice(0);
  }

  /** Takes every frame received so far, without waiting. */
  framesSoFar(): Frame[] {
    return this.#frames.splice(0);
  }

  close(): void {
    this.ws.close(1000);
  }
}

/** The HTTP status a WebSocket upgrade gets (101 on success). */
export function upgradeStatus(port: number, protocols: string[], query = '?vsn=2.0.0'): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket/websocket${query}`, protocols);
    ws.on('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => {
      resolve(101);
      ws.close();
    });
    ws.on('error', (error) => reject(error));
  });
}
