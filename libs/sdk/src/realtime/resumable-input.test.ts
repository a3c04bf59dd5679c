import { describe, expect, it } from 'vitest';
import { ResumableInput } from './shell-attach.js';

const offsetOf = (frame: Uint8Array): number => Number(new DataView(frame.buffer, frame.byteOffset, 8).getBigUint64(0));
const bytesOf = (frame: Uint8Array): string => Buffer.from(frame.subarray(8)).toString();

describe('ResumableInput', () => {
  it('numbers the stream: each frame carries the offset of its first byte', () => {
    const input = new ResumableInput();
    expect(input.stream).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    const a = input.frame(Buffer.from('abc'));
    const b = input.frame(Buffer.from('de'));
    expect([offsetOf(a), bytesOf(a)]).toEqual([0, 'abc']);
    expect([offsetOf(b), bytesOf(b)]).toEqual([3, 'de']);
  });

  it('after a rejoin, sends again exactly what the session has not applied, and forgets the rest', () => {
    const input = new ResumableInput();
    input.frame(Buffer.from('abc'));
    input.frame(Buffer.from('de'));
    const all = input.rejoined(0);
    expect(all && [offsetOf(all), bytesOf(all)]).toEqual([0, 'abcde']);
    const tail = input.rejoined(4);
    expect(tail && [offsetOf(tail), bytesOf(tail)]).toEqual([4, 'e']);
    expect(input.rejoined(5)).toBeUndefined();
    // Applied bytes are forgotten: a later (impossible) smaller answer cannot bring them back.
    input.frame(Buffer.from('f'));
    const next = input.rejoined(2);
    expect(next && [offsetOf(next), bytesOf(next)]).toEqual([5, 'f']);
  });

  it('a server that does not resume input (no input_bytes) gets nothing sent again', () => {
    const input = new ResumableInput();
    input.frame(Buffer.from('abc'));
    expect(input.rejoined(undefined)).toBeUndefined();
    expect(input.rejoined('3')).toBeUndefined();
    expect(input.rejoined(-1)).toBeUndefined();
  });

  it('keeps a bounded window: after a very long cut only the last ~1 MiB can be sent again', () => {
    const input = new ResumableInput();
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 32; i += 1) input.frame(chunk); // 2 MiB
    const resend = input.rejoined(0);
    expect(resend).toBeDefined();
    const from = offsetOf(resend as Uint8Array);
    expect(from).toBeGreaterThanOrEqual(1024 * 1024 - chunk.length);
    expect(from + (resend as Uint8Array).byteLength - 8).toBe(2 * 1024 * 1024);
  });
});
