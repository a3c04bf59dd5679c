/**
 * One step of an HTTP exchange, for `--verbose` output and debugging. Emitted per attempt: a `request` event
 * before sending, then either a `response` event (any HTTP status) or an `error` event (no response: connection
 * failure, timeout, abort). Everything is redacted: the URL has secret query parameters and tokens blanked,
 * `authorization` reads `Bearer [REDACTED]`, and the request body (when present) has token fields blanked.
 * Response bodies are never included.
 *
 * @example
 * ```ts
 * const client = new MaxClient({
 *   apiUrl,
 *   onTrace: (e) => {
 *     if (e.type === 'request') console.error(`> ${e.method} ${e.url} (attempt ${e.attempt})`);
 *     else console.error(`< ${e.status ?? e.error?.code} ${e.durationMs} ms ${e.requestId ?? ''}`);
 *   },
 * });
 * ```
 */
export interface TraceEvent {
  type: 'request' | 'response' | 'error';
  method: string;
  url: string;
  /** 1 for the first attempt; retries and the post-refresh attempt count up. */
  attempt: number;
  /** Request headers on `request` events, response headers on `response` events (redacted, lower-case names). */
  headers: Record<string, string>;
  /** HTTP status (`response` events). */
  status?: number;
  /** Time since the attempt started (`response` and `error` events). */
  durationMs?: number;
  /** Server request id (`response` events). */
  requestId?: string;
  /** Redacted JSON request body (`request` events with a body). */
  body?: unknown;
  /** What went wrong (`error` events). */
  error?: { code: string; message: string };
  /** Set when the SDK will try again after this attempt, with the wait before it. */
  retryInMs?: number;
}

/**
 * Receives trace events; exceptions it throws are ignored so tracing can never break a request.
 *
 * @example
 * ```ts
 * const events: TraceEvent[] = [];
 * const onTrace: TraceHandler = (e) => events.push(e);
 * ```
 */
export type TraceHandler = (event: TraceEvent) => void;
