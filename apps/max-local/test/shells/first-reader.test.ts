import { describe, expect, it } from 'vitest';
import { ByteStream } from '../../src/shells/byte-stream.js';

describe('a run’s output waits for its first reader', () => {
  it('pauses the source at half the buffer until a reader attaches, then follows that reader', () => {
    const states: boolean[] = [];
    const stream = new ByteStream<'stdout'>(1000, (paused) => states.push(paused), { holdForFirstReaderMs: 60_000 });
    stream.write('stdout', Buffer.alloc(400));
    expect(states).toEqual([]);
    stream.write('stdout', Buffer.alloc(200)); // 600 > 500 with nobody attached yet: hold it
    expect(states).toEqual([true]);
    const reader = stream.attach(0);
    reader.advance(600);
    expect(states).toEqual([true, false]);
    stream.end();
  });

  it('without the option (shells), nothing waits for a reader', () => {
    const states: boolean[] = [];
    const stream = new ByteStream<'output'>(1000, (paused) => states.push(paused));
    stream.write('output', Buffer.alloc(900));
    expect(states).toEqual([]);
    stream.end();
  });

  it('after the grace period a run nobody attached to runs on', async () => {
    const states: boolean[] = [];
    const stream = new ByteStream<'stdout'>(1000, (paused) => states.push(paused), { holdForFirstReaderMs: 30 });
    stream.write('stdout', Buffer.alloc(700));
    expect(states).toEqual([true]);
    for (let i = 0; i < 100 && states.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(states).toEqual([true, false]);
    stream.end();
  });
});
