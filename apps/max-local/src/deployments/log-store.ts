import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';

/** A log stream: an app's runtime output, a deployment's build output, or a network's merged runtime output. */
export type LogKind = 'app' | 'build' | 'network';
export type LogOutput = 'stdout' | 'stderr';
export type LogSource = 'app' | 'build' | 'platform';

export interface LogLineInput {
  stream: LogOutput;
  source: LogSource;
  line: string;
  /** Network streams only: the app that wrote the line. */
  app?: string;
}

export interface StoredLogLine extends LogLineInput {
  seq: number;
  /** Epoch ms. */
  ts: number;
}

export interface LogQuery {
  afterSeq?: number | undefined;
  since?: number | undefined;
  until?: number | undefined;
  stream?: LogOutput | undefined;
  limit: number;
  /** The newest `limit` matching lines instead of the oldest (still ascending). */
  tail?: boolean | undefined;
}

export interface LogPage {
  lines: StoredLogLine[];
  hasMore: boolean;
  earliestSeq: number | null;
  latestSeq: number | null;
}

export type LogListener = (line: StoredLogLine) => void;

/** Lines kept per stream; older ones are pruned (reported to readers as gaps). */
export const DEFAULT_LOG_RETENTION = 10_000;

interface LineRow {
  seq: number;
  ts: number;
  stream: LogOutput;
  source: LogSource;
  line: string;
  app: string | null;
}

const toLine = (row: LineRow): StoredLogLine => ({
  seq: row.seq,
  ts: row.ts,
  stream: row.stream,
  source: row.source,
  line: row.line,
  ...(row.app === null ? {} : { app: row.app }),
});

/**
 * Every build and runtime log line, in SQLite, numbered per stream (`seq` from 1, gap-free, never reused) and
 * kept to a bounded window per stream. Appends are synchronous and publish to in-process subscribers right after
 * the insert, so a reader that subscribes first and then reads history (de-duplicating by seq) loses nothing.
 */
