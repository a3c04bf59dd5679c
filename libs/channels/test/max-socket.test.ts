import { afterEach, describe, expect, it } from 'vitest';
import {
  ChannelClosedError,
  ChannelTimeoutError,
  MaxSocket,
  PushBufferFullError,
  SocketAuthError,
  subscribeEvents,
  type ConnectionState,
  type StreamItem,
} from '../src/index.js';
import type { EventRecord } from '@max/api-spec';
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

function track(socket: MaxSocket): ConnectionState[] {
  const states: ConnectionState[] = [];
  socket.onStateChange((state) => states.push(state));
  cleanups.push(() => socket.close());
  return states;
}

describe('MaxSocket connection', () => {
  it('reports connecting → open → reconnecting (attempt, delay) → open across a server restart', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({ url: max.url, token: 'tok-alice', backoff: { ...fastBackoff, jitter: 0 } });
    const states = track(socket);
    expect(socket.state).toEqual({ status: 'idle' });
    socket.connect();
    await until(() => socket.state.status === 'open');
    const { port, events, tokens } = max;
    await max.stop();
    await until(() => states.some((s) => s.status === 'reconnecting' && s.attempt >= 3), 5_000, 'three failed attempts');
    await fakeMax({ port, events, tokens });
    await until(() => socket.state.status === 'open', 5_000, 'reopen');
    const statuses = states.map((s) => s.status);
    expect(statuses.slice(0, 2)).toEqual(['connecting', 'open']);
    const reconnecting = states.filter((s): s is Extract<ConnectionState, { status: 'reconnecting' }> => s.status === 'reconnecting');
    // Exponential: 20, 40, 80, … capped at 200 (no jitter here), never reset by a failed attempt.
    expect(reconnecting.slice(0, 3).map((s) => [s.attempt, s.delayMs])).toEqual([
      [1, 20],
      [2, 40],
      [3, 80],
    ]);
    await socket.close();
    expect(socket.state).toEqual({ status: 'closed' });
  });

  it('consults the token provider on every connect and forces a refresh when the server closes an expired token', async () => {
    const max = await fakeMax();
    max.tokens.set('tok-1', { userId: 'alice', expiresAt: new Date(Date.now() + 400) });
    max.tokens.set('tok-2', { userId: 'alice', expiresAt: null });
    const calls: { forceRefresh: boolean; rejectedToken?: string }[] = [];
    const socket = new MaxSocket({
      url: max.url,
      token: (context) => {
        calls.push(context);
        return Promise.resolve(calls.length === 1 ? 'tok-1' : 'tok-2');
      },
      backoff: fastBackoff,
    });
    track(socket);
    for (let i = 0; i < 3; i += 1) max.events.append('alice');
    const items: StreamItem<EventRecord>[] = [];
    void (async () => {
      for await (const item of subscribeEvents(socket, { userId: 'alice', afterSeq: 0 })) items.push(item);
    })();
    await until(() => items.length === 3);
    // The server closes the socket at expiry (4401 token_expired); the client reconnects with a freshly forced token.
    await until(() => max.presented.includes('tok-2'), 5_000, 'reconnect with tok-2');
    expect(calls[0]).toEqual({ forceRefresh: false });
    expect(calls[1]).toEqual({ forceRefresh: true, rejectedToken: 'tok-1' });
    max.events.append('alice');
    await until(() => items.length === 4);
    expect(items.map((item) => (item.kind === 'event' ? item.seq : -1))).toEqual([1, 2, 3, 4]);
  });

  it('gives up with SocketAuthError after repeated 403s, ending streams with it', async () => {
    const max = await fakeMax();
    const calls: boolean[] = [];
    const socket = new MaxSocket({
      url: max.url,
      token: (context) => {
        calls.push(context.forceRefresh);
        return Promise.resolve('tok-revoked');
      },
      backoff: fastBackoff,
      maxAuthFailures: 3,
    });
    track(socket);
    const error = await (async () => {
      for await (const _item of subscribeEvents(socket, { userId: 'alice' })) {
        // never reached
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SocketAuthError);
    await until(() => socket.state.status === 'closed');
    expect(socket.state).toMatchObject({ status: 'closed', error: expect.any(SocketAuthError) });
    expect(calls).toEqual([false, true, true]);
    expect(max.presented).toHaveLength(3);
  });

  it('a provider that says no credential is left (code not_authenticated) ends the socket at the first failure', async () => {
    const max = await fakeMax();
    let calls = 0;
    const socket = new MaxSocket({
      url: max.url,
      token: () => {
        calls += 1;
        return Promise.reject(Object.assign(new Error('Not logged in'), { code: 'not_authenticated' }));
      },
      backoff: fastBackoff,
      maxAuthFailures: 5,
    });
    track(socket);
    socket.connect();
    await until(() => socket.state.status === 'closed');
    expect(socket.state).toMatchObject({ status: 'closed', error: expect.any(SocketAuthError) });
    expect(calls).toBe(1);
  });

  it('a token provider that fails counts as an auth failure too', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({
      url: max.url,
      token: () => Promise.reject(new Error('refresh token revoked')),
      backoff: fastBackoff,
      maxAuthFailures: 2,
    });
    track(socket);
    socket.connect();
    await until(() => socket.state.status === 'closed');
    expect(socket.state).toMatchObject({ status: 'closed', error: expect.any(SocketAuthError) });
    expect(max.presented).toEqual([]);
  });
});

