import { describe, expect, it } from 'vitest';
import { generateUserCode, normalizeUserCode, USER_CODE_ALPHABET } from './user-code.js';

describe('user codes', () => {
  it('look like BCDF-GHJK and use only unambiguous consonants', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateUserCode();
      expect(code).toMatch(/^[A-Z]{4}-[A-Z]{4}$/);
      for (const char of code.replace('-', '')) expect(USER_CODE_ALPHABET).toContain(char);
    }
    expect(USER_CODE_ALPHABET).not.toMatch(/[AEIOUY01]/);
  });

  it.each([
    ['bcdf-ghjk', 'BCDF-GHJK'],
    ['BCDFGHJK', 'BCDF-GHJK'],
    [' bcdf ghjk ', 'BCDF-GHJK'],
    ['BCDF-GHJ', null],
    ['ABCD-EFGH', null],
    ['BCDF-GHJK-L', null],
    ['', null],
  ])('normalizes %j → %j', (input, expected) => {
    expect(normalizeUserCode(input)).toBe(expected);
  });
});
