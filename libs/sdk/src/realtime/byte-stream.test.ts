import type { MaxSocket } from '@max/rig-channels';
import { describe, expect, it } from 'vitest';
import { subscribeByteChannel, type ByteChunk, type OutputGap } from './byte-stream.js';
import { loadChannels } from './open-socket.js';

const channels = await loadChannels();

/** Just enough of MaxSocket/MaxChannel to drive the byte-stream logic event by event. */
function fakeSocket() {
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  const joins: ((reply: Record<string, unknown>) => void)[] = [];
  const closes: ((error: Error | undefined) => void)[] = [];
  const states: ((state: { status: string }) => void)[] = [];
  let params: () => Record<string, unknown> = () => ({});
  const channel = {
    on: (event: string, handler: (payload: unknown) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
      return () => undefined;
    },
    onJoin: (listener: (reply: Record<string, unknown>) => void) => (joins.push(listener), () => undefined),
    onClose: (listener: (error: Error | undefined) => void) => (closes.push(listener), () => undefined),
    join: () => Promise.resolve({}),
    leave: () => Promise.resolve(),
    push: () => Promise.resolve({}),
  };
  const socket = {
    channel: (_topic: string, p: () => Record<string, unknown>) => {
      params = p;
      return channel;
    },
    onStateChange: (listener: (state: { status: string }) => void) => (states.push(listener), () => undefined),
    pauseReading: () => reading.push('pause'),
    resumeReading: () => reading.push('resume'),
  } as unknown as MaxSocket;
  const reading: string[] = [];
  return {
    socket,
    /** What the next (re)join would send. */
    joinParams: () => params(),
    reply: (reply: Record<string, unknown>) => joins.forEach((j) => j(reply)),
    emit: (event: string, payload: unknown) => (handlers.get(event) ?? []).forEach((h) => h(payload)),
    close: (error?: Error) => closes.forEach((c) => c(error)),
    state: (status: string) => states.forEach((s) => s({ status })),
    reading,
  };
}

const bytes = (text: string) => new TextEncoder().encode(text);
type Item = ByteChunk<'stdout' | 'stderr'> | OutputGap;

async function drain(items: AsyncIterable<Item>): Promise<Item[]> {
  const out: Item[] = [];
  for await (const item of items) out.push(item);
  return out;
}

function open(offset?: number) {
  const fake = fakeSocket();
  const stream = subscribeByteChannel(fake.socket, channels, 'exec:run_1', {
    events: ['stdout', 'stderr'] as const,
    offset,
    parseExit: (payload) => payload as { code: number },
  });
  return { fake, stream };
}

describe('subscribeByteChannel', () => {
  it('resumes from the last byte delivered, keeps streams apart, and ends at exit', async () => {
    const { fake, stream } = open();
    expect(fake.joinParams()).toEqual({}); // no cursor: the oldest buffered byte
    fake.reply({ output_offset: 10, output_bytes: 12 });
    fake.emit('stdout', bytes('ab'));
    fake.emit('stderr', bytes('cde'));
    expect(fake.joinParams()).toEqual({ output_offset: 15 });
    const states: string[] = [];
    stream.onConnectionChange((s) => states.push(s));
    fake.state('reconnecting');
    fake.reply({ output_offset: 15, output_bytes: 20 });
    fake.emit('stdout', bytes('f'));
    fake.emit('exit', { code: 3 });
    const items = await drain(stream.items);
    expect(items).toEqual([
      { type: 'stdout', data: bytes('ab'), offset: 10 },
      { type: 'stderr', data: bytes('cde'), offset: 12 },
      { type: 'stdout', data: bytes('f'), offset: 15 },
    ]);
    expect(states).toEqual(['reconnecting', 'connected']);
    await expect(stream.exit).resolves.toEqual({ code: 3 });
  });

  it('drops bytes a server replays twice instead of delivering them again', async () => {
    const { fake, stream } = open(0);
    fake.reply({ output_offset: 0, output_bytes: 4 });
    fake.emit('stdout', bytes('abcd'));
    fake.reply({ output_offset: 2, output_bytes: 6 }); // earlier than asked for
    fake.emit('stdout', bytes('cdef'));
    fake.close();
    const items = await drain(stream.items);
    expect(items.map((i) => (i.type === 'gap' ? 'gap' : new TextDecoder().decode(i.data))).join('')).toBe('abcdef');
    expect(stream.offset()).toBe(6);
    await expect(stream.exit).resolves.toBeUndefined();
  });

  it('reports a gap once, whether the reply or the gap event tells it first', async () => {
    const { fake, stream } = open(100);
    fake.reply({ output_offset: 4096, output_bytes: 5000 });
    fake.emit('gap', { from_offset: 100, to_offset: 4096, reason: 'retention' });
    fake.emit('stdout', bytes('x'));
    fake.reply({ output_offset: 4097, output_bytes: 5000 });
    fake.emit('gap', { from_offset: 100, to_offset: 4096, reason: 'retention' }); // an old report after a reconnect
    fake.close();
    const items = await drain(stream.items);
    expect(items).toEqual([
      { type: 'gap', fromOffset: 100, toOffset: 4096, reason: 'retention' },
      { type: 'stdout', data: bytes('x'), offset: 4096 },
    ]);
  });

  it('stops reading the socket while the consumer lags by megabytes, and reads again once it caught up', async () => {
    const { fake, stream } = open(0);
    fake.reply({ output_offset: 0, output_bytes: 0 });
    for (let i = 0; i < 6; i++) fake.emit('stdout', new Uint8Array(1024 * 1024));
    fake.emit('stdout', bytes('tail'));
    expect(fake.reading).toEqual(['pause']);
    const iterator = stream.output[Symbol.asyncIterator]();
    for (let i = 0; i < 7; i++) await iterator.next(); // the 7th asks for more: the 6 MiB before it are consumed
    expect(fake.reading).toEqual(['pause', 'resume']);
    fake.close();
    await expect(iterator.next()).resolves.toMatchObject({ done: true });
  });

  it('a refused join or a malformed frame ends the stream with a typed error', async () => {
    const refused = open();
    refused.fake.close(new channels.ChannelJoinError('exec:run_1', { reason: 'not_found' }));
    await expect(drain(refused.stream.items)).rejects.toMatchObject({ name: 'MaxNotFoundError' });
    await expect(refused.stream.exit).rejects.toMatchObject({ name: 'MaxNotFoundError' });

    const malformed = open();
    malformed.fake.reply({ output_offset: 0, output_bytes: 0 });
    malformed.fake.emit('stdout', { not: 'bytes' });
    await expect(drain(malformed.stream.items)).rejects.toMatchObject({ code: 'malformed_response' });
  });
});