export class LogStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #retention: number;
  readonly #listeners = new Map<string, Set<LogListener>>();

  constructor(db: Database, clock: Clock, retention = DEFAULT_LOG_RETENTION) {
    this.#db = db;
    this.#clock = clock;
    this.#retention = retention;
  }

  append(kind: LogKind, id: string, input: LogLineInput): StoredLogLine {
    const db = this.#db;
    const line = db.transaction(() => {
      db.run(
        `INSERT INTO log_streams (kind, id, last_seq) VALUES (?, ?, 1)
         ON CONFLICT (kind, id) DO UPDATE SET last_seq = last_seq + 1`,
        [kind, id],
      );
      const seq = db.get<{ last_seq: number }>('SELECT last_seq FROM log_streams WHERE kind = ? AND id = ?', [kind, id])?.last_seq ?? 1;
      const stored: StoredLogLine = { seq, ts: this.#clock.now(), ...input };
      db.run('INSERT INTO log_lines (kind, id, seq, ts, stream, source, line, app) VALUES (?, ?, ?, ?, ?, ?, ?, ?)', [
        kind,
        id,
        seq,
        stored.ts,
        stored.stream,
        stored.source,
        stored.line,
        stored.app ?? null,
      ]);
      // One line in, at most one line out: the window stays exactly `retention` lines long.
      if (seq > this.#retention) db.run('DELETE FROM log_lines WHERE kind = ? AND id = ? AND seq <= ?', [kind, id, seq - this.#retention]);
      return stored;
    });
    for (const listener of [...(this.#listeners.get(key(kind, id)) ?? [])]) {
      try {
        listener(line);
      } catch {
        // A failing subscriber must not break the process that writes the log, nor other subscribers.
      }
    }
    return line;
  }

  /** Newest seq of the stream (0 when it has none). */
  latestSeq(kind: LogKind, id: string): number {
    return this.#db.get<{ last_seq: number }>('SELECT last_seq FROM log_streams WHERE kind = ? AND id = ?', [kind, id])?.last_seq ?? 0;
  }

  /** Oldest seq still retained (latest + 1 when nothing is retained). */
  earliestSeq(kind: LogKind, id: string): number {
    const row = this.#db.get<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM log_lines WHERE kind = ? AND id = ?', [kind, id]);
    return row?.seq ?? this.latestSeq(kind, id) + 1;
  }

  /** Lines with `seq > afterSeq`, ascending, at most `limit`. */
  listAfter(kind: LogKind, id: string, afterSeq: number, limit: number, stream?: LogOutput): StoredLogLine[] {
    const filter = stream ? ' AND stream = ?' : '';
    return this.#db
      .all<LineRow>(
        `SELECT seq, ts, stream, source, line, app FROM log_lines WHERE kind = ? AND id = ? AND seq > ?${filter} ORDER BY seq LIMIT ?`,
        stream ? [kind, id, afterSeq, stream, limit] : [kind, id, afterSeq, limit],
      )
      .map(toLine);
  }

  /** The newest `count` lines (ascending), optionally of one output stream. */
  tail(kind: LogKind, id: string, count: number, stream?: LogOutput): StoredLogLine[] {
    if (count <= 0) return [];
    const filter = stream ? ' AND stream = ?' : '';
    return this.#db
      .all<LineRow>(
        `SELECT seq, ts, stream, source, line, app FROM log_lines WHERE kind = ? AND id = ?${filter} ORDER BY seq DESC LIMIT ?`,
        stream ? [kind, id, stream, count] : [kind, id, count],
      )
      .map(toLine)
      .reverse();
  }

  /** The REST view (`LogPage`): filters, a limit, oldest-first or newest-first selection, always ascending. */
  query(kind: LogKind, id: string, query: LogQuery): LogPage {
    const where = ['kind = ?', 'id = ?'];
    const params: (string | number)[] = [kind, id];
    if (query.afterSeq !== undefined) {
      where.push('seq > ?');
      params.push(query.afterSeq);
    }
    if (query.since !== undefined) {
      where.push('ts >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      where.push('ts < ?');
      params.push(query.until);
    }
    if (query.stream !== undefined) {
      where.push('stream = ?');
      params.push(query.stream);
    }
    params.push(query.limit + 1);
    const rows = this.#db.all<LineRow>(
      `SELECT seq, ts, stream, source, line, app FROM log_lines WHERE ${where.join(' AND ')}
       ORDER BY seq ${query.tail ? 'DESC' : 'ASC'} LIMIT ?`,
      params,
    );
    const hasMore = rows.length > query.limit;
    const page = rows.slice(0, query.limit);
    if (query.tail) page.reverse();
    const latest = this.latestSeq(kind, id);
    const earliest = this.earliestSeq(kind, id);
    return {
      lines: page.map(toLine),
      // With `tail`, "more" means older lines exist; paging forward from the last line finds nothing new.
      hasMore: query.tail ? false : hasMore,
      earliestSeq: earliest > latest ? null : earliest,
      latestSeq: latest === 0 ? null : latest,
    };
  }

  subscribe(kind: LogKind, id: string, listener: LogListener): () => void {
    const k = key(kind, id);
    let set = this.#listeners.get(k);
    if (!set) this.#listeners.set(k, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(k) === set) this.#listeners.delete(k);
    };
  }

  /** Deletes a stream and its lines (its app, deployment or network is gone). */
  drop(kind: LogKind, ids: readonly string[]): void {
    if (ids.length === 0) return;
    this.#db.transaction(() => {
      for (const id of ids) {
        this.#db.run('DELETE FROM log_lines WHERE kind = ? AND id = ?', [kind, id]);
        this.#db.run('DELETE FROM log_streams WHERE kind = ? AND id = ?', [kind, id]);
      }
    });
  }
}

const key = (kind: LogKind, id: string): string => `${kind}:${id}`;
