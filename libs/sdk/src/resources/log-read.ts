import { MaxApiError, MaxValidationError } from '../errors/error-classes.js';
import type { LogStreamItem } from '../realtime/log-stream.js';
import type { LogLine, LogPage, LogStream } from '../types.js';
import type { LogTarget } from './log-target.js';
import type { LogListParams, LogsResource } from './logs.js';

/**
 * The largest `tail` a log read accepts: the server's largest page.
 *
 * @example
 * ```ts
 * const tail = Math.min(requested, MAX_LOG_TAIL);
 * ```
 */
export const MAX_LOG_TAIL = 1000;

/**
 * Options of `logs.read`: which part of the history, which lines, and whether to go on live afterwards.
 * Times are RFC 3339 strings or `Date`s.
 *
 * @example
 * ```ts
 * const lastErrors: LogReadOptions = { stream: 'stderr', tail: 50 };
 * const tailF: LogReadOptions = { tail: 100, follow: true, signal: controller.signal };
 * const window: LogReadOptions = { since: new Date(Date.now() - 3_600_000), until: new Date(), contains: 'GET /' };
 * ```
 */
export interface LogReadOptions {
  /** Only history lines at or after this time (live lines are newer anyway). */
  since?: string | Date | undefined;
  /** Only history lines before this time. Not with `follow`: a followed read has no end. */
  until?: string | Date | undefined;
  /** Only this output stream (history and live). */
  stream?: LogStream | undefined;
  /**
   * Only the newest `tail` matching history lines (0..{@link MAX_LOG_TAIL}; with `contains`, the newest
   * lines that contain it). Absent: every retained line (within `since`/`until`).
   */
  tail?: number | undefined;
  /**
   * Only lines containing this text (case-sensitive; history and live). It is applied before `tail`, so
   * `tail` counts matching lines: the server cannot filter text, so the history is then read page by page.
   */
  contains?: string | undefined;
  /** After the history, keep streaming live lines until `signal` aborts or a build log ends. */
  follow?: boolean | undefined;
  /** Stops the read: history requests reject with `MaxAbortError`; a live stream just ends. */
  signal?: AbortSignal | undefined;
}

/**
 * One item of `logs.read`, in order: lines; ranges the platform no longer holds (`gap`, never hidden — from
 * retention before the history, or lost while following); with `follow`, one `live` marker where the history
 * ends and live lines begin; and `eof` when a followed build log is over (nothing follows it).
 *
 * @example
 * ```ts
 * const show = (item: LogReadItem): string | undefined =>
 *   item.type === 'line' ? item.line.line
 *   : item.type === 'gap' ? `-- ${item.toSeq - item.fromSeq + 1} lines lost (${item.reason}) --`
 *   : item.type === 'eof' ? `-- build ${item.state} --`
 *   : undefined; // 'live': the history is complete
 * ```
 */
export type LogReadItem = LogStreamItem | { type: 'live' };

/** The part of `client.logs` a read goes through (a fake in unit tests). @internal */
export type LogReadApi = Pick<LogsResource, 'page' | 'stream'>;

