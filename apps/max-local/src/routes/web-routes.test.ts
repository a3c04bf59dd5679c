import { describe, expect, it } from 'vitest';
import { readCookie, safeNextPath } from './web-routes.js';

describe('login redirect target', () => {
  it.each([
    ['/device?user_code=BCDF-GHJK', '/device?user_code=BCDF-GHJK'],
    ['//evil.example/x', '/device'],
    ['/\\evil.example', '/device'],
    ['https://evil.example', '/device'],
    ['/ok\r\nSet-Cookie: x', '/device'],
    [undefined, '/device'],
  ])('%j → %j', (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});

describe('readCookie', () => {
  it('finds one cookie among several', () => {
    expect(readCookie('a=1; max_session=abc_-; b=2', 'max_session')).toBe('abc_-');
    expect(readCookie('xmax_session=1', 'max_session')).toBeUndefined();
    expect(readCookie(undefined, 'max_session')).toBeUndefined();
  });
});
