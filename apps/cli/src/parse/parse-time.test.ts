import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/cli-error.js';
import { parseTimeFlag } from './parse-time.js';

const now = Date.parse('2026-03-10T12:00:00.000Z');

describe('parseTimeFlag', () => {
  it.each([
    ['30s', '2026-03-10T11:59:30.000Z'],
    ['30m', '2026-03-10T11:30:00.000Z'],
    ['2h', '2026-03-10T10:00:00.000Z'],
    ['7d', '2026-03-03T12:00:00.000Z'],
    ['1w', '2026-03-03T12:00:00.000Z'],
    ['2026-01-31T12:00:00Z', '2026-01-31T12:00:00.000Z'],
    ['2026-01-31T12:00:00+02:00', '2026-01-31T10:00:00.000Z'],
    ['2026-01-31', '2026-01-31T00:00:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseTimeFlag('since', input, now)).toBe(expected);
  });

  it.each(['yesterday', '2h ago', '-2h', '2026-13-45', '5y', ''])('rejects %j with a usage error naming the flag', (input) => {
    expect(() => parseTimeFlag('until', input, now)).toThrow(UsageError);
    expect(() => parseTimeFlag('until', input, now)).toThrow(/--until/);
  });
});
