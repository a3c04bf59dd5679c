import { describe, expect, it } from 'vitest';
import { createErrorFromResponse } from './create-error.js';
import {
  MaxAbortError,
  MaxApiError,
  MaxAuthenticationError,
  MaxConflictError,
  MaxConnectionError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
} from './error-classes.js';
import { isMaxError, MaxError } from './max-error.js';

describe('createErrorFromResponse (status + code → class)', () => {
  it.each([
    [400, 'bad_request', MaxValidationError],
    [422, 'validation_failed', MaxValidationError],
    [400, 'authorization_pending', MaxAuthenticationError],
    [400, 'slow_down', MaxAuthenticationError],
    [400, 'expired_token', MaxAuthenticationError],
    [400, 'access_denied', MaxAuthenticationError],
    [401, 'unauthenticated', MaxAuthenticationError],
    [401, 'token_expired', MaxAuthenticationError],
    [403, 'forbidden', MaxPermissionError],
    [404, 'not_found', MaxNotFoundError],
    [408, 'request_timeout', MaxTimeoutError],
    [409, 'conflict', MaxConflictError],
    [409, 'network_not_empty', MaxConflictError],
    [409, 'idempotency_key_reused', MaxConflictError],
    [429, 'rate_limited', MaxRateLimitError],
    [500, 'internal_error', MaxApiError],
    [503, 'unavailable', MaxApiError],
    [418, 'teapot', MaxApiError],
    [302, 'http_302', MaxApiError],
  ] as const)('%i %s → %s', (status, code, Class) => {
    const error = createErrorFromResponse({ status, code, message: 'm' });
    expect(error).toBeInstanceOf(Class);
    expect(error).toBeInstanceOf(MaxError);
    expect(error.name).toBe(Class.name);
    expect(error.code).toBe(code);
    expect(error.status).toBe(status);
  });

  it('carries retryAfterMs on rate limits', () => {
    const error = createErrorFromResponse({ status: 429, code: 'rate_limited', message: 'm', retryAfterMs: 1500 });
    expect((error as MaxRateLimitError).retryAfterMs).toBe(1500);
  });
});

describe('MaxError', () => {
  const SECRET = 'mxa_SECRETvalue123';

  it('serialises to redacted JSON with toJSON()', () => {
    const error = new MaxNotFoundError({
      code: 'not_found',
      message: `nothing for ${SECRET}`,
      status: 404,
      requestId: 'req_1',
      request: { method: 'GET', url: `http://max.test/api/v1/x?token=abc&q=1&t=${SECRET}` },
      details: { refresh_token: 'r', nested: { note: SECRET } },
    });
    expect(error.toJSON()).toEqual({
      name: 'MaxNotFoundError',
      code: 'not_found',
      message: 'nothing for [REDACTED]',
      status: 404,
      requestId: 'req_1',
      request: { method: 'GET', url: 'http://max.test/api/v1/x?token=[REDACTED]&q=1&t=[REDACTED]' },
      details: { refresh_token: '[REDACTED]', nested: { note: '[REDACTED]' } },
    });
    for (const rendered of [JSON.stringify(error), String(error), error.message, error.stack ?? '']) {
      expect(rendered).not.toContain('SECRET');
    }
    expect(String(error)).toBe('MaxNotFoundError: nothing for [REDACTED]');
  });

  it('omits absent fields from JSON', () => {
    expect(new MaxAbortError({ code: 'aborted', message: 'stop' }).toJSON()).toEqual({
      name: 'MaxAbortError',
      code: 'aborted',
      message: 'stop',
    });
  });

  it('isMaxError recognises the brand, also on errors from another copy of the package', () => {
    expect(isMaxError(new MaxConnectionError({ code: 'connection_failed', message: 'x' }))).toBe(true);
    // What a second copy of the SDK would produce: a different class, same Symbol.for brand.
    class ForeignError extends Error {}
    const foreign = new ForeignError('x');
    Object.defineProperty(foreign, Symbol.for('max.rig.error'), { value: true });
    expect(isMaxError(foreign)).toBe(true);
    expect(foreign instanceof MaxError).toBe(false);
    expect(isMaxError(new Error('x'))).toBe(false);
    expect(isMaxError({ code: 'x' })).toBe(false);
    expect(isMaxError(null)).toBe(false);
    expect(isMaxError('MaxError')).toBe(false);
  });

  it('keeps the cause', () => {
    const cause = new Error('root');
    expect(new MaxConnectionError({ code: 'connection_failed', message: 'x', cause }).cause).toBe(cause);
  });
});
