import type { ZodMiniType } from 'zod/mini';
import { createErrorFromResponse, defaultCodeForStatus } from '../errors/create-error.js';
import {
  MaxAbortError,
  MaxApiError,
  MaxAuthenticationError,
  MaxConnectionError,
  MaxTimeoutError,
} from '../errors/error-classes.js';
import { isMaxError, type MaxError } from '../errors/max-error.js';
import { ErrorBodySchema } from '../schemas/error-body.js';
import { SDK_VERSION } from '../version.js';
import { abortableSleep } from './abortable-sleep.js';
import { safeParseFast } from './fast-parse.js';
import { HeaderList, type HeaderReader } from './header-list.js';
import { redactHeaders, redactJson, redactSecrets, redactUrl } from './redact.js';
import type { RequestOptions } from './request-options.js';
import {
  computeRetryDelay,
  isRetryableRequest,
  isRetryableStatus,
  retryAfterExceedsBudget,
  parseRetryAfter,
  type ResolvedRetryOptions,
} from './retry-policy.js';
import type { TokenProvider } from './token-provider.js';
import type { TraceEvent, TraceHandler } from './trace-event.js';

/** @internal */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** @internal */
export type QueryValue = string | number | boolean | null | undefined;

/** @internal */
export interface HttpCoreOptions {
  apiUrl: string;
  token?: string | TokenProvider;
  fetch?: typeof globalThis.fetch;
  /** Sends every request instead of `fetch` (see `MaxClientOptions.transport`). */
  transport?: RawTransport;
  timeoutMs: number;
  retry: ResolvedRetryOptions;
  userAgent?: string;
  onTrace?: TraceHandler;
}

/**
 * One API call as the resources describe it.
 *
 * @internal
 */
export interface SendSpec<T> {
  /** Name used in messages, e.g. `networks.get`. */
  operation: string;
  method: HttpMethod;
  /** Path with parameters already substituted and encoded, starting with `/`. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Parses the success body; `null` when the operation answers without one (204). */
  responseSchema: ZodMiniType<T> | null;
  options?: RequestOptions | undefined;
  /**
   * Send without `Authorization` and without asking the token provider. For the auth endpoints that need no
   * token: a provider that refreshes through `client.auth.refresh` would otherwise call itself.
   */
  withoutToken?: boolean | undefined;
  /** A non-JSON body (blob uploads). Sent with `fetch` directly, so a stream is never teed or buffered. */
  rawBody?: RawBody | undefined;
  /**
   * Sends the raw body instead of `fetch` (e.g. `node:http`, which can tell when the socket is done with each
   * piece). Everything else — token, retries, refresh, timeout, trace, error mapping — stays here.
   */
  transport?: RawTransport | undefined;
  /** Overrides the client's per-attempt timeout (uploads take longer than API calls). */
  timeoutMs?: number | undefined;
  /** Overrides the client's retry limit for this call (0: no automatic retries). */
  retryLimit?: number | undefined;
}

/** Bytes, or a web stream of bytes. @internal */
export type RawBodyData = Uint8Array | ReadableStream<Uint8Array>;

/**
 * A raw request body. `data` may be a function, called once per attempt: that is what makes a streamed upload
 * retryable (and lets it be re-sent after a token refresh) without holding its bytes in memory.
 *
 * @internal
 */
export interface RawBody {
  contentType: string;
  data: RawBodyData | (() => RawBodyData);
}

/**
 * What {@link RawTransport} answers: the parts of a `Response` the client reads (a `Response` is one).
 *
 * @example
 * ```ts
 * const answer: RawResponse = new Response('{}', { status: 200 });
 * ```
 */
export interface RawResponse {
  readonly status: number;
  readonly ok: boolean;
  /** A `Headers`, or anything with its `get`/`has` and iteration (e.g. {@link HeaderList}). */
  readonly headers: HeaderReader;
  text(): Promise<string>;
}

/**
 * One attempt of a raw upload, as handed to a {@link RawTransport}. `headers` already carry the
 * `Authorization`, `Idempotency-Key` and `Content-Type` of this attempt.
 *
 * @example
 * ```ts
 * const send: RawTransport = ({ url, method, headers, body, signal }) =>
 *   fetch(url, { method, headers, signal, body: typeof body.data === 'function' ? body.data() : body.data, duplex: 'half' } as RequestInit);
 * ```
 */
export interface RawTransportRequest {
  url: string;
  method: HttpMethod;
  /** Lower-case names. */
  headers: HeaderReader;
  /** Absent when the request has no body (a GET); JSON calls come as `application/json` bytes. */
  body?: RawBody | undefined;
  /** Aborted on the caller's abort and on the attempt's timeout: stop sending and reject. */
  signal: AbortSignal;
}

