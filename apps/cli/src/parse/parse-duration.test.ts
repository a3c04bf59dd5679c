import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/cli-error.js';
import { parseDurationFlag } from './parse-duration.js';

describe('parseDurationFlag', () => {
  it.each([
    ['90', 90_000],
    ['90s', 90_000],
    ['10m', 600_000],
    ['1h', 3_600_000],
    ['1m30s', 90_000],
    ['1.5s', 1_500],
    ['250ms', 250],
    [' 2m ', 120_000],
  ])('%s → %d ms', (text, ms) => expect(parseDurationFlag('timeout', text)).toBe(ms));

  it.each(['', '0', '0s', '-5s', '10 minutes', 'm', '1d', 'soon'])('refuses %j (usage error naming the flag)', (text) => {
    expect(() => parseDurationFlag('timeout', text)).toThrow(UsageError);
    expect(() => parseDurationFlag('timeout', text)).toThrow(/--timeout/);
  });
});
