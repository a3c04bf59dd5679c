import type { LogLine, LogListParams, LogPage, LogStream, LogStreamItem, LogStreamParams, LogTarget, MaxClient } from '@max/rig-sdk';
import { MaxApiError } from '@max/rig-sdk';

/** The part of `client.logs` rig reads logs through (a fake in unit tests). */
export type LogsApi = Pick<MaxClient['logs'], 'page' | 'stream'>;

/** What to show: history filters, and whether to go on live afterwards. */
export interface LogQuery {
  /** RFC 3339: only lines at or after this time (history only; live lines are newer anyway). */
  readonly since?: string | undefined;
  /** RFC 3339: only lines before this time (history only; never with `follow`). */
  readonly until?: string | undefined;
  /** Only this output stream (history and live). */
  readonly stream?: LogStream | undefined;
  /** Only the newest N matching lines of the history (after `grep`); undefined = every retained line. */
  readonly tail?: number | undefined;
  /** Only lines containing this text (case-sensitive; history and live). */
  readonly grep?: string | undefined;
  /** After the history, keep streaming live lines. */
  readonly follow: boolean;
}

/**
 * One item of `rig logs` output, in order: lines, ranges the platform no longer holds (never hidden), the
 * moment the history ends and live lines begin, and the end of a finite (build) log.
 */
export type LogItem =
  | { readonly type: 'line'; readonly line: LogLine }
  | { readonly type: 'gap'; readonly fromSeq: number; readonly toSeq: number; readonly reason: string }
  | { readonly type: 'live' }
  | { readonly type: 'eof'; readonly lastSeq: number | null; readonly state: string };

/** The server's largest page (and largest `tail`). */
export const MAX_PAGE = 1000;

/** A fixed-size window of the newest items pushed. */
class Newest<T> {
  private readonly items: T[] = [];
  constructor(private readonly size: number) {}
  push(item: T): void {
    if (this.size <= 0) return;
    this.items.push(item);
    if (this.items.length > this.size) this.items.shift();
  }
  toArray(): T[] {
    return this.items;
  }
}

interface History {
  readonly lines: LogLine[];
  /** Lines the listing would have shown but retention dropped (`seq` 1 … earliest − 1), if any. */
  readonly lost: { fromSeq: number; toSeq: number } | undefined;
  /** The newest seq of the whole stream when the history was read: where the live stream resumes. */
  readonly head: number;
}

/**
 * The history part. The live stream resumes after `head`, the stream's newest seq as the last page saw it, so
 * a line written while the history was being read is streamed, not lost, and a listed line is never streamed
 * again: no gap and no duplicate across the boundary, whatever the filters.
 */
async function readHistory(api: LogsApi, target: LogTarget, query: LogQuery, signal: AbortSignal): Promise<History> {
  const matches = (line: LogLine) => query.grep === undefined || line.line.includes(query.grep);
  const base: LogListParams = {
    ...(query.since !== undefined ? { since: query.since } : {}),
    ...(query.until !== undefined ? { until: query.until } : {}),
    ...(query.stream !== undefined ? { stream: query.stream } : {}),
  };
  let lines: LogLine[];
  let first: LogPage;
  let last: LogPage;
  if (query.tail !== undefined && query.grep === undefined) {
    // The server picks the newest N itself: one request. `--tail 0` still asks (for one line, dropped) to learn
    // where the stream stands and whether the target exists.
    first = last = await api.page(target, { ...base, tail: true, limit: Math.max(1, query.tail) }, { signal });
    lines = query.tail === 0 ? [] : first.data;
  } else {
    // Every matching retained line, oldest first, page by page (`--grep` is applied here, so `--tail` counts
    // matching lines only).
    const newest = query.tail === undefined ? undefined : new Newest<LogLine>(query.tail);
    const all: LogLine[] = [];
    const keep = newest === undefined ? (line: LogLine) => all.push(line) : (line: LogLine) => newest.push(line);
    let afterSeq: number | undefined;
    first = last = await api.page(target, { ...base, limit: MAX_PAGE }, { signal });
    for (;;) {
      for (const line of last.data) if (matches(line)) keep(line);
      const end = last.data.at(-1);
      if (!last.has_more || end === undefined) break;
      // A server that does not move forward would make us loop forever.
      if (afterSeq !== undefined && end.seq <= afterSeq) throw new MaxApiError({ code: 'malformed_response', message: 'Malformed response: log paging did not advance' });
      afterSeq = end.seq;
      last = await api.page(target, { ...base, limit: MAX_PAGE, afterSeq }, { signal });
    }
    lines = newest?.toArray() ?? all;
  }
  // Lines before `earliest_seq` were dropped by retention. Say so when the listing reaches back that far: the
  // whole history was asked for, or a tail that the retained lines could not fill. (With `--since`, which of the
  // dropped lines fall in the window is unknowable, so nothing is claimed.)
  const earliest = first.earliest_seq;
  const reachesBack = query.since === undefined && (query.tail === undefined || (query.tail > 0 && lines.length < query.tail));
  const lost = reachesBack && earliest !== null && earliest > 1 ? { fromSeq: 1, toSeq: earliest - 1 } : undefined;
  const head = Math.max(last.latest_seq ?? 0, lines.at(-1)?.seq ?? 0);
  return { lines, lost, head };
}

/**
 * `rig logs`: the history of one log stream, then (with `follow`) its live lines, as one ordered sequence of
 * items. Each line appears once: the live stream resumes by seq where the history ended, and the SDK keeps that
 * cursor across reconnects. Live ranges lost to retention arrive as `gap` items; a build log ends with `eof`.
 * There is no time limit: only `signal` (Ctrl-C), the end of a build log, or an error ends it.
 */
export async function* readLogs(api: LogsApi, target: LogTarget, query: LogQuery, signal: AbortSignal): AsyncGenerator<LogItem, void, undefined> {
  const history = await readHistory(api, target, query, signal);
  if (history.lost) yield { type: 'gap', ...history.lost, reason: 'retention' };
  for (const line of history.lines) yield { type: 'line', line };
  if (!query.follow) return;
  yield { type: 'live' };
  let cursor = history.head;
  const params: LogStreamParams = { afterSeq: cursor, signal, ...(query.stream !== undefined ? { stream: query.stream } : {}) };
  for await (const item of api.stream(target, params)) {
    if (item.type === 'line') {
      // The SDK already drops replays at or below its cursor; this guards the boundary independently.
      if (item.line.seq <= cursor) continue;
      cursor = item.line.seq;
      if (query.grep !== undefined && !item.line.line.includes(query.grep)) continue;
      yield item;
    } else if (item.type === 'gap') {
      cursor = Math.max(cursor, item.toSeq);
      yield item;
    } else {
      yield item satisfies LogStreamItem;
      return;
    }
  }
}
