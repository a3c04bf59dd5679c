import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventsTopic, type EventRecord } from '@max/api-spec';
import { ChannelJoinError, ChannelValidationError, MaxSocket, subscribeEvents, type StreamItem } from '../src/index.js';
import { fastBackoff, startFakeMax, until, type FakeMax } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeMax(options: Parameters<typeof startFakeMax>[0] = {}): Promise<FakeMax> {
  const max = await startFakeMax(options);
  cleanups.push(() => max.stop());
  return max;
}

function socketFor(max: FakeMax, token = 'tok-alice'): MaxSocket {
  const socket = new MaxSocket({ url: max.url, token, backoff: fastBackoff, heartbeatIntervalMs: 1_000 });
  cleanups.push(() => socket.close());
  return socket;
}

/** Reads items from the stream in the background. */
function drain<T>(stream: AsyncIterable<StreamItem<T>>) {
  const items: StreamItem<T>[] = [];
  const done = (async () => {
    for await (const item of stream) items.push(item);
  })();
  return { items, done };
}

const seqsOf = (items: StreamItem<EventRecord>[]): number[] =>
  items.flatMap((item) => (item.kind === 'event' ? [item.seq] : []));

describe('MaxSocket.subscribe', () => {
  it('replays after the cursor, then delivers live events, each once and in order', async () => {
    const max = await fakeMax();
    for (let i = 0; i < 30; i += 1) max.events.append('alice');
    const socket = socketFor(max);
    const { items } = drain(subscribeEvents(socket, { userId: 'alice', afterSeq: 10 }));
    await until(() => items.length === 20);
    for (let i = 0; i < 5; i += 1) max.events.append('alice');
    await until(() => items.length === 25);
    expect(seqsOf(items)).toEqual(Array.from({ length: 25 }, (_, i) => i + 11));
    const first = items[0];
    expect(first?.kind === 'event' && first.data.action).toBe('network.created');
  });

  it('without a cursor starts at the server\'s head and still loses nothing across a restart', async () => {
    const max = await fakeMax();
    max.events.append('alice');
    max.events.append('alice');
    const socket = socketFor(max);
    const states: string[] = [];
    socket.onStateChange((state) => states.push(state.status));
    const subscription = subscribeEvents(socket, { userId: 'alice' });
    const { items } = drain(subscription);
    await until(() => subscription.cursor === 2, 5_000, 'join with last_seq');
    // The server goes away; events keep happening; it comes back on the same port with the same history.
    const { port, events, tokens } = max;
    await max.stop();
    events.append('alice');
    events.append('alice');
    const again = await fakeMax({ port, events, tokens });
    await until(() => items.length === 2, 5_000, 'events written while down');
    again.events.append('alice');
    await until(() => items.length === 3);
    expect(seqsOf(items)).toEqual([3, 4, 5]);
    expect(states).toContain('reconnecting');
  });

  it('yields a typed gap for history the server no longer has', async () => {
    const max = await fakeMax();
    for (let i = 0; i < 10; i += 1) max.events.append('alice');
    max.events.prune('alice', 8);
    const socket = socketFor(max);
    const { items } = drain(subscribeEvents(socket, { userId: 'alice', afterSeq: 3 }));
    await until(() => items.length === 4);
    expect(items[0]).toEqual({ kind: 'gap', fromSeq: 4, toSeq: 7, reason: 'retention' });
    expect(seqsOf(items)).toEqual([8, 9, 10]);
  });

  it('ends with a typed error when the join is refused, without rejoining', async () => {
    const max = await fakeMax();
    const socket = socketFor(max);
    const iterate = async () => {
      for await (const _item of subscribeEvents(socket, { userId: 'bob' })) {
        // never reached
      }
    };
    const error = await iterate().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelJoinError);
    expect((error as ChannelJoinError).reason).toBe('unauthorized');
    expect((error as ChannelJoinError).code).toBe('channel_join_refused');
    // phoenix alone would retry the join forever (1 s, 2 s, 5 s, …); the socket itself stays usable.
    const ok = socket.channel('test:after');
    await ok.join();
    expect(await ok.push('echo', { still: 'usable' })).toEqual({ still: 'usable' });
  });

  it('ends with a typed cursor_ahead error when the cursor is beyond the server\'s history', async () => {
    const max = await fakeMax();
    max.events.append('alice');
    max.events.append('alice');
    const socket = socketFor(max);
    const error = await (async () => {
      for await (const _item of subscribeEvents(socket, { userId: 'alice', afterSeq: 40 })) {
        // never reached
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelJoinError);
    expect((error as ChannelJoinError).reason).toBe('cursor_ahead');
    expect(eventsTopic.joinError.parse((error as ChannelJoinError).response)).toMatchObject({ last_seq: 2 });
  });

  it('subscribeEvents refuses a cursor that is not a seq', () => {
    const socket = new MaxSocket({ url: 'ws://127.0.0.1:9/socket', token: 'tok-alice' });
    expect(() => subscribeEvents(socket, { userId: 'alice', afterSeq: -1 })).toThrow(RangeError);
    expect(() => subscribeEvents(socket, { userId: 'alice', afterSeq: 1.5 })).toThrow(RangeError);
    expect(() => subscribeEvents(socket, { userId: 'al:ice' })).toThrow(TypeError);
    expect(socket.state.status).toBe('idle');
  });

  it('ends with ChannelValidationError when an event does not match the schema', async () => {
    const max = await fakeMax();
    max.events.append('alice');
    const socket = socketFor(max);
    const strict = eventsTopic.serverEvents.event.extend({ action: z.literal('app.deleted') });
    const error = await (async () => {
      for await (const _item of socket.subscribe('events:alice', { schema: strict, cursor: 0 })) {
        // never reached
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelValidationError);
  });

  it('breaking out of the loop leaves the topic; close() ends the stream normally', async () => {
    const max = await fakeMax();
    for (let i = 0; i < 5; i += 1) max.events.append('alice');
    const socket = socketFor(max);
    const seen: number[] = [];
    for await (const item of subscribeEvents(socket, { userId: 'alice', afterSeq: 0 })) {
      if (item.kind === 'event') seen.push(item.seq);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([1, 2]);
    const subscription = subscribeEvents(socket, { userId: 'alice', afterSeq: 5 });
    const { done } = drain(subscription);
    await subscription.close();
    await expect(done).resolves.toBeUndefined();
  });
});
