// `events:<user>` against the documented contract: every payload is parsed with the @max/api-spec schemas of
// docs/protocol.md §6.1, so the server cannot drift from the spec without failing here.
import { clientEventErrorSchema, eventsTopic } from '@max/api-spec';
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

/** Seqs of `event` pushes, each validated against the documented Event schema. */
const seqs = (frames: Frame[]): number[] =>
  (frames as V2[]).map((frame) => {
    expect(frame[3]).toBe('event');
    return eventsTopic.serverEvents.event.parse(frame[4]).seq;
  });

/** The join reply, validated: `ok` with the documented reply, or `error` with a documented join error. */
async function joinReply(client: RawClient): Promise<{ status: string; response: Record<string, unknown> }> {
  const frame = (await client.next()) as V2;
  expect(frame[3]).toBe('phx_reply');
  const { status, response } = frame[4] as { status: string; response: Record<string, unknown> };
  if (status === 'ok') eventsTopic.joinReply.parse(response);
  else eventsTopic.joinError.parse(response);
  return { status, response };
}

function userToken(user: string): string {
  const token = `tok-${user}`;
  h.tokens.set(token, { userId: user, expiresAt: null });
  return token;
}

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
    const reply = await joinReply(client);
    // last_seq is the head when the join was decided: 20, or later if the appends above won the race.
    expect(reply.status).toBe('ok');
    expect(reply.response['last_seq']).toBeGreaterThanOrEqual(20);
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
    expect((await joinReply(client)).status).toBe('ok');
    const event = h.events.append('bob', 'app.updated', { field: 'description' });
    const [frame] = await collect(client, 1);
    expect(frame).toEqual(['1', null, 'events:bob', 'event', event]);
    expect(Object.keys(frame?.[4] ?? {}).sort()).toEqual(['action', 'actor', 'created_at', 'details', 'id', 'seq', 'target']);
    client.close();
  });

  it('without after_seq it replies {last_seq} and sends only events after it', async () => {
    h.events.append('carol');
    h.events.append('carol');
    const client = await RawClient.open(h.port, { token: userToken('carol') });
    client.send(['1', '1', 'events:carol', 'phx_join', {}]);
    expect(await client.next()).toEqual(['1', '1', 'events:carol', 'phx_reply', { status: 'ok', response: { last_seq: 2 } }]);
    expect(await client.framesWithin(80)).toEqual([]);
    h.events.append('carol');
    expect(seqs(await collect(client, 1))).toEqual([3]);
    client.close();
  });

  it('replies last_seq 0 for a user without events', async () => {
    const client = await RawClient.open(h.port, { token: userToken('erin') });
    client.send(['1', '1', 'events:erin', 'phx_join', { after_seq: 0 }]);
    expect(await client.next()).toEqual(['1', '1', 'events:erin', 'phx_reply', { status: 'ok', response: { last_seq: 0 } }]);
    h.events.append('erin');
    expect(seqs(await collect(client, 1))).toEqual([1]);
    client.close();
  });

  it('pushes a typed retention gap first when after_seq is older than what is retained', async () => {
    const token = userToken('dave');
    for (let i = 0; i < 10; i += 1) h.events.append('dave');
    h.events.prune('dave', 6); // seqs 1..5 are gone
    const client = await RawClient.open(h.port, { token });
    client.send(['1', '1', 'events:dave', 'phx_join', { after_seq: 2 }]);
    expect(await joinReply(client)).toEqual({ status: 'ok', response: { last_seq: 10 } });
    const gap = (await client.next()) as V2;
    expect(gap).toEqual(['1', null, 'events:dave', 'gap', { from_seq: 3, to_seq: 5, reason: 'retention' }]);
    expect(eventsTopic.serverEvents.gap.safeParse(gap[4]).success).toBe(true);
    expect(seqs(await collect(client, 5))).toEqual([6, 7, 8, 9, 10]);
    client.close();
  });

  it('fills a hole in the live tail from the source (events committed by another process)', async () => {
    const token = userToken('frank');
    h.events.append('frank');
    const client = await RawClient.open(h.port, { token });
    client.send(['1', '1', 'events:frank', 'phx_join', {}]);
    expect(await joinReply(client)).toEqual({ status: 'ok', response: { last_seq: 1 } });
    h.events.appendUnpublished('frank'); // seq 2: only listAfter knows it
    h.events.append('frank'); // seq 3 is published: the channel must fetch 2 before pushing it
    expect(seqs(await collect(client, 2))).toEqual([2, 3]);
    h.events.append('frank');
    expect(seqs(await collect(client, 1))).toEqual([4]);
    client.close();
  });

  it('refuses a cursor ahead of the history with cursor_ahead and a malformed payload with invalid_payload', async () => {
    const client = await RawClient.open(h.port, { token: 'tok-bob' });
    const head = h.events.latestSeq('bob');
    client.send(['1', '1', 'events:bob', 'phx_join', { after_seq: head + 10 }]);
    expect(await joinReply(client)).toEqual({
      status: 'error',
      response: { reason: 'cursor_ahead', message: expect.any(String), last_seq: head },
    });
    for (const [ref, payload] of [
      ['2', { after_seq: -1 }],
      ['3', { after_seq: '4' }],
      ['4', { afterSeq: 4 }],
    ] as const) {
      client.send([ref, ref, 'events:bob', 'phx_join', payload]);
      const reply = await joinReply(client);
      expect(reply).toMatchObject({ status: 'error', response: { reason: 'invalid_payload' } });
    }
    client.close();
  });

  it('answers client events with unknown_event and keeps the channel', async () => {
    const client = await RawClient.open(h.port, { token: 'tok-bob' });
    client.send(['1', '1', 'events:bob', 'phx_join', {}]);
    await joinReply(client);
    client.send(['1', '2', 'events:bob', 'ping', {}]);
    const reply = (await client.next()) as V2;
    expect(reply.slice(0, 4)).toEqual(['1', '2', 'events:bob', 'phx_reply']);
    expect(reply[4]['status']).toBe('error');
    expect(clientEventErrorSchema.parse(reply[4]['response']).reason).toBe('unknown_event');
    const event = h.events.append('bob');
    expect(seqs(await collect(client, 1))).toEqual([event.seq]);
    client.close();
  });

  it('another user\'s events never reach the socket, and leaving unsubscribes', async () => {
    // Sockets closed by earlier tests release their subscriptions once their close completes.
    for (let waited = 0; h.events.listenerCount > 0 && waited < 2_000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
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
