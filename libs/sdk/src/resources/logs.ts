import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxApiError } from '../errors/error-classes.js';
import { topics } from '@max/api-spec';
import { subscribeLogChannel, type LogStreamItem } from '../realtime/log-stream.js';
import { openSocket } from '../realtime/open-socket.js';
import { LogPageSchema } from '../schemas/log-line.js';
import type { LogLine, LogPage, LogStream } from '../types.js';
import { readLogs, type LogReadItem, type LogReadOptions } from './log-read.js';
import { resolveLogTarget, type LogTarget } from './log-target.js';

/**
 * Filters for log history. Times are RFC 3339 strings or `Date`s.
 *
 * @example
 * ```ts
 * const params: LogListParams = { stream: 'stderr', since: new Date(Date.now() - 600_000) };
 * ```
 */
export interface LogListParams {
  /** Only lines with a greater `seq` (the resume cursor; 0 = from the start). */
  afterSeq?: number;
  /** At or after this time. */
  since?: string | Date;
  /** Before this time. */
  until?: string | Date;
  /** Only this output stream. */
  stream?: LogStream;
  /** Lines per request (1..1000, server default 100); with `tail`, how many of the newest lines. */
  limit?: number;
  /** Only the newest `limit` matching lines (one page, still ascending). */
  tail?: boolean;
}

/**
 * Options of `logs.stream`.
 *
 * @example
 * ```ts
 * const resume: LogStreamParams = { afterSeq: 1041 };
 * const tail: LogStreamParams = { tail: 100, stream: 'stderr' };
 * ```
 */
export interface LogStreamParams {
  /** Resume after this seq: every retained line after it is replayed, then live lines follow. */
  afterSeq?: number;
  /** Without `afterSeq`: start with the newest `tail` lines (0..1000, default 0), then live lines. */
  tail?: number;
  /** Only this output stream. */
  stream?: LogStream;
  /** Ends the stream (normally: the loop just finishes) and closes the socket. */
  signal?: AbortSignal;
}

