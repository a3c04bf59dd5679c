import { describe, expect, it } from 'vitest';
import {
  computeRetryDelay,
  retryAfterExceedsBudget,
  isRetryableRequest,
  isRetryableStatus,
  parseRetryAfter,
  resolveRetryOptions,
} from './retry-policy.js';

describe('isRetryableRequest', () => {
  it.each([
    ['GET', false, true],
    ['HEAD', false, true],
    ['OPTIONS', false, true],
    ['PUT', false, true],
    ['DELETE', false, true],
    ['PATCH', false, false],
    ['PATCH', true, false],
    ['POST', false, false],
    ['POST', true, true],
  ])('%s with Idempotency-Key=%s → %s', (method, withKey, expected) => {
    const headers = new Headers(withKey ? { 'Idempotency-Key': 'k' } : {});
    expect(isRetryableRequest(method, headers)).toBe(expected);
  });
});

describe('isRetryableStatus', () => {
  it.each([
    [408, true],
    [429, true],
    [502, true],
    [503, true],
    [504, true],
    [500, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
    [501, false],
  ])('%i → %s', (status, expected) => expect(isRetryableStatus(status)).toBe(expected));
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2025-01-01T00:00:00Z');
  it.each([
    ['3', 3000],
    ['0', 0],
    ['1.5', 1500],
    [' 2 ', 2000],
    ['Wed, 01 Jan 2025 00:00:10 GMT', 10_000],
    ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
    ['soon', undefined],
    ['', undefined],
    ['-1', undefined],
  ])('%j → %s', (value, expected) => expect(parseRetryAfter(value, now)).toBe(expected));
  it('absent header → undefined', () => expect(parseRetryAfter(null, now)).toBeUndefined());
});

describe('computeRetryDelay', () => {
  const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000 });
  it('uses Retry-After, capped at maxDelayMs', () => {
    expect(computeRetryDelay(1, options, 300)).toBe(300);
    expect(computeRetryDelay(1, options, 60_000)).toBe(1000);
  });
  it('backs off exponentially with equal jitter', () => {
    expect(computeRetryDelay(1, options, undefined, () => 0)).toBe(50);
    expect(computeRetryDelay(1, options, undefined, () => 1)).toBe(100);
    expect(computeRetryDelay(2, options, undefined, () => 1)).toBe(200);
    expect(computeRetryDelay(3, options, undefined, () => 0.5)).toBe(300);
    expect(computeRetryDelay(10, options, undefined, () => 1)).toBe(1000);
  });
});

describe('retryAfterExceedsBudget', () => {
  const options = resolveRetryOptions({ maxDelayMs: 1000 });
  it.each([
    [undefined, false],
    [0, false],
    [1000, false],
    [1001, true],
  ])('Retry-After %s ms → %s', (ms, expected) => expect(retryAfterExceedsBudget(ms, options)).toBe(expected));
});

describe('resolveRetryOptions', () => {
  it('defaults to 2 retries and turns off with false', () => {
    expect(resolveRetryOptions(undefined)).toEqual({ limit: 2, maxDelayMs: 20_000, baseDelayMs: 500 });
    expect(resolveRetryOptions(false).limit).toBe(0);
    expect(resolveRetryOptions({ limit: -3 }).limit).toBe(0);
  });
});