describe('MaxChannel push', () => {
  it('pushes JSON and bytes and gets replies', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({ url: max.url, token: 'tok-alice', backoff: fastBackoff });
    track(socket);
    const channel = socket.channel('test:push');
    await channel.join();
    expect(await channel.push('echo', { a: 1 })).toEqual({ a: 1 });
    expect(await channel.push('echo', new Uint8Array([1, 2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
    await expect(channel.push('noreply', {}, { timeoutMs: 100 })).rejects.toBeInstanceOf(ChannelTimeoutError);
  });

  it('buffers pushes while disconnected up to the bound, rejects beyond it, flushes after reconnect', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({ url: max.url, token: 'tok-alice', backoff: fastBackoff, pushBufferLimit: 3 });
    track(socket);
    const channel = socket.channel('test:buffer');
    await channel.join();
    const { port, events, tokens } = max;
    await max.stop();
    await until(() => socket.state.status === 'reconnecting');
    const buffered = [1, 2, 3].map(() => channel.push('count'));
    await expect(channel.push('count')).rejects.toBeInstanceOf(PushBufferFullError);
    await fakeMax({ port, events, tokens });
    const replies = await Promise.all(buffered);
    // A fresh channel process on the restarted server counts from 1; order is preserved.
    expect(replies).toEqual([{ count: 1 }, { count: 2 }, { count: 3 }]);
  });

  it('send: unanswered bytes, in order with pushes, buffered while disconnected and flushed after the rejoin', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({ url: max.url, token: 'tok-alice', backoff: fastBackoff, pushBufferLimit: 4 });
    track(socket);
    const channel = socket.channel('test:send');
    expect(() => channel.send('collect', new Uint8Array([0]))).toThrow(/join test:send before sending/);
    await channel.join();
    channel.send('collect', new Uint8Array([1, 2]));
    await channel.push('collect', new Uint8Array([3]));
    channel.send('collect', new Uint8Array([4]));
    expect(await channel.push('collected')).toEqual({ bytes: [1, 2, 3, 4] });

    const { port, events, tokens } = max;
    await max.stop();
    await until(() => socket.state.status === 'reconnecting');
    channel.send('collect', new Uint8Array([5]));
    const pushed = channel.push('collect', new Uint8Array([6]));
    channel.send('collect', new Uint8Array([7]));
    channel.send('collect', new Uint8Array([8]));
    // The bound counts sends and pushes alike.
    expect(() => channel.send('collect', new Uint8Array([9]))).toThrow(PushBufferFullError);
    await fakeMax({ port, events, tokens });
    await pushed;
    // A fresh channel process on the restarted server: exactly what waited, in the order it was written.
    expect(await channel.push('collected')).toEqual({ bytes: [5, 6, 7, 8] });
    await socket.close();
    expect(() => channel.send('collect', new Uint8Array([10]))).toThrow(ChannelClosedError);
  });

  it('rejects buffered pushes when the socket closes', async () => {
    const max = await fakeMax();
    const socket = new MaxSocket({ url: max.url, token: 'tok-alice', backoff: fastBackoff });
    track(socket);
    const channel = socket.channel('test:closing');
    await channel.join();
    await max.stop();
    await until(() => socket.state.status === 'reconnecting');
    const pending = channel.push('echo', {});
    await socket.close();
    await expect(pending).rejects.toBeInstanceOf(ChannelClosedError);
  });
});
