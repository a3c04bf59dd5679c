import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  attachRealtime,
  prefixMatcher,
  type RealtimeEventRecord as EventRecord,
  type Realtime,
  type RealtimeEventSource,
  type RealtimeIdentity,
  type RealtimeOptions,
  type TopicFamily,
} from '@max/local';

/** In-memory event source with EventLog semantics (gap-free seqs per user), plus pruning. */
export class FakeEventSource implements RealtimeEventSource {
  readonly #events = new Map<string, EventRecord[]>();
  readonly #earliest = new Map<string, number>();
  readonly #listeners = new Set<(userId: string, event: EventRecord) => void>();

  append(userId: string): EventRecord {
    const list = this.#events.get(userId) ?? [];
    const seq = (list.at(-1)?.seq ?? (this.#earliest.get(userId) ?? 1) - 1) + 1;
    const event: EventRecord = {
      id: `evt_${seq}`,
      seq,
      action: 'network.created',
      actor: { type: 'user', id: userId, email: null },
      target: { type: 'network', network: `n${seq}` },
      details: {},
      created_at: new Date(1_700_000_000_000 + seq).toISOString(),
    };
    list.push(event);
    this.#events.set(userId, list);
    for (const listener of this.#listeners) listener(userId, event);
    return event;
  }

  prune(userId: string, beforeSeq: number): void {
    this.#events.set(userId, (this.#events.get(userId) ?? []).filter((event) => event.seq >= beforeSeq));
    this.#earliest.set(userId, beforeSeq);
  }

  listAfter(userId: string, afterSeq: number, limit: number): EventRecord[] {
    const list = this.#events.get(userId) ?? [];
    // Binary search: the 10 000-event tests replay often.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid]?.seq ?? 0) <= afterSeq) lo = mid + 1;
      else hi = mid;
    }
    return list.slice(lo, lo + limit);
  }

  subscribe(listener: (userId: string, event: EventRecord) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  earliestSeq(userId: string): number {
    return this.#earliest.get(userId) ?? 1;
  }

  latestSeq(userId: string): number {
    return this.#events.get(userId)?.at(-1)?.seq ?? 0;
  }
}

/**
 * `test:*`: `echo` replies with the payload, `noreply` never answers, `count` replies with a counter, `collect`
 * keeps the bytes it is sent (answering only pushes that carry a ref), `collected` replies with all of them.
 */
const testTopics: TopicFamily = {
  name: 'test',
  matches: prefixMatcher('test:'),
  join: () => {
    let count = 0;
    const collected: number[] = [];
    return {
      status: 'ok',
      response: {},
      handler: {
        handleIn(event, payload) {
          if (event === 'echo') return { status: 'ok', response: payload instanceof Uint8Array ? payload : ((payload ?? {}) as Record<string, unknown>) };
          if (event === 'count') return { status: 'ok', response: { count: ++count } };
          if (event === 'collect' && payload instanceof Uint8Array) {
            collected.push(...payload);
            return { status: 'ok', response: {} };
          }
          if (event === 'collected') return { status: 'ok', response: { bytes: collected } };
          return undefined; // noreply
        },
      },
    };
  },
};

export interface FakeMax {
  port: number;
  /** `ws://127.0.0.1:<port>/socket` */
  url: string;
  server: Server;
  realtime: Realtime;
  events: FakeEventSource;
  tokens: Map<string, RealtimeIdentity>;
  /** Tokens presented at upgrades, in order. */
  presented: string[];
  /** Stops the endpoint and the HTTP server (clients see their connection drop). */
  stop(): Promise<void>;
}

/**
 * Starts an HTTP server with the realtime endpoint and in-memory fakes. Pass the same `events`, `tokens`
 * and `port` again to simulate a restart.
 */
export async function startFakeMax(
  options: { port?: number; events?: FakeEventSource; tokens?: Map<string, RealtimeIdentity>; realtime?: RealtimeOptions } = {},
): Promise<FakeMax> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const events = options.events ?? new FakeEventSource();
  const tokens =
    options.tokens ??
    new Map<string, RealtimeIdentity>([
      ['tok-alice', { userId: 'alice', expiresAt: null }],
      ['tok-bob', { userId: 'bob', expiresAt: null }],
    ]);
  const presented: string[] = [];
  const realtime = attachRealtime(
    server,
    {
      authenticate: (token) => {
        presented.push(token);
        return Promise.resolve(tokens.get(token) ?? null);
      },
      events,
    },
    { ...options.realtime, topics: [testTopics] },
  );
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `ws://127.0.0.1:${port}/socket`,
    server,
    realtime,
    events,
    tokens,
    presented,
    async stop() {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export async function until(condition: () => boolean, timeoutMs = 5_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Fast reconnects for tests: the production defaults are tuned for people, not test runtimes. */
export const fastBackoff = { initialMs: 20, maxMs: 200, stablePeriodMs: 1_000 };
