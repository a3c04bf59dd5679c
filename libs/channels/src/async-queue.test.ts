import { describe, expect, it } from 'vitest';
import { AsyncQueue } from './async-queue.js';

describe('AsyncQueue', () => {
  it('delivers pushed items in order to a waiting or later consumer', async () => {
    const queue = new AsyncQueue<number>();
    const first = queue.next();
    queue.push(1);
    queue.push(2);
    queue.push(3);
    queue.end();
    expect(await first).toEqual({ value: 1, done: false });
    const rest: number[] = [];
    for await (const value of queue) rest.push(value);
    expect(rest).toEqual([2, 3]);
  });

  it('throws the end error after draining, once', async () => {
    const queue = new AsyncQueue<number>();
    queue.push(1);
    queue.end(new Error('boom'));
    expect(await queue.next()).toEqual({ value: 1, done: false });
    await expect(queue.next()).rejects.toThrow('boom');
    expect(await queue.next()).toEqual({ value: undefined, done: true });
  });

  it('calls onReturn when the consumer breaks out, not after a normal end', async () => {
    let returned = 0;
    const queue = new AsyncQueue<number>(() => (returned += 1));
    queue.push(1);
    for await (const _value of queue) break;
    expect(returned).toBe(1);
    const ended = new AsyncQueue<number>(() => (returned += 1));
    ended.end();
    for await (const _value of ended) break;
    expect(returned).toBe(1);
  });

  it('keeps order across many items (compaction)', async () => {
    const queue = new AsyncQueue<number>();
    for (let i = 0; i < 5_000; i += 1) queue.push(i);
    queue.end();
    let expected = 0;
    for await (const value of queue) expect(value).toBe(expected++);
    expect(expected).toBe(5_000);
  });
});
