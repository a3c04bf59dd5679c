/**
 * When and how long to wait before retrying. Kept free of I/O so the rules can be tested as a table.
 */

/**
 * Retry settings. `false` (in the client options) turns retries off.
 *
 * @example
 * ```ts
 * const client = new MaxClient({ apiUrl, retry: { limit: 4, maxDelayMs: 10_000 } });
 * ```
 */
export interface RetryOptions {
  /** Retries after the first attempt (default 2, so at most 3 attempts). */
  limit?: number;
  /**
   * Upper bound for any single wait (default 20 000 ms). A server's `Retry-After` within it is honoured; a longer
   * one fails the call at once with `MaxRateLimitError.retryAfterMs`, rather than retrying before the server allows.
   */
  maxDelayMs?: number;
  /** First backoff step; doubles per retry, with jitter (default 500 ms). */
  baseDelayMs?: number;
}

/** @internal */
export interface ResolvedRetryOptions {
  limit: number;
  maxDelayMs: number;
  baseDelayMs: number;
}

/** @internal */
export function resolveRetryOptions(retry: RetryOptions | false | undefined): ResolvedRetryOptions {
  const defaults = { limit: 2, maxDelayMs: 20_000, baseDelayMs: 500 };
  if (retry === false) return { ...defaults, limit: 0 };
  return {
    limit: Math.max(0, Math.floor(retry?.limit ?? defaults.limit)),
    maxDelayMs: Math.max(0, retry?.maxDelayMs ?? defaults.maxDelayMs),
    baseDelayMs: Math.max(0, retry?.baseDelayMs ?? defaults.baseDelayMs),
  };
}

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * A request may be repeated only if repeating it cannot do something twice: idempotent methods, and POSTs
 * whose `Idempotency-Key` lets the server replay the first result instead of acting again. PATCH is not
 * idempotent in general and is never retried.
 *
 * @internal
 */
export function isRetryableRequest(method: string, headers: { has(name: string): boolean }): boolean {
  const upper = method.toUpperCase();
  return IDEMPOTENT_METHODS.has(upper) || (upper === 'POST' && headers.has('idempotency-key'));
}

/**
 * Statuses that mean "try again later" rather than "this request is wrong": 408/429 are the only 4xx;
 * 502/503/504 are gateway/overload failures. A plain 500 may be a bug that repeats, so it is not retried.
 *
 * @internal
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * Parses `Retry-After` (delta-seconds or an HTTP date) into milliseconds from `now`; undefined when absent or
 * unparsable. A date in the past means "now" (0).
 *
 * @internal
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP date always names a weekday/month; this keeps `Date.parse` from reading "-1" as a year.
  const date = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/**
 * A server that asks for a longer wait (`Retry-After`) than the client may spend on one retry: retrying sooner
 * would only be refused again, so the call fails at once and the error carries `retryAfterMs` (the caller decides).
 *
 * @internal
 */
export function retryAfterExceedsBudget(retryAfterMs: number | undefined, options: ResolvedRetryOptions): boolean {
  return retryAfterMs !== undefined && retryAfterMs > options.maxDelayMs;
}

/**
 * How long to wait before retry number `retry` (1-based). A server hint wins (capped at `maxDelayMs`);
 * otherwise exponential backoff with "equal jitter" (half fixed, half random), so concurrent clients spread
 * out but never retry immediately.
 *
 * @internal
 */
export function computeRetryDelay(
  retry: number,
  options: ResolvedRetryOptions,
  retryAfterMs: number | undefined,
  random: () => number = Math.random,
): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, options.maxDelayMs);
  const exponential = Math.min(options.baseDelayMs * 2 ** (retry - 1), options.maxDelayMs);
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