function toTime(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * Log history of one stream, fetched lazily: iterate for lines across pages (each next page asks for
 * `after_seq` = the last line received), or walk `.pages()` to see `earliest_seq` (lines before it were dropped
 * by retention). With `tail`, there is exactly one page.
 *
 * @example
 * ```ts
 * for await (const line of client.logs.list({ deployment: 'dep_123' })) console.log(line.seq, line.line);
 * ```
 */
export class LogHistory implements AsyncIterable<LogLine> {
  readonly #fetchPage: (afterSeq: number | undefined) => Promise<LogPage>;
  readonly #startSeq: number | undefined;
  readonly #single: boolean;

  /** @internal Use `client.logs.list()`. */
  constructor(fetchPage: (afterSeq: number | undefined) => Promise<LogPage>, startSeq: number | undefined, single: boolean) {
    this.#fetchPage = fetchPage;
    this.#startSeq = startSeq;
    this.#single = single;
  }

  /**
   * Pages in order, each fetched when the previous one has been consumed.
   *
   * @example
   * ```ts
   * for await (const page of client.logs.list({ network: 'staging' }).pages()) console.log(page.data.length);
   * ```
   */
  async *pages(): AsyncGenerator<LogPage, void, undefined> {
    let afterSeq = this.#startSeq;
    for (;;) {
      const page = await this.#fetchPage(afterSeq);
      yield page;
      const last = page.data.at(-1);
      if (this.#single || !page.has_more || last === undefined) return;
      // A server that does not move forward would make us loop forever.
      if (afterSeq !== undefined && last.seq <= afterSeq) {
        throw new MaxApiError({ code: 'malformed_response', message: 'Malformed response: log paging did not advance' });
      }
      afterSeq = last.seq;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<LogLine, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /**
   * Collects lines, stopping once `max` are collected.
   *
   * @example
   * ```ts
   * const lines = await client.logs.list({ network: 'staging', app: 'web' }).toArray({ max: 500 });
   * ```
   */
  async toArray(options: { max?: number } = {}): Promise<LogLine[]> {
    const max = options.max ?? Number.POSITIVE_INFINITY;
    const lines: LogLine[] = [];
    if (max <= 0) return lines;
    for await (const line of this) {
      lines.push(line);
      if (lines.length >= max) break;
    }
    return lines;
  }
}

/**
 * Log history (`client.logs`): app runtime logs, a network's merged logs, and deployment build logs.
 *
 * @example
 * ```ts
 * const lines = await client.logs.list({ network: 'staging', app: 'web' }, { tail: true, limit: 100 }).toArray();
 * ```
 */
export class LogsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.logs`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * One page of history, exactly as the API answers it.
   *
   * @example
   * ```ts
   * const page = await client.logs.page({ deployment: 'dep_123' }, { afterSeq: 40 });
   * if (page.earliest_seq !== null && 41 < page.earliest_seq) console.error('lines were lost to retention');
   * ```
   */
  async page(target: LogTarget, params: LogListParams = {}, options?: RequestOptions): Promise<LogPage> {
    const resolved = resolveLogTarget(target);
    const query = {
      after_seq: params.afterSeq,
      since: toTime(params.since),
      until: toTime(params.until),
      stream: params.stream,
      limit: params.limit,
      tail: params.tail,
    };
    switch (resolved.kind) {
      case 'app':
        return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/logs', {
          operation: 'logs.list',
          params: { network: resolved.network, app: resolved.app },
          query,
          responseSchema: LogPageSchema,
          options,
        });
      case 'network':
        return callOperation(this.#core, 'get', '/api/v1/networks/{network}/logs', {
          operation: 'logs.list',
          params: { network: resolved.network },
          query,
          responseSchema: LogPageSchema,
          options,
        });
      case 'build':
        return callOperation(this.#core, 'get', '/api/v1/deployments/{deployment_id}/logs', {
          operation: 'logs.list',
          params: { deployment_id: resolved.deployment },
          query,
          responseSchema: LogPageSchema,
          options,
        });
    }
  }

  /**
   * The history of one log stream, lazily across pages (see {@link LogHistory}). Nothing is requested until
   * iteration starts; an invalid target rejects there.
   *
   * @example
   * ```ts
   * for await (const line of client.logs.list({ network: 'staging', app: 'web' }, { stream: 'stderr' })) {
   *   console.log(line.ts, line.line);
   * }
   * ```
   */
  list(target: LogTarget, params: LogListParams = {}, options?: RequestOptions): LogHistory {
    const { afterSeq, ...rest } = params;
    return new LogHistory(
      (after) => this.page(target, { ...rest, ...(after === undefined ? {} : { afterSeq: after }) }, options),
      afterSeq,
      params.tail === true,
    );
  }

  /**
   * Reads one log stream the way `tail -f` does: its history (optionally narrowed by `since`, `until`,
   * `stream`, `contains` and `tail`), then with `follow` its live lines — one ordered sequence with no gap and
   * no duplicate at the boundary, whatever the filters (the live stream resumes by seq right after the newest
   * line the history saw, so a line written meanwhile is streamed once). Lost ranges arrive as `gap` items,
   * never hidden; a `live` item marks where the history ends; a followed build log ends with `eof`. A followed
   * read of app or network logs ends only when `signal` aborts (the loop then just finishes).
   *
   * Invalid options (`tail` out of range, `until` with `follow`) and an invalid target reject with
   * `MaxValidationError` when iteration starts, before any request.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * process.once('SIGINT', () => controller.abort());
   * for await (const item of client.logs.read({ network: 'staging', app: 'web' }, { tail: 100, follow: true, signal: controller.signal })) {
   *   if (item.type === 'line') console.log(item.line.ts, item.line.line);
   *   else if (item.type === 'gap') console.error(`-- ${item.toSeq - item.fromSeq + 1} lines lost (${item.reason}) --`);
   *   else if (item.type === 'live') console.error('-- following --');
   * }
   * ```
   */
  read(target: LogTarget, options: LogReadOptions = {}): AsyncGenerator<LogReadItem, void, undefined> {
    return readLogs(this, target, options);
  }

  /**
   * Follows a log stream live over the realtime channel (`logs:app:…`, `logs:network:…`, `logs:build:…`). Each
   * line arrives once and in `seq` order across reconnects; lines the platform no longer holds arrive as a
   * `gap` item; a build log ends with an `eof` item when the build is over. Combine with `list()` for history.
   *
   * @example
   * ```ts
   * for await (const item of client.logs.stream({ network: 'staging', app: 'web' }, { tail: 50, signal })) {
   *   if (item.type === 'line') console.log(item.line.line);
   *   else if (item.type === 'gap') console.error(`-- ${item.toSeq - item.fromSeq + 1} log lines were lost (${item.reason}) --`);
   * }
   * ```
   */
  async *stream(target: LogTarget, params: LogStreamParams = {}): AsyncGenerator<LogStreamItem, void, undefined> {
    const resolved = resolveLogTarget(target);
    const topic =
      resolved.kind === 'app'
        ? topics.appLogs(resolved.network, resolved.app)
        : resolved.kind === 'network'
          ? topics.networkLogs(resolved.network)
          : topics.buildLogs(resolved.deployment);
    const { signal } = params;
    if (signal?.aborted) return;
    const { socket, channels } = await openSocket(this.#core);
    const subscription = subscribeLogChannel(socket, channels, topic, {
      afterSeq: params.afterSeq,
      tail: params.tail,
      stream: params.stream,
    });
    const stop = (): void => subscription.items.end();
    signal?.addEventListener('abort', stop, { once: true });
    try {
      yield* subscription.items;
    } finally {
      signal?.removeEventListener('abort', stop);
      subscription.items.end();
      await subscription.channel.leave().catch(() => undefined);
      await socket.close();
    }
  }
}
