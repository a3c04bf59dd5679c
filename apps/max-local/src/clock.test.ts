import { describe, expect, it } from 'vitest';
import { toRfc3339, toRfc3339OrNull } from './clock.js';

describe('toRfc3339', () => {
  it('writes exactly what Date#toISOString writes, across minutes, seconds and milliseconds', () => {
    const samples = [0, 1, 9, 10, 99, 100, 999, 1000, 59_999, 60_000, 60_001, 1_764_791_234_567, 946_684_799_999, 253_402_300_799_999];
    let x = 1_764_791_000_000;
    for (let i = 0; i < 5000; i++) {
      x += Math.floor((i * 7919) % 90_001);
      samples.push(x);
    }
    for (const ms of samples) expect(toRfc3339(ms), String(ms)).toBe(new Date(ms).toISOString());
  });

  it('leaves what the fast road does not cover to Date (years past 9999, before 1970, fractions)', () => {
    for (const ms of [253_402_300_800_000, -1, -86_400_001, 1.5]) expect(toRfc3339(ms)).toBe(new Date(ms).toISOString());
    expect(() => toRfc3339(Number.NaN)).toThrow(RangeError);
    expect(toRfc3339OrNull(null)).toBeNull();
  });
});
