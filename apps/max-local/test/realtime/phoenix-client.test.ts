// Conformance with the OFFICIAL phoenix client (npm phoenix 1.8.16 over ws), as browsers and SDKs use it.
import { Socket, type Channel } from 'phoenix';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.js';

let h: Harness;
const sockets: Socket[] = [];

beforeAll(async () => {
  h = await startHarness({ idleTimeoutMs: 400 });
});
afterAll(() => h.close());
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.disconnect(undefined, 1000);
});

function connect(options: { token?: string; heartbeatIntervalMs?: number; rejoinAfterMs?: number } = {}): Socket {
  const socket = new Socket(h.socketUrl, {
    transport: WebSocket,
    authToken: options.token ?? 'tok-alice',
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 100,
    rejoinAfterMs: () => options.rejoinAfterMs ?? 50,
    reconnectAfterMs: () => 50,
  });
  sockets.push(socket);
  socket.connect();
  return socket;
}

function join(channel: Channel): Promise<unknown> {
  return new Promise((resolve, reject) => {
    channel
      .join()
      .receive('ok', resolve)
      .receive('error', (response: unknown) => reject(new Error(JSON.stringify(response))));
  });
}

function push(channel: Channel, event: string, payload: object): Promise<{ status: string; response: unknown }> {
  return new Promise((resolve) => {
    channel
      .push(event, payload)
      .receive('ok', (response: unknown) => resolve({ status: 'ok', response }))
      .receive('error', (response: unknown) => resolve({ status: 'error', response }))
      .receive('timeout', () => resolve({ status: 'timeout', response: null }));
  });
}

const until = async (condition: () => boolean, timeoutMs = 3_000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

describe('official phoenix client', () => {
  it('joins with authToken, pushes and gets replies, leaves', async () => {
    const socket = connect();
    const channel = socket.channel('test:conf', { hello: 'world' });
    expect(await join(channel)).toEqual({ joined: 'test:conf' });
    expect(h.log.joins.at(-1)).toEqual({ topic: 'test:conf', payload: { hello: 'world' } });
    expect(await push(channel, 'echo', { n: 42 })).toEqual({ status: 'ok', response: { n: 42 } });
    expect(await push(channel, 'fail', {})).toEqual({ status: 'error', response: { reason: 'asked to fail' } });
    const pushed = new Promise((resolve) => channel.on('pushed', resolve));
    await push(channel, 'push', { via: 'server' });
    expect(await pushed).toEqual({ via: 'server' });
    channel.leave();
    await until(() => h.log.terminated.some((t) => t.topic === 'test:conf' && t.reason === 'left'));
  });

  it('round-trips binary payloads as ArrayBuffers', async () => {
    const socket = connect();
    const channel = socket.channel('test:conf-bin');
    await join(channel);
    const bytes = new Uint8Array([0, 1, 2, 254, 255]);
    const reply = await push(channel, 'echo', bytes.buffer.slice(0) as unknown as object);
    expect(reply.status).toBe('ok');
    expect(reply.response).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(reply.response as ArrayBuffer)]).toEqual([...bytes]);
    expect(h.log.received.at(-1)?.payload).toEqual(bytes);
  });

  it('refuses another user\'s topic and an unmatched topic', async () => {
    const socket = connect();
    await expect(join(socket.channel('events:bob'))).rejects.toThrow('unauthorized');
    await expect(join(socket.channel('nothing:here'))).rejects.toThrow('unmatched topic');
  });

  it('duplicate join on the server closes the old channel instance', async () => {
    const socket = connect();
    const channel = socket.channel('test:dup');
    await join(channel);
    const closed = new Promise((resolve) => channel.onClose(resolve));
    // A second join of the same topic on the same socket, as after a join timeout the server still honoured.
    socket.push({ topic: 'test:dup', event: 'phx_join', payload: {}, ref: 'dup-1', join_ref: 'dup-1' });
    await closed;
    expect(h.log.terminated).toContainEqual({ topic: 'test:dup', reason: 'duplicate_join' });
  });

  it('a second Channel object for the same topic replaces the first', async () => {
    const socket = connect();
    const first = socket.channel('test:twice');
    await join(first);
    const firstClosed = new Promise((resolve) => first.onClose(resolve));
    const second = socket.channel('test:twice');
    await join(second);
    await firstClosed;
    expect(await push(second, 'echo', { second: true })).toEqual({ status: 'ok', response: { second: true } });
  });

  it('rejoins after a channel crash (phx_error) and keeps working', async () => {
    const socket = connect({ rejoinAfterMs: 30 });
    const channel = socket.channel('test:crashy');
    await join(channel);
    const joinsBefore = h.log.joins.filter((j) => j.topic === 'test:crashy').length;
    const errored = new Promise((resolve) => channel.onError(resolve));
    channel.push('crash', {});
    expect(await errored).toEqual({ reason: 'channel_crash' });
    await until(() => h.log.joins.filter((j) => j.topic === 'test:crashy').length === joinsBefore + 1);
    await until(() => channel.state === 'joined');
    expect(await push(channel, 'echo', { again: true })).toEqual({ status: 'ok', response: { again: true } });
  });

  it('heartbeats are answered and keep the socket past the idle timeout', async () => {
    const socket = connect({ heartbeatIntervalMs: 60 });
    let opens = 0;
    let closes = 0;
    socket.onOpen(() => {
      opens += 1;
    });
    socket.onClose(() => {
      closes += 1;
    });
    await until(() => socket.isConnected());
    const rtt = await new Promise<number>((resolve) => socket.ping(resolve));
    expect(rtt).toBeGreaterThanOrEqual(0);
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // 2.5 idle timeouts
    expect(socket.isConnected()).toBe(true);
    expect({ opens, closes }).toEqual({ opens: 1, closes: 0 });
  });

  it('without heartbeats the server closes the idle socket and phoenix reconnects', async () => {
    const socket = connect({ heartbeatIntervalMs: 60_000 });
    let opens = 0;
    socket.onOpen(() => {
      opens += 1;
    });
    await until(() => opens === 2, 3_000);
  });

  it('a bad token never opens a socket', async () => {
    const socket = connect({ token: 'tok-nobody' });
    const errors: unknown[] = [];
    socket.onError((error) => {
      errors.push(error);
    });
    let opened = false;
    socket.onOpen(() => {
      opened = true;
    });
    await until(() => errors.length >= 2);
    expect(opened).toBe(false);
    expect(String((errors[0] as { message?: string }).message)).toContain('403');
  });
});
