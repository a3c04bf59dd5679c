import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors/cli-error.js';
import { parseVersionFlag } from './rollback-app.js';

describe('rollback --to', () => {
  it.each([
    ['v3', 3],
    ['3', 3],
    ['V12', 12],
  ])('%s → %d', (text, version) => expect(parseVersionFlag(text)).toBe(version));
  it.each(['v0', '0', 'latest', 'v3.1', '-2'])('refuses %s', (text) => expect(() => parseVersionFlag(text)).toThrow(UsageError));
});
