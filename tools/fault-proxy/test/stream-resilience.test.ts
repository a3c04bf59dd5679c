// Issue 4 acceptance: streams survive cut and black-holed connections with nothing lost and nothing repeated.
// The endpoint is max-local's realtime server with an in-memory event source; the client is @max/rig-channels'
// subscribeEvents, so every event is validated against the documented @max/api-spec schema on the way.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MaxSocket, subscribeEvents, type ConnectionState } from '@max/rig-channels';
import { attachRealtime, type Realtime } from '@max/local';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../src/index.js';
import { MemoryEvents } from './memory-events.js';

interface Rig {
  events: MemoryEvents;
  proxy: FaultProxy;
  realtime: Realtime;
  server: Server;
}

const teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

async function startRig(): Promise<Rig> {
  const server = createServer((_req, res) => res.writeHead(404).end());
  const events = new MemoryEvents();
  const realtime = attachRealtime(server, {
    authenticate: (token) => Promise.resolve(token === 'tok-alice' ? { userId: 'alice', expiresAt: null } : null),
    events,
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const proxy = await startFaultProxy({ targetPort: (server.address() as AddressInfo).port });
  teardown.push(async () => {
    await proxy.close();
    await realtime.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { events, proxy, realtime, server };
}

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('resumable streams through the fault proxy', () => {
  it('10 000 events emitted while the connection is cut every 500 ms arrive exactly once, in order', async () => {
    const { events, proxy } = await startRig();
    const socket = new MaxSocket({
      url: `ws://127.0.0.1:${proxy.port}/socket`,
      token: 'tok-alice',
      backoff: { initialMs: 10, maxMs: 100, stablePeriodMs: 2_000 },
    });
    teardown.push(() => socket.close());
    let opens = 0;
    socket.onStateChange((state) => state.status === 'open' && (opens += 1));

    const received: number[] = [];
    const consumed = (async () => {
      for await (const item of subscribeEvents(socket, { userId: 'alice', afterSeq: 0 })) {
        if (item.kind === 'event') received.push(item.seq);
        if (received.length === 10_000) break;
      }
    })();
    await until(() => socket.state.status === 'open', 5_000, 'first connect');

    const TOTAL = 10_000;
    const emitter = setInterval(() => {
      for (let i = 0; i < 15 && events.list.length < TOTAL; i += 1) events.append();
      if (events.list.length >= TOTAL) clearInterval(emitter);
    }, 5);
    let cuts = 0;
    const cutter = setInterval(() => (cuts += proxy.cutAll() > 0 ? 1 : 0), 500);
    teardown.push(async () => {
      clearInterval(emitter);
      clearInterval(cutter);
    });

    await until(() => events.list.length === TOTAL, 30_000, 'emitting');
    // Keep cutting while the tail is delivered, then let it finish.
    await until(() => received.length === TOTAL, 30_000, `delivery (got ${received.length})`);
    clearInterval(cutter);
    await consumed;

    expect(received.length).toBe(TOTAL);
    expect(new Set(received).size).toBe(TOTAL);
    expect(received.every((seq, index) => seq === index + 1)).toBe(true);
    expect(cuts).toBeGreaterThanOrEqual(5);
    expect(opens).toBeGreaterThanOrEqual(cuts);
    // A cut that lands after the last event was delivered is followed by a reconnect only a moment later (the
    // socket reconnects by itself): wait for it instead of racing it.
    await until(() => proxy.stats().length >= cuts + 1, 5_000, 'a new connection after every cut');
    expect(proxy.stats().length).toBeGreaterThanOrEqual(cuts + 1);
  }, 60_000);

  it('a black-holed connection is detected by the heartbeat and re-established', async () => {
    const { events, proxy } = await startRig();
    const socket = new MaxSocket({
      url: `ws://127.0.0.1:${proxy.port}/socket`,
      token: 'tok-alice',
      heartbeatIntervalMs: 150,
      handshakeTimeoutMs: 400,
      closeTimeoutMs: 200,
      backoff: { initialMs: 20, maxMs: 200, stablePeriodMs: 2_000 },
    });
    teardown.push(() => socket.close());
    const states: (ConnectionState & { at: number })[] = [];
    socket.onStateChange((state) => states.push({ ...state, at: Date.now() }));

    const received: number[] = [];
    void (async () => {
      for await (const item of subscribeEvents(socket, { userId: 'alice', afterSeq: 0 })) {
        if (item.kind === 'event') received.push(item.seq);
      }
    })();
    for (let i = 0; i < 5; i += 1) events.append();
    await until(() => received.length === 5, 5_000, 'first events');

    // Nothing is closed, nothing errors: the packets just stop flowing.
    proxy.setBlackHole(true);
    const holeAt = Date.now();
    for (let i = 0; i < 5; i += 1) events.append();
    await until(() => states.some((s) => s.status === 'reconnecting' && s.at > holeAt), 5_000, 'heartbeat detection');
    const detectedAfter = (states.find((s) => s.status === 'reconnecting' && s.at > holeAt)?.at ?? 0) - holeAt;
    // Detection takes one heartbeat interval to send and one to time out (plus phoenix's teardown polling).
    expect(detectedAfter).toBeLessThan(2_000);
    // New handshakes into the hole time out too, so the socket keeps trying instead of hanging.
    await until(() => states.filter((s) => s.status === 'reconnecting' && s.at > holeAt).length >= 2, 5_000, 'handshake timeout');
    expect(received).toHaveLength(5);

    proxy.setBlackHole(false);
    const restoredAt = Date.now();
    await until(() => states.some((s) => s.status === 'open' && s.at > restoredAt), 5_000, 're-established');
    events.append();
    await until(() => received.length === 11, 5_000, 'catch-up');
    expect(received).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
  }, 20_000);
});
