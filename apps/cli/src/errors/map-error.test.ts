import { CredentialStoreError, InvalidApiUrlError, InvalidTokenInputError, NotAuthenticatedError } from '@max/rig-auth';
import {
  MaxAbortError,
  MaxApiError,
  MaxAuthenticationError,
  MaxConflictError,
  MaxConnectionError,
  MaxError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
} from '@max/rig-sdk';
import { describe, expect, it } from 'vitest';
import { CliError, InterruptedError, UsageError } from './cli-error.js';
import { exitCodes } from './exit-codes.js';
import { mapError } from './map-error.js';

const req = { method: 'GET', url: 'http://127.0.0.1:4000/api/v1/networks/x' };

describe('mapError: every error class → exit code', () => {
  it.each([
    ['UsageError', new UsageError('bad'), 2, 'usage'],
    ['CliError', new CliError('nope', 1, 'not_confirmed'), 1, 'not_confirmed'],
    ['InterruptedError', new InterruptedError(), 130, 'interrupted'],
    ['NotAuthenticatedError', new NotAuthenticatedError('http://127.0.0.1:4000'), 3, 'not_authenticated'],
    ['InvalidTokenInputError', new InvalidTokenInputError('empty'), 6, 'invalid_token_input'],
    ['InvalidApiUrlError', new InvalidApiUrlError('bad url'), 2, 'invalid_api_url'],
    ['CredentialStoreError', new CredentialStoreError('keychain', 'locked'), 1, 'credential_store_unavailable'],
    ['401 unauthenticated', new MaxAuthenticationError({ code: 'unauthenticated', message: 'Invalid token', status: 401 }), 3, 'unauthenticated'],
    ['device access_denied', new MaxAuthenticationError({ code: 'access_denied', message: 'denied', status: 400 }), 3, 'access_denied'],
    ['device expired_token', new MaxAuthenticationError({ code: 'expired_token', message: 'expired', status: 400 }), 3, 'expired_token'],
    ['403 forbidden', new MaxPermissionError({ code: 'forbidden', message: 'scope', status: 403 }), 1, 'forbidden'],
    ['404 not_found', new MaxNotFoundError({ code: 'not_found', message: 'Network "x" not found', status: 404, request: req }), 4, 'not_found'],
    ['409 conflict', new MaxConflictError({ code: 'conflict', message: 'exists', status: 409 }), 5, 'conflict'],
    ['409 network_not_empty', new MaxConflictError({ code: 'network_not_empty', message: 'has apps', status: 409 }), 5, 'network_not_empty'],
    ['409 idempotency_key_reused', new MaxConflictError({ code: 'idempotency_key_reused', message: 'reused', status: 409 }), 5, 'idempotency_key_reused'],
    ['422 validation_failed', new MaxValidationError({ code: 'validation_failed', message: 'Invalid', status: 422 }), 6, 'validation_failed'],
    ['400 bad_request', new MaxValidationError({ code: 'bad_request', message: 'bad json', status: 400 }), 6, 'bad_request'],
    ['429 rate_limited', new MaxRateLimitError({ code: 'rate_limited', message: 'slow down', status: 429, retryAfterMs: 2000 }), 7, 'rate_limited'],
    ['connection refused', new MaxConnectionError({ code: 'connection_failed', message: 'ECONNREFUSED', request: req }), 7, 'connection_failed'],
    ['timeout', new MaxTimeoutError({ code: 'timeout', message: 'timed out' }), 7, 'timeout'],
    ['aborted', new MaxAbortError({ code: 'aborted', message: 'aborted' }), 130, 'interrupted'],
    ['500 internal_error', new MaxApiError({ code: 'internal_error', message: 'boom', status: 500, requestId: 'req_1' }), 1, 'internal_error'],
    ['DOM AbortError', Object.assign(new Error('aborted'), { name: 'AbortError' }), 130, 'interrupted'],
    ['bundle: symlink_escape', new MaxError({ code: 'symlink_escape', message: 'link escapes' }), 6, 'symlink_escape'],
    ['bundle: not_a_directory', new MaxError({ code: 'not_a_directory', message: 'no dir' }), 6, 'not_a_directory'],
    ['bundle: file_changed', new MaxError({ code: 'file_changed', message: 'changed' }), 1, 'file_changed'],
    ['a bug', new TypeError('x is undefined'), 1, 'internal_error'],
    ['a thrown string', 'weird', 1, 'internal_error'],
  ] as const)('%s → exit %d (%s)', (_label, error, exitCode, code) => {
    const report = mapError(error);
    expect(report.exitCode).toBe(exitCode);
    expect(report.code).toBe(code);
    expect(exitCodes.some((info) => info.code === report.exitCode)).toBe(true);
  });

  it('only unclassified errors are "unexpected" (they get a stack with --verbose)', () => {
    expect(mapError(new TypeError('bug')).unexpected).toBe(true);
    expect(mapError(new TypeError('bug')).stack).toContain('TypeError');
    expect(mapError(new MaxApiError({ code: 'internal_error', message: 'x', status: 500 })).unexpected).toBe(false);
  });

  it('hints fit the situation', () => {
    const unauthenticated = new MaxAuthenticationError({ code: 'unauthenticated', message: 'Invalid token', status: 401 });
    expect(mapError(unauthenticated).hint).toMatch(/rig login/);
    expect(mapError(unauthenticated, { credentialSource: 'env' }).hint).toMatch(/RIG_TOKEN/);
    expect(mapError(new MaxConflictError({ code: 'network_not_empty', message: 'x', status: 409 })).hint).toMatch(/--force/);
    expect(mapError(new MaxConnectionError({ code: 'connection_failed', message: 'x', request: req })).hint).toMatch(/127\.0\.0\.1:4000/);
  });

  it('folds validation field errors into the message and keeps them as details', () => {
    const error = new MaxValidationError({
      code: 'validation_failed',
      message: 'Request validation failed.',
      status: 422,
      requestId: 'req_9',
      details: { fields: [{ path: '/name', message: 'must be an RFC 1035 label' }] },
    });
    const report = mapError(error);
    expect(report.message).toBe('Request validation failed: name: must be an RFC 1035 label.');
    expect(report.details).toEqual({ fields: [{ path: '/name', message: 'must be an RFC 1035 label' }] });
    expect(report.requestId).toBe('req_9');
  });

  it('does not repeat a field message the error message already says', () => {
    const fields = [{ path: '/name', message: 'must be an RFC 1035 label' }];
    const error = new MaxValidationError({
      code: 'validation_failed',
      message: 'Invalid network name "My_Net": must be an RFC 1035 label.',
      details: { fields },
    });
    const report = mapError(error);
    expect(report.message).toBe('Invalid network name "My_Net": must be an RFC 1035 label.');
    expect(report.details).toEqual({ fields });
  });
});