/**
 * Sends one attempt of a raw upload and resolves with the response, or rejects when no response came (the
 * client turns that into `MaxConnectionError`, `MaxTimeoutError` or `MaxAbortError`). A body factory must be
 * called once per attempt.
 *
 * @example
 * ```ts
 * const transport: RawTransport = (request) => mySender(request);
 * ```
 */
export type RawTransport = (request: RawTransportRequest) => Promise<RawResponse>;

/** Whether every attempt can send the body again: JSON, bytes and body factories can; a bare stream cannot. */
function isResendable(spec: SendSpec<unknown>): boolean {
  const data = spec.rawBody?.data;
  return data === undefined || typeof data === 'function' || data instanceof Uint8Array;
}

/** Why an attempt's own controller aborted: the per-attempt timeout (the caller's signal is separate). */
class AttemptTimeout extends Error {}

/** What one attempt produced. */
type AttemptOutcome =
  | { kind: 'response'; response: RawResponse; text: string; durationMs: number }
  | { kind: 'error'; error: MaxError; durationMs: number };

/**
 * The transport shared by all resources: builds requests, sends them through the injected `transport` or else
 * the injected (or global) `fetch`, applies the token, retries what is safe to retry, refreshes an expired token
 * once, emits trace events and turns every outcome into either a schema-checked value or a `MaxError`.
 *
 * No HTTP helper library (the SDK used ky with its retry, timeout and errors switched off): retries here must
 * reuse the Idempotency-Key, interleave with a token refresh and be traced per attempt, the timeout must also
 * cover reading the body — and importing ky constructs a `Request`, which loads undici in every program that
 * imports the SDK, even one that sends over `node:http`.
 *
 * @internal
 */
export class HttpCore {
  readonly apiUrl: string;
  readonly #options: HttpCoreOptions;

  constructor(options: HttpCoreOptions) {
    this.#options = options;
    this.apiUrl = options.apiUrl.replace(/\/+$/, '');
  }

  /** The credential as configured (for the realtime socket, which asks the same provider). @internal */
  get tokenSource(): string | TokenProvider | undefined {
    return this.#options.token;
  }

