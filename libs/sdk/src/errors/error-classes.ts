import { MaxError, type MaxErrorInit } from './max-error.js';

/**
 * The request was not authenticated: missing, invalid, revoked or expired token (HTTP 401), or the device
 * flow ended without a token (`access_denied`, `expired_token`, and the in-progress codes
 * `authorization_pending` / `slow_down` from a single poll).
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof MaxAuthenticationError) console.error('Run `rig login`.'); }
 * ```
 */
export class MaxAuthenticationError extends MaxError {
  override readonly name: string = 'MaxAuthenticationError';
}

/**
 * The token is valid but its scope is too small (HTTP 403 `forbidden`).
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof MaxPermissionError) console.error('This token needs the admin scope.'); }
 * ```
 */
export class MaxPermissionError extends MaxError {
  override readonly name: string = 'MaxPermissionError';
}

/**
 * The resource does not exist or belongs to someone else (HTTP 404 `not_found`).
 *
 * @example
 * ```ts
 * const network = await client.networks.get('web').catch((err) => {
 *   if (err instanceof MaxNotFoundError) return null;
 *   throw err;
 * });
 * ```
 */
export class MaxNotFoundError extends MaxError {
  override readonly name: string = 'MaxNotFoundError';
}

/**
 * The request conflicts with current state (HTTP 409): `conflict` (name taken), `network_not_empty`,
 * `idempotency_key_reused`.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof MaxConflictError && err.code === 'conflict') console.error('Name taken.'); }
 * ```
 */
export class MaxConflictError extends MaxError {
  override readonly name: string = 'MaxConflictError';
}

/**
 * The input was rejected (HTTP 400 `bad_request`, 422 `validation_failed`), or the SDK rejected it before
 * sending (same `validation_failed` code and `details.fields` shape as the server).
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof MaxValidationError) {
 *     for (const f of (err.details?.fields ?? []) as { path: string; message: string }[]) console.error(f.path, f.message);
 *   }
 * }
 * ```
 */
export class MaxValidationError extends MaxError {
  override readonly name: string = 'MaxValidationError';
}

/**
 * Too many requests (HTTP 429 `rate_limited`), after the SDK's own retries were used up.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof MaxRateLimitError) console.error(`Retry in ${err.retryAfterMs ?? '?'} ms`); }
 * ```
 */
export class MaxRateLimitError extends MaxError {
  override readonly name: string = 'MaxRateLimitError';
  /** How long the server asked us to wait (from `Retry-After`), when it said. */
  readonly retryAfterMs?: number;

  constructor(init: MaxErrorInit & { retryAfterMs?: number }) {
    super(init);
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

/**
 * No HTTP response: the platform could not be reached (refused, DNS, TLS, reset). Code `connection_failed`.
 *
 * @example
 * ```ts
 * catch (err) { if (err instanceof MaxConnectionError) console.error(`Is Max running at ${apiUrl}?`); }
 * ```
 */
export class MaxConnectionError extends MaxError {
  override readonly name: string = 'MaxConnectionError';
}

/**
 * An attempt took longer than `timeoutMs` (code `timeout`), or the server answered 408.
 *
 * @example
 * ```ts
 * const client = new MaxClient({ apiUrl, timeoutMs: 5_000 });
 * catch (err) { if (err instanceof MaxTimeoutError) console.error('Max did not answer in 5 s.'); }
 * ```
 */
export class MaxTimeoutError extends MaxError {
  override readonly name: string = 'MaxTimeoutError';
}

/**
 * The caller's `AbortSignal` fired (code `aborted`).
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * setTimeout(() => controller.abort(), 1000);
 * await client.me.get({ signal: controller.signal }).catch((err) => {
 *   if (!(err instanceof MaxAbortError)) throw err;
 * });
 * ```
 */
export class MaxAbortError extends MaxError {
  override readonly name: string = 'MaxAbortError';
}

/**
 * The server failed (5xx), answered with an unexpected status, or sent a response the SDK cannot use (code
 * `malformed_response`: not JSON, or not the documented shape; the message names the operation).
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (err instanceof MaxApiError) console.error(`Max failed (request id ${err.requestId ?? 'unknown'}).`);
 * }
 * ```
 */
export class MaxApiError extends MaxError {
  override readonly name: string = 'MaxApiError';
}
