/**
 * Per-call options; every SDK method takes them as its last argument.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * const me = await client.me.get({ signal: controller.signal });
 * ```
 */
export interface RequestOptions {
  /** Aborts the call (including waits between retries); the call then rejects with `MaxAbortError`. */
  signal?: AbortSignal;
  /**
   * For POSTs: the `Idempotency-Key` to send instead of a fresh random one, so a caller that retries a whole
   * operation (e.g. a re-run CI job) gets the first result replayed instead of a duplicate.
   */
  idempotencyKey?: string;
}