  async send<T>(spec: SendSpec<T>): Promise<T> {
    const signal = spec.options?.signal;
    const url = this.#buildUrl(spec.path, spec.query);
    const headers = new HeaderList({ accept: 'application/json' });
    headers.set('user-agent', [this.#options.userAgent, `rig-sdk/${SDK_VERSION}`].filter(Boolean).join(' '));
    // Every POST carries a key so that a retry (ours, or a re-run of the whole operation) is replayed by the
    // server rather than executed twice; the same key is reused for all attempts of this call.
    if (spec.method === 'POST') headers.set('idempotency-key', spec.options?.idempotencyKey ?? crypto.randomUUID());
    if (spec.body !== undefined) headers.set('content-type', 'application/json');
    if (spec.rawBody !== undefined) headers.set('content-type', spec.rawBody.contentType);
    const resendable = isResendable(spec);
    const retryLimit = resendable ? (spec.retryLimit ?? this.#options.retry.limit) : 0;
    const request = { method: spec.method, url };

    let token = spec.withoutToken ? undefined : await this.#getToken({ forceRefresh: false }, signal, request);
    let refreshed = false;
    let retries = 0;
    let attempt = 0;

    for (;;) {
      attempt += 1;
      if (token) headers.set('authorization', `Bearer ${token}`);
      else headers.delete('authorization');
      const outcome = await this.#attempt(spec, url, headers, attempt, signal);
      const canRetry = retries < retryLimit && isRetryableRequest(spec.method, headers);

      if (outcome.kind === 'error') {
        const retryable = canRetry && !(outcome.error instanceof MaxAbortError);
        const delay = retryable ? computeRetryDelay(retries + 1, this.#options.retry, undefined) : undefined;
        this.#trace({
          type: 'error',
          method: spec.method,
          url: redactUrl(url),
          attempt,
          headers: {},
          durationMs: outcome.durationMs,
          error: { code: outcome.error.code, message: outcome.error.message },
          ...(delay === undefined ? {} : { retryInMs: delay }),
        });
        if (delay === undefined) throw outcome.error;
        retries += 1;
        await this.#sleep(delay, signal, request);
        continue;
      }

      const { response, text, durationMs } = outcome;
      const requestId = response.headers.get('x-request-id') ?? undefined;
      const status = response.status;
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      const errorBody = response.ok ? undefined : parseErrorBody(text);
      const isExpiredToken =
        status === 401 &&
        errorBody?.code === 'token_expired' &&
        typeof this.#options.token === 'function' &&
        !spec.withoutToken &&
        resendable;
      const retryInMs =
        !response.ok && canRetry && isRetryableStatus(status) && !retryAfterExceedsBudget(retryAfterMs, this.#options.retry)
          ? computeRetryDelay(retries + 1, this.#options.retry, retryAfterMs)
          : undefined;
      this.#trace({
        type: 'response',
        method: spec.method,
        url: redactUrl(url),
        attempt,
        headers: redactHeaders(response.headers),
        status,
        durationMs,
        ...(requestId === undefined ? {} : { requestId }),
        ...(retryInMs === undefined ? {} : { retryInMs }),
      });

      if (response.ok) return this.#parseSuccess(spec, text, status, requestId, request);

      // Exactly one refresh per call: if the fresh token is rejected too, the 401 is final (no loop).
      if (isExpiredToken && !refreshed) {
        refreshed = true;
        token = await this.#getToken({ forceRefresh: true, rejectedToken: token }, signal, request);
        continue;
      }
      if (retryInMs !== undefined) {
        retries += 1;
        await this.#sleep(retryInMs, signal, request);
        continue;
      }
      throw createErrorFromResponse({
        status,
        code: errorBody?.code ?? defaultCodeForStatus(status),
        message: errorBody?.message ?? `${spec.operation} failed with HTTP ${status}`,
        ...(errorBody?.details === undefined ? {} : { details: errorBody.details }),
        ...(errorBody?.request_id === undefined && requestId === undefined
          ? {}
          : { requestId: errorBody?.request_id ?? requestId }),
        request,
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
  }

  #buildUrl(path: string, query: Record<string, QueryValue> | undefined): string {
    const url = new URL(this.apiUrl + path);
    for (const [name, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) url.searchParams.set(name, String(value));
    }
    return url.toString();
  }

  /** Resolves the bearer token; a provider's own errors propagate unchanged (they are the caller's errors). */
  async #getToken(
    ctx: { forceRefresh: boolean; rejectedToken?: string | undefined },
    signal: AbortSignal | undefined,
    request: { method: string; url: string },
  ): Promise<string | undefined> {
    throwIfAborted(signal, request);
    const source = this.#options.token;
    if (source === undefined) return undefined;
    if (typeof source === 'string') return source || undefined;
    const token = await source(
      ctx.rejectedToken === undefined
        ? { forceRefresh: ctx.forceRefresh }
        : { forceRefresh: ctx.forceRefresh, rejectedToken: ctx.rejectedToken },
    );
    throwIfAborted(signal, request);
    if (typeof token !== 'string') {
      throw new MaxAuthenticationError({
        code: 'invalid_token_provider',
        message: 'The token provider did not return a string',
        request,
      });
    }
    return token || undefined;
  }

  async #attempt(
    spec: SendSpec<unknown>,
    url: string,
    headers: HeaderList,
    attempt: number,
    signal: AbortSignal | undefined,
  ): Promise<AttemptOutcome> {
    const request = { method: spec.method, url };
    const started = performance.now();
    const elapsed = (): number => Math.round(performance.now() - started);
    this.#trace({
      type: 'request',
      method: spec.method,
      url: redactUrl(url),
      attempt,
      headers: redactHeaders(headers),
      // Only with a trace sink: the redacted copy of a deploy manifest is thousands of objects.
      ...(spec.body === undefined || this.#options.onTrace === undefined ? {} : { body: redactJson(spec.body) }),
    });
    if (signal?.aborted) return { kind: 'error', error: abortError(request), durationMs: 0 };

    // One controller per attempt, so a timeout ends this attempt only; the timer also covers reading the body.
    const timeoutMs = spec.timeoutMs ?? this.#options.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const combined = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
    const transport = spec.transport ?? this.#options.transport;
    try {
      const response =
        transport !== undefined
          ? await transport({ url, method: spec.method, headers, body: spec.rawBody ?? jsonBody(spec.body), signal: combined })
          : spec.rawBody === undefined
            ? await (this.#options.fetch ?? globalThis.fetch)(url, {
                method: spec.method,
                headers: headers.toRecord(),
                signal: combined,
                ...(spec.body === undefined ? {} : { body: JSON.stringify(spec.body) }),
              })
            : await this.#sendRaw(url, spec.method, headers, spec.rawBody, combined);
      const text = await response.text();
      return { kind: 'response', response, text, durationMs: elapsed() };
    } catch (error) {
      if (signal?.aborted) return { kind: 'error', error: abortError(request, error), durationMs: elapsed() };
      if (controller.signal.aborted) {
        const error_ = new MaxTimeoutError({
          code: 'timeout',
          message: `${spec.operation} timed out after ${timeoutMs} ms (${spec.method} ${redactUrl(url)})`,
          request,
          cause: error,
        });
        return { kind: 'error', error: error_, durationMs: elapsed() };
      }
      const error_ = new MaxConnectionError({
        code: 'connection_failed',
        message: `Could not reach Max at ${this.apiUrl} (${describeNetworkError(error)})`,
        request,
        cause: error,
      });
      return { kind: 'error', error: error_, durationMs: elapsed() };
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Sends a raw body with `fetch` (no clone of the request: cloning a streamed request tees its body, which would
   * buffer the whole upload in memory).
   */
  async #sendRaw(url: string, method: HttpMethod, headers: HeaderList, body: RawBody, signal: AbortSignal): Promise<Response> {
    const data = typeof body.data === 'function' ? body.data() : body.data;
    const fetchImpl = this.#options.fetch ?? globalThis.fetch;
    // `duplex: 'half'` is required by fetch for a streamed body; the DOM typings do not know it yet.
    // `redirect: 'error'`: to be able to follow a 307/308, undici keeps every chunk of a streamed body until the
    // response arrives (nodejs/undici#4058) — a whole 64 MiB pack in memory. The API never redirects uploads.
    const init: RequestInit & { duplex: 'half' } = { method, headers: headers.toRecord(), body: data, signal, duplex: 'half', redirect: 'error' };
    return fetchImpl(url, init);
  }

  #parseSuccess<T>(
    spec: SendSpec<T>,
    text: string,
    status: number,
    requestId: string | undefined,
    request: { method: string; url: string },
  ): T {
    if (spec.responseSchema === null) return undefined as T; // the operation documents no body (204)
    const malformed = (problem: string, details?: Record<string, unknown>): MaxApiError =>
      new MaxApiError({
        code: 'malformed_response',
        message: `Malformed response from ${spec.operation} (${spec.method} ${redactUrl(request.url)}, HTTP ${status}): ${problem}`,
        status,
        ...(requestId === undefined ? {} : { requestId }),
        request,
        ...(details === undefined ? {} : { details }),
      });
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw malformed(text.trim() === '' ? 'empty body where JSON was expected' : 'body is not JSON');
    }
    const parsed = safeParseFast(spec.responseSchema, json);
    if (!parsed.success) {
      // Only paths and zod's generic messages: values from the body (possibly tokens) stay out of the error.
      const issues = parsed.error.issues.map((issue) => ({
        path: `/${issue.path.map(String).join('/')}`,
        message: issue.message,
      }));
      const first = issues[0];
      throw malformed(
        `does not match the documented schema${first ? ` (${first.path}: ${first.message})` : ''}`,
        { issues },
      );
    }
    return parsed.data;
  }

  async #sleep(ms: number, signal: AbortSignal | undefined, request: { method: string; url: string }): Promise<void> {
    try {
      await abortableSleep(ms, signal);
    } catch (error) {
      throw abortError(request, error);
    }
  }

  #trace(event: TraceEvent): void {
    const handler = this.#options.onTrace;
    if (!handler) return;
    try {
      handler(event);
    } catch {
      // A broken trace sink must not turn a successful call into a failure.
    }
  }
}

/** A JSON request body as the bytes a transport sends (`undefined`: no body). */
function jsonBody(body: unknown): RawBody | undefined {
  return body === undefined ? undefined : { contentType: 'application/json', data: new TextEncoder().encode(JSON.stringify(body)) };
}

function parseErrorBody(text: string): { code: string; message: string; details?: Record<string, unknown>; request_id?: string } | undefined {
  try {
    const parsed = ErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data.error : undefined;
  } catch {
    return undefined;
  }
}

function abortError(request: { method: string; url: string }, cause?: unknown): MaxAbortError {
  return new MaxAbortError({
    code: 'aborted',
    message: `${request.method} ${redactUrl(request.url)} was aborted`,
    request,
    ...(cause === undefined ? {} : { cause }),
  });
}

function throwIfAborted(signal: AbortSignal | undefined, request: { method: string; url: string }): void {
  if (signal?.aborted) throw abortError(request, signal.reason);
}

/** A short reason for a failed send, e.g. `ECONNREFUSED` from undici's `cause` or from a `node:http` error itself. */
function describeNetworkError(error: unknown): string {
  if (isMaxError(error)) return error.message;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = errorCode(cause) ?? errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(code && !message.includes(code) ? `${code}: ${message}` : message);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
