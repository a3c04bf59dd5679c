import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RawClient, startHarness, type Frame, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  // Small batches so replays cross several listAfter calls.
  h = await startHarness({ replayBatchSize: 7 });
});
afterAll(() => h.close());

type V2 = [string | null, string | null, string, string, Record<string, unknown>];

async function collect(client: RawClient, count: number): Promise<V2[]> {
  const frames: V2[] = [];
  while (frames.length < count) frames.push((await client.next()) as V2);
  return frames;
}

const seqs = (frames: Frame[]): number[] => (frames as V2[]).map((frame) => frame[4]['seq'] as number);

describe('events:<user>', () => {
  it('replays everything after after_seq in order, then goes live without a gap or duplicate', async () => {
    const user = 'alice';
    for (let i = 0; i < 20; i += 1) h.events.append(user);
    const client = await RawClient.open(h.port);
    client.send(['1', '1', `events:${user}`, 'phx_join', { after_seq: 5 }]);
    // Events appended while the replay runs must be neither lost nor repeated.
    queueMicrotask(() => {
      for (let i = 0; i < 5; i += 1) h.events.append(user);
    });
    const reply = (await client.next()) as V2;
    // last_seq is the head when the join was decided: 20, or later if the appends above won the race.
    expect(reply).toMatchObject(['1', '1', `events:${user}`, 'phx_reply', { status: 'ok' }]);
    expect(reply[4]['response']).toEqual({ last_seq: expect.any(Number) });
    const replayed = await collect(client, 20);
    expect(replayed.every((frame) => frame[0] === '1' && frame[1] === null && frame[3] === 'event')).toBe(true);
    expect(seqs(replayed)).toEqual(Array.from({ length: 20 }, (_, i) => i + 6));
    h.events.append(user);
    expect(seqs(await collect(client, 1))).toEqual([26]);
    expect(await client.framesWithin(100)).toEqual([]);
    client.close();
  });

  it('pushes the wire Event shape', async () => {
    const client = await RawClient.open(h.port, { token: 'tok-bob' });
    client.send(['1', '1', 'events:bob', 'phx_join', {}]);
    expect(await client.next()).toMatchObject(['1', '1', 'events:bob', 'phx_reply', { status: 'ok' }]);
    const event = h.events.append('bob', 'app.updated', { field: 'description' });
    const [frame] = await collect(client, 1);
    expect(frame).toEqual(['1', null, 'events:bob', 'event', event]);
    expect(Object.keys(frame?.[4] ?? {}).sort()).toEqual(['action', 'actor', 'created_at', 'details', 'id', 'seq', 'target']);
    client.close();
  });

  it('without after_seq it sends only new events', async () => {
    h.events.append('carol');
    h.events.append('carol');
    h.tokens.set('tok-carol', { userId: 'carol', expiresAt: null });
    const client = await RawClient.open(h.port, { token: 'tok-carol' });
    client.send(['1', '1', 'events:carol', 'phx_join', {}]);
    expect(await client.next()).toEqual(['1', '1', 'events:carol', 'phx_reply', { status: 'ok', response: { last_seq: 2 } }]);
    expect(await client.framesWithin(80)).toEqual([]);
    h.events.append('carol');
    expect(seqs(await collect(client, 1))).toEqual([3]);
    client.close();
  });

  it('announces a typed gap first when after_seq is older than retention', async () => {
    h.tokens.set('tok-dave', { userId: 'dave', expiresAt: null });
    for (let i = 0; i < 10; i += 1) h.events.append('dave');
    h.events.prune('dave', 6); // seqs 1..5 are gone
    const client = await RawClient.open(h.port, { token: 'tok-dave' });
    client.send(['1', '1', 'events:dave', 'phx_join', { after_seq: 2 }]);
    expect(await client.next()).toMatchObject(['1', '1', 'events:dave', 'phx_reply', { status: 'ok' }]);
    expect(await client.next()).toEqual(['1', null, 'events:dave', 'gap', { from_seq: 3, to_seq: 5 }]);
    expect(seqs(await collect(client, 5))).toEqual([6, 7, 8, 9, 10]);
    client.close();
  });

  it('refuses a cursor ahead of the history and a malformed after_seq', async () => {
    const client = await RawClient.open(h.port, { token: 'tok-bob' });
    const head = h.events.latestSeq('bob');
    client.send(['1', '1', 'events:bob', 'phx_join', { after_seq: head + 10 }]);
    expect(await client.next()).toEqual([
      '1',
      '1',
      'events:bob',
      'phx_reply',
      { status: 'error', response: { reason: 'cursor_ahead', last_seq: head } },
    ]);
    client.send(['2', '2', 'events:bob', 'phx_join', { after_seq: -1 }]);
    expect(await client.next()).toMatchObject(['2', '2', 'events:bob', 'phx_reply', { status: 'error', response: { reason: 'bad_request' } }]);
    client.close();
  });

  it('another user\'s events never reach the socket, and leaving unsubscribes', async () => {
    const client = await RawClient.open(h.port, { token: 'tok-bob' });
    const before = h.events.listenerCount;
    client.send(['1', '1', 'events:bob', 'phx_join', {}]);
    await client.next();
    expect(h.events.listenerCount).toBe(before + 1);
    h.events.append('alice');
    expect(await client.framesWithin(80)).toEqual([]);
    client.send(['1', '2', 'events:bob', 'phx_leave', {}]);
    await collect(client, 2);
    expect(h.events.listenerCount).toBe(before);
    client.close();
  });
});