/** A fixed-size window of the newest items pushed. */
class Newest<T> {
  readonly #items: T[] = [];
  readonly #size: number;
  constructor(size: number) {
    this.#size = size;
  }
  push(item: T): void {
    if (this.#size <= 0) return;
    this.#items.push(item);
    if (this.#items.length > this.#size) this.#items.shift();
  }
  toArray(): T[] {
    return this.#items;
  }
}

interface History {
  readonly lines: LogLine[];
  /** Lines the listing would have shown but retention dropped (`seq` 1 … earliest − 1), if any. */
  readonly lost: { fromSeq: number; toSeq: number } | undefined;
  /** The newest seq of the whole stream when the history was read: where the live stream resumes. */
  readonly head: number;
}

function invalid(path: string, problem: string): MaxValidationError {
  return new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid ${path.slice(1)}: ${problem}`,
    details: { fields: [{ path, message: problem }] },
  });
}

/** Rejects options that cannot mean anything before any request is made. */
function validate(options: LogReadOptions): void {
  const { tail } = options;
  if (tail !== undefined && !(Number.isSafeInteger(tail) && tail >= 0 && tail <= MAX_LOG_TAIL)) {
    throw invalid('/tail', `must be an integer from 0 to ${MAX_LOG_TAIL}`);
  }
  if (options.follow === true && options.until !== undefined) {
    throw invalid('/until', 'cannot be combined with follow (a followed read has no end)');
  }
}

/**
 * The history part. The live stream resumes after `head`, the stream's newest seq as the last page saw it, so
 * a line written while the history was being read is streamed, not lost, and a listed line is never streamed
 * again: no gap and no duplicate across the boundary, whatever the filters.
 */
async function readHistory(api: LogReadApi, target: LogTarget, options: LogReadOptions): Promise<History> {
  const { contains, tail, signal } = options;
  const matches = (line: LogLine) => contains === undefined || line.line.includes(contains);
  const request = signal === undefined ? undefined : { signal };
  const base: LogListParams = {
    ...(options.since !== undefined ? { since: options.since } : {}),
    ...(options.until !== undefined ? { until: options.until } : {}),
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  };
  let lines: LogLine[];
  let first: LogPage;
  let last: LogPage;
  if (tail !== undefined && contains === undefined) {
    // The server picks the newest N itself: one request. `tail: 0` still asks (for one line, dropped) to learn
    // where the stream stands and whether the target exists.
    first = last = await api.page(target, { ...base, tail: true, limit: Math.max(1, tail) }, request);
    lines = tail === 0 ? [] : first.data;
  } else {
    // Every matching retained line, oldest first, page by page (`contains` is applied here, so `tail` counts
    // matching lines only).
    const newest = tail === undefined ? undefined : new Newest<LogLine>(tail);
    const all: LogLine[] = [];
    const keep = newest === undefined ? (line: LogLine) => all.push(line) : (line: LogLine) => newest.push(line);
    let afterSeq: number | undefined;
    first = last = await api.page(target, { ...base, limit: MAX_LOG_TAIL }, request);
    for (;;) {
      for (const line of last.data) if (matches(line)) keep(line);
      const end = last.data.at(-1);
      if (!last.has_more || end === undefined) break;
      // A server that does not move forward would make us loop forever.
      if (afterSeq !== undefined && end.seq <= afterSeq) {
        throw new MaxApiError({ code: 'malformed_response', message: 'Malformed response: log paging did not advance' });
      }
      afterSeq = end.seq;
      last = await api.page(target, { ...base, limit: MAX_LOG_TAIL, afterSeq }, request);
    }
    lines = newest?.toArray() ?? all;
  }
  // Lines before `earliest_seq` were dropped by retention. Say so when the listing reaches back that far: the
  // whole history was asked for, or a tail that the retained lines could not fill. (With `since`, which of the
  // dropped lines fall in the window is unknowable, so nothing is claimed.)
  const earliest = first.earliest_seq;
  const reachesBack = options.since === undefined && (tail === undefined || (tail > 0 && lines.length < tail));
  const lost = reachesBack && earliest !== null && earliest > 1 ? { fromSeq: 1, toSeq: earliest - 1 } : undefined;
  const head = Math.max(last.latest_seq ?? 0, lines.at(-1)?.seq ?? 0);
  return { lines, lost, head };
}

/**
 * `logs.read`: the history of one log stream, then (with `follow`) its live lines, as one ordered sequence.
 * Each line appears once: the live stream resumes by seq right after the head the history saw, and keeps
 * that cursor across reconnects. There is no time limit: only `signal`, the end of a build log, or an error
 * ends a followed read.
 *
 * @internal Use `client.logs.read()`.
 */
export async function* readLogs(api: LogReadApi, target: LogTarget, options: LogReadOptions): AsyncGenerator<LogReadItem, void, undefined> {
  validate(options);
  const { signal, contains } = options;
  const history = await readHistory(api, target, options);
  if (history.lost) yield { type: 'gap', ...history.lost, reason: 'retention' };
  for (const line of history.lines) yield { type: 'line', line };
  if (options.follow !== true || signal?.aborted === true) return;
  yield { type: 'live' };
  let cursor = history.head;
  const stream = api.stream(target, {
    afterSeq: cursor,
    ...(signal !== undefined ? { signal } : {}),
    ...(options.stream !== undefined ? { stream: options.stream } : {}),
  });
  for await (const item of stream) {
    if (item.type === 'line') {
      // The stream already drops replays at or below its cursor; this guards the boundary independently.
      if (item.line.seq <= cursor) continue;
      cursor = item.line.seq;
      if (contains !== undefined && !item.line.line.includes(contains)) continue;
      yield item;
    } else if (item.type === 'gap') {
      cursor = Math.max(cursor, item.toSeq);
      yield item;
    } else {
      yield item;
      return;
    }
  }
}
