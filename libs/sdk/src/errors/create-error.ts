import {
  MaxApiError,
  MaxAuthenticationError,
  MaxConflictError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
} from './error-classes.js';
import type { MaxError, MaxErrorInit } from './max-error.js';

/** Device-flow poll outcomes (RFC 8628 §3.5): HTTP 400, but about authorization, not about the input. */
const DEVICE_FLOW_CODES = new Set(['authorization_pending', 'slow_down', 'expired_token', 'access_denied']);

/** The code to use when an error response has no (usable) error body. */
const DEFAULT_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  408: 'request_timeout',
  409: 'conflict',
  422: 'validation_failed',
  429: 'rate_limited',
  500: 'internal_error',
};

/**
 * The code for an HTTP error status when the body did not say.
 *
 * @internal
 */
export function defaultCodeForStatus(status: number): string {
  return DEFAULT_CODES[status] ?? `http_${status}`;
}

/**
 * The ONE place that turns an HTTP error response into an error class. Status decides the class; the code
 * refines it only where the status is ambiguous (device-flow outcomes arrive as 400 but are about
 * authorization).
 *
 * @internal
 */
export function createErrorFromResponse(init: MaxErrorInit & { status: number; retryAfterMs?: number }): MaxError {
  const { status } = init;
  if (status === 400 && DEVICE_FLOW_CODES.has(init.code)) return new MaxAuthenticationError(init);
  switch (status) {
    case 400:
    case 422:
      return new MaxValidationError(init);
    case 401:
      return new MaxAuthenticationError(init);
    case 403:
      return new MaxPermissionError(init);
    case 404:
      return new MaxNotFoundError(init);
    case 408:
      return new MaxTimeoutError(init);
    case 409:
      return new MaxConflictError(init);
    case 429:
      return new MaxRateLimitError(init);
    default:
      return new MaxApiError(init);
  }
}
