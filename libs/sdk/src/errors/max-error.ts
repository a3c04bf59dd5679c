import { redactJson, redactSecrets, redactUrl } from '../core/redact.js';

/**
 * The brand that marks SDK errors. `Symbol.for` makes it the same symbol in every copy of the package, so
 * `isMaxError` works even when two versions of `@max/rig-sdk` end up in one process (where `instanceof` fails).
 */
const MAX_ERROR_BRAND = Symbol.for('max.rig.error');

/**
 * The request an error belongs to, as safe to print: the URL has secret query parameters and tokens redacted.
 *
 * @example
 * ```ts
 * if (isMaxError(err) && err.request) console.error(`${err.request.method} ${err.request.url}`);
 * ```
 */
export interface MaxErrorRequest {
  method: string;
  url: string;
}

/**
 * Everything an SDK error is built from.
 *
 * @example
 * ```ts
 * const init: MaxErrorInit = { code: 'not_found', message: 'Network "web" not found', status: 404 };
 * ```
 */
export interface MaxErrorInit {
  /** Machine-readable code: the server's `error.code`, or an SDK code such as `timeout` or `malformed_response`. */
  code: string;
  message: string;
  /** HTTP status, absent when no response arrived (connection failure, timeout, abort). */
  status?: number;
  /** The server's request id (`x-request-id` / `error.request_id`), for support and log correlation. */
  requestId?: string;
  request?: MaxErrorRequest;
  /** Structured details, e.g. `{ fields: [{ path: '/name', message }] }` for `validation_failed`. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/**
 * The JSON form of an SDK error (what `JSON.stringify(err)` produces); secrets are already redacted.
 *
 * @example
 * ```ts
 * const json: MaxErrorJSON = err.toJSON();
 * process.stdout.write(JSON.stringify({ error: json }));
 * ```
 */
export interface MaxErrorJSON {
  name: string;
  code: string;
  message: string;
  status?: number;
  requestId?: string;
  request?: MaxErrorRequest;
  details?: Record<string, unknown>;
}

/**
 * Base class of every error the SDK throws. Subclasses say what kind of failure it was; `code` says exactly
 * which. Messages, request URLs and details are redacted on construction, so an error can be printed or
 * serialised without leaking a token.
 *
 * @example
 * ```ts
 * try {
 *   await client.networks.get('web');
 * } catch (err) {
 *   if (err instanceof MaxError) console.error(`${err.code} (${err.status ?? 'no status'}): ${err.message}`);
 * }
 * ```
 */
export class MaxError extends Error {
  override readonly name: string = 'MaxError';
  readonly code: string;
  readonly status?: number;
  readonly requestId?: string;
  readonly request?: MaxErrorRequest;
  readonly details?: Record<string, unknown>;

  constructor(init: MaxErrorInit) {
    super(redactSecrets(init.message), init.cause === undefined ? undefined : { cause: init.cause });
    Object.defineProperty(this, MAX_ERROR_BRAND, { value: true, enumerable: false });
    this.code = init.code;
    if (init.status !== undefined) this.status = init.status;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.request !== undefined) this.request = { method: init.request.method, url: redactUrl(init.request.url) };
    if (init.details !== undefined) this.details = redactJson(init.details) as Record<string, unknown>;
  }

  /** A redacted, serialisable view; `JSON.stringify(err)` uses it. */
  toJSON(): MaxErrorJSON {
    const json: MaxErrorJSON = { name: this.name, code: this.code, message: this.message };
    if (this.status !== undefined) json.status = this.status;
    if (this.requestId !== undefined) json.requestId = this.requestId;
    if (this.request !== undefined) json.request = { ...this.request };
    if (this.details !== undefined) json.details = this.details;
    return json;
  }
}

/**
 * True for any error thrown by any copy of `@max/rig-sdk` (checks a `Symbol.for` brand, not `instanceof`).
 *
 * @example
 * ```ts
 * catch (err) {
 *   if (isMaxError(err) && err.code === 'network_not_empty') console.error('Use --force to delete its apps too.');
 *   else throw err;
 * }
 * ```
 */
export function isMaxError(value: unknown): value is MaxError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MAX_ERROR_BRAND] === true
  );
}
