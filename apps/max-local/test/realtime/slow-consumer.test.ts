// The server never buffers without bound for a client that does not read: past the bound it stops sending and
// closes the socket with 4429 slow_consumer. Replays pace themselves and never trip it; resuming by cursor
// loses nothing.
import { eventsTopic } from '@max/api-spec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, startHarness, type Frame, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ highWaterMark: 64 * 1024, maxBufferedBytes: 256 * 1024, replayBatchSize: 50 });
});
afterAll(() => h.close());

type V2 = [string | null, string | null, string, string, Record<string, unknown>];

/** ~16 KiB per event, so a few hundred of them overflow both the kernel's socket buffers and the bound. */
const bulky = { blob: 'x'.repeat(16 * 1024) };

const eventSeqs = (frames: Frame[]): number[] =>
  (frames as V2[]).filter((frame) => frame[3] === 'event').map((frame) => eventsTopic.serverEvents.event.parse(frame[4]).seq);

async function until(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('slow consumers', () => {
  it('closes a socket that stops reading with 4429, and a resume by cursor gets everything', async () => {
    h.tokens.set('tok-slow', { userId: 'slow', expiresAt: null });
    const client = await RawClient.open(h.port, { token: 'tok-slow' });
    client.send(['1', '1', 'events:slow', 'phx_join', {}]);
    expect(await client.next()).toEqual(['1', '1', 'events:slow', 'phx_reply', { status: 'ok', response: { last_seq: 0 } }]);
    const connections = h.realtime.connectionCount;
    const listeners = h.events.listenerCount;

    client.ws.pause(); // stop reading: TCP backs up, then ws's buffer grows
    let appended = 0;
    while (h.realtime.connectionCount === connections && appended < 5_000) {
      h.events.append('slow', 'app.updated', bulky);
      appended += 1;
      if (appended % 10 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    // The server gave up on the socket long before 5 000 events (80 MiB), and let go of its subscription.
    expect(h.realtime.connectionCount).toBe(connections - 1);
    expect(h.events.listenerCount).toBe(listeners - 1);
    expect(appended).toBeLessThan(5_000);
    for (let i = 0; i < 5; i += 1) h.events.append('slow', 'app.updated', bulky);

    client.ws.resume();
    expect(await client.closed).toEqual({ code: 4429, reason: 'slow_consumer' });
    const received = eventSeqs(await client.framesWithin(0));
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => i + 1));
    expect(received.length).toBeLessThan(appended);

    // Reconnect and resume from the last event received: the rest arrives, nothing twice.
    const again = await RawClient.open(h.port, { token: 'tok-slow' });
    const cursor = received.at(-1) ?? 0;
    again.send(['1', '1', 'events:slow', 'phx_join', { after_seq: cursor }]);
    const total = appended + 5;
    expect(await again.next()).toEqual(['1', '1', 'events:slow', 'phx_reply', { status: 'ok', response: { last_seq: total } }]);
    const rest: Frame[] = [];
    while (rest.length < total - cursor) rest.push(await again.next(5_000));
    expect(eventSeqs(rest)).toEqual(Array.from({ length: total - cursor }, (_, i) => cursor + i + 1));
    again.close();
  });

  it('a replay far larger than the bound paces itself instead of closing the socket', async () => {
    h.tokens.set('tok-big', { userId: 'big', expiresAt: null });
    for (let i = 0; i < 400; i += 1) h.events.append('big', 'app.updated', bulky); // ~6.4 MiB, 25× the bound
    const client = await RawClient.open(h.port, { token: 'tok-big' });
    client.send(['1', '1', 'events:big', 'phx_join', { after_seq: 0 }]);
    expect(await client.next()).toMatchObject(['1', '1', 'events:big', 'phx_reply', { status: 'ok' }]);
    const frames: Frame[] = [];
    await until(
      () => {
        frames.push(...client.framesSoFar());
        return frames.length >= 400 || client.ws.readyState !== client.ws.OPEN;
      },
      10_000,
      'replay',
    );
    expect(client.ws.readyState).toBe(client.ws.OPEN);
    expect(eventSeqs(frames)).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
    client.close();
  });
});
