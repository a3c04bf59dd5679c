import { describe, expect, it } from 'vitest';
import {
  ACCESS_TOKEN_PREFIX,
  API_TOKEN_PREFIX,
  ERROR_CODES,
  ERROR_STATUS,
  REFRESH_TOKEN_PREFIX,
  isEnvKey,
  isErrorCode,
  isResourceName,
  tokenKind,
} from './index.js';

describe('names', () => {
  it('resource names are RFC 1035 labels of at most 63 characters', () => {
    expect(isResourceName('a')).toBe(true);
    expect(isResourceName(`a${'b'.repeat(62)}`)).toBe(true);
    expect(isResourceName(`a${'b'.repeat(63)}`)).toBe(false);
    expect(isResourceName('a-')).toBe(false);
    expect(isResourceName('-a')).toBe(false);
    expect(isResourceName('9a')).toBe(false);
    expect(isResourceName('')).toBe(false);
  });

  it('env keys are upper snake case', () => {
    expect(isEnvKey('DATABASE_URL')).toBe(true);
    expect(isEnvKey('_PRIVATE')).toBe(true);
    expect(isEnvKey('9LIVES')).toBe(false);
    expect(isEnvKey('lower')).toBe(false);
    expect(isEnvKey('')).toBe(false);
    expect(isEnvKey('A'.repeat(256))).toBe(false);
  });
});

describe('tokens', () => {
  it('tells token kinds apart by prefix', () => {
    expect(tokenKind(`${ACCESS_TOKEN_PREFIX}abc`)).toBe('access_token');
    expect(tokenKind(`${REFRESH_TOKEN_PREFIX}abc`)).toBe('refresh_token');
    expect(tokenKind(`${API_TOKEN_PREFIX}abc`)).toBe('api_token');
    expect(tokenKind('ghp_abc')).toBeUndefined();
  });
});

describe('error codes', () => {
  it('every code has an HTTP error status', () => {
    for (const code of ERROR_CODES) expect(ERROR_STATUS[code]).toBeGreaterThanOrEqual(400);
    expect(ERROR_STATUS.token_expired).toBe(401);
    expect(ERROR_STATUS.slow_down).toBe(400);
  });

  it('isErrorCode knows the list and nothing else', () => {
    expect(isErrorCode('conflict')).toBe(true);
    expect(isErrorCode('toString')).toBe(false);
    expect(isErrorCode(404)).toBe(false);
  });
});
