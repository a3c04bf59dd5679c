import { describe, expect, it } from 'vitest';
import { OutputBuffer } from '../../src/shells/output-buffer.js';

/** The obvious model: every byte with its stream, the newest `capacity` kept. */
function model(capacity: number) {
  const bytes: { stream: string; byte: number }[] = [];
  let end = 0;
  return {
    append(stream: string, chunk: Buffer) {
      for (const byte of chunk) bytes.push({ stream, byte });
      end += chunk.length;
      if (bytes.length > capacity) bytes.splice(0, bytes.length - capacity);
    },
    get start() {
      return end - bytes.length;
    },
    get end() {
      return end;
    },
    read(offset: number, max: number) {
      const from = Math.max(offset, end - bytes.length);
      const held = bytes.slice(from - (end - bytes.length), from - (end - bytes.length) + Math.max(0, max));
      const pieces: { stream: string; bytes: number[] }[] = [];
      for (const { stream, byte } of held) {
        const last = pieces[pieces.length - 1];
        if (last && last.stream === stream) last.bytes.push(byte);
        else pieces.push({ stream, bytes: [byte] });
      }
      return pieces;
    },
  };
}

describe('OutputBuffer', () => {
  it('matches a byte-by-byte model across growth, wrap-around, trimming and stream switches', () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (const capacity of [1, 7, 100, 5_000, 70_000]) {
      const buffer = new OutputBuffer<'stdout' | 'stderr'>(capacity);
      const expected = model(capacity);
      let counter = 0;
      for (let step = 0; step < (capacity > 10_000 ? 40 : 300); step++) {
        const size = random(4) === 0 ? random(3 * capacity + 2) : random(Math.min(capacity, 5000) + 1);
        const chunk = Buffer.alloc(size);
        for (let i = 0; i < size; i++) chunk[i] = counter++ & 0xff;
        const stream = random(3) === 0 ? 'stderr' : 'stdout';
        buffer.append(stream, chunk);
        expected.append(stream, chunk);
        expect([buffer.start, buffer.end]).toEqual([expected.start, expected.end]);
        const offset = expected.start - 3 + random(expected.end - expected.start + 6);
        const max = random(capacity + 10);
        const got = buffer.read(offset, max).map((piece) => ({ stream: piece.stream, bytes: [...piece.bytes] }));
        expect(got).toEqual(expected.read(offset, max));
        const slices = buffer.slices(offset, max);
        expect(slices.map((slice) => ({ stream: slice.stream, bytes: [...Buffer.concat(slice.parts)] }))).toEqual(expected.read(offset, max));
        for (const slice of slices) expect(slice.length).toBe(slice.parts.reduce((sum, part) => sum + part.length, 0));
      }
    }
  });

  it('starts small and grows only as far as the capacity', () => {
    const buffer = new OutputBuffer<'output'>(1024 * 1024);
    buffer.append('output', Buffer.from('hi'));
    expect(buffer.read(0, 10)[0]?.bytes.toString()).toBe('hi');
    buffer.append('output', Buffer.alloc(3 * 1024 * 1024, 1));
    expect(buffer.size).toBe(1024 * 1024);
    expect(buffer.start).toBe(2 + 2 * 1024 * 1024);
  });
});
