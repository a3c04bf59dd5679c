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

/**
 * How long lines are kept at least, whatever their number: longer than a follower's worst ordinary reconnect
 * (the client's backoff cap of 15 s plus a 10 s handshake timeout), so a reconnect resumes from its cursor
 * instead of reporting a gap even at a high line rate (docs/adr/0009-logs-throughput-and-reconnects.md).
 */
export const DEFAULT_LOG_RETENTION_MS = 30_000;
/** Lines kept per stream at least, however old (what `rig logs` shows as history). */
export const DEFAULT_LOG_RETENTION = 10_000;
/** Lines kept per stream at most, however young: bounds the database (~30 MB per stream at 100-byte lines). */
export const MAX_LOG_RETENTION = 300_000;

export interface LogRetention {
  /** Lines kept at least (default {@link DEFAULT_LOG_RETENTION}). */
  minLines?: number;
  /** Lines younger than this are kept (up to `maxLines`), ms (default {@link DEFAULT_LOG_RETENTION_MS}). */
  minAgeMs?: number;
  /** Lines kept at most (default {@link MAX_LOG_RETENTION}). */
  maxLines?: number;
}

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

/** A stream this process has written to: its head, and when its recent lines were written (for time retention). */
interface StreamState {
  kind: LogKind;
  id: string;
  /** Newest seq assigned (written or still queued). */
  head: number;
  /** Lines assigned but not yet written, oldest first. */
  queued: StoredLogLine[];
  /**
   * Ascending marks "every line up to `seq` was written by `ts`", at most one per {@link MARK_SPACING_MS}: the
   * oldest ones tell which lines are past `minAgeMs` without reading them back.
   */
  marks: { seq: number; ts: number }[];
}

/** Rows per INSERT statement when writing a batch (8 parameters each; SQLite allows 32,766). */
const INSERT_ROWS = 64;
const insertStatements: string[] = [];
/** `INSERT … VALUES (…), (…)` for `rows` rows (the texts are kept, so the database's statement cache hits). */
function insertSql(rows: number): string {
  return (insertStatements[rows] ??=
    `INSERT INTO log_lines (kind, id, seq, ts, stream, source, line, app) VALUES ${Array.from({ length: rows }, () => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}`);
}

/** Marks closer together than this are merged (the newer one wins): ~300 marks cover the 30 s window. */
const MARK_SPACING_MS = 100;

/**
 * Every build and runtime log line, in SQLite, numbered per stream (`seq` from 1, gap-free, never reused) and
 * kept to a bounded window per stream (see {@link LogRetention}).
 *
 * Appends assign the seq and publish to in-process subscribers at once, and are written in batches: all lines
 * appended in one turn of the event loop go into one transaction (one INSERT per line with a cached statement,
 * one head update and at most one prune per stream), instead of a transaction with four statements per line —
 * that was the limit of a busy app's log throughput. Every read writes the pending lines first, so a reader that
 * subscribes first and then reads history (de-duplicating by seq) still loses nothing, and a REST listing always
 * contains every line already published. Lines appended less than one event-loop turn before a crash of the
 * process are lost (like output still in the pipe); `flush()` on close writes them.
 */
export class LogStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #minLines: number;
  readonly #minAgeMs: number;
  readonly #maxLines: number;
  readonly #listeners = new Map<string, Set<LogListener>>();
  readonly #streams = new Map<string, StreamState>();
  /** Streams with queued lines, in the order they were first queued. */
  readonly #dirty = new Set<StreamState>();
  #scheduled = false;
  #closed = false;

  constructor(db: Database, clock: Clock, retention: number | LogRetention = {}) {
    this.#db = db;
    this.#clock = clock;
    const options = typeof retention === 'number' ? { minLines: retention, minAgeMs: 0, maxLines: retention } : retention;
    this.#minLines = options.minLines ?? DEFAULT_LOG_RETENTION;
    this.#minAgeMs = options.minAgeMs ?? DEFAULT_LOG_RETENTION_MS;
    this.#maxLines = Math.max(this.#minLines, options.maxLines ?? MAX_LOG_RETENTION);
  }

  append(kind: LogKind, id: string, input: LogLineInput): StoredLogLine {
    const state = this.#state(kind, id);
    state.head += 1;
    const line: StoredLogLine = { seq: state.head, ts: this.#clock.now(), ...input };
    if (!this.#closed) {
      state.queued.push(line);
      this.#dirty.add(state);
      if (!this.#scheduled) {
        this.#scheduled = true;
        setImmediate(() => this.#flushLater());
      }
    }
    for (const listener of [...(this.#listeners.get(key(kind, id)) ?? [])]) {
      try {
        listener(line);
      } catch {
        // A failing subscriber must not break the process that writes the log, nor other subscribers.
      }
    }
    return line;
  }

  /** Writes every queued line now (reads do it themselves). */
  flush(): void {
    this.#scheduled = false;
    if (this.#dirty.size === 0 || this.#closed) return;
    const streams = [...this.#dirty];
    const db = this.#db;
    const now = this.#clock.now();
    // All or nothing: a failed transaction leaves the lines queued for the next flush.
    db.transaction(() => {
      for (const state of streams) {
        const { kind, id, queued } = state;
        // Rows in groups of INSERT_ROWS per statement: one native call per group instead of one per line.
        for (let start = 0; start < queued.length; start += INSERT_ROWS) {
          const group = queued.slice(start, start + INSERT_ROWS);
          const params: (string | number | null)[] = [];
          for (const line of group) params.push(kind, id, line.seq, line.ts, line.stream, line.source, line.line, line.app ?? null);
          db.run(insertSql(group.length), params);
        }
        const head = (queued[queued.length - 1] as StoredLogLine).seq;
        db.run(
          `INSERT INTO log_streams (kind, id, last_seq) VALUES (?, ?, ?)
           ON CONFLICT (kind, id) DO UPDATE SET last_seq = excluded.last_seq`,
          [kind, id, head],
        );
        this.#mark(state, head, now);
        const upTo = this.#pruneUpTo(state, now);
        if (upTo > 0) db.run('DELETE FROM log_lines WHERE kind = ? AND id = ? AND seq <= ?', [kind, id, upTo]);
      }
    });
    for (const state of streams) state.queued = [];
    this.#dirty.clear();
  }

  /**
   * Writes what is queued and stops writing (the database is about to close). Lines appended later — a stopping
   * process's last output — are still published to subscribers but not stored.
   */
  close(): void {
    this.flush();
    this.#closed = true;
    this.#dirty.clear();
  }

  #flushLater(): void {
    try {
      this.flush();
    } catch {
      // The database is busy beyond its timeout: the lines stay queued and go with the next flush (the next
      // append schedules one, and every read flushes first).
    }
  }

  #state(kind: LogKind, id: string): StreamState {
    const k = key(kind, id);
    let state = this.#streams.get(k);
    if (state === undefined) {
      const head = this.#db.get<{ last_seq: number }>('SELECT last_seq FROM log_streams WHERE kind = ? AND id = ?', [kind, id])?.last_seq ?? 0;
      // Lines from before this process started count as written now: kept for the full window, never pruned early.
      state = { kind, id, head, queued: [], marks: head > 0 ? [{ seq: head, ts: this.#clock.now() }] : [] };
      this.#streams.set(k, state);
    }
    return state;
  }

  #mark(state: StreamState, seq: number, ts: number): void {
    const { marks } = state;
    const last = marks[marks.length - 1];
    const previous = marks[marks.length - 2];
    if (last !== undefined && previous !== undefined && ts - previous.ts < MARK_SPACING_MS) {
      // The newest mark moves forward until it is a spacing away from the one before: the lines it covered are
      // then kept up to MARK_SPACING_MS longer, never shorter.
      last.seq = seq;
      last.ts = ts;
    } else {
      state.marks.push({ seq, ts });
    }
  }

  /**
   * The newest seq that may go: beyond `maxLines`, or older than `minAgeMs` and beyond `minLines` (0: none). Marks
   * older than the window collapse into one (the newest of them), so a stream has at most ~window/spacing + 1.
   */
  #pruneUpTo(state: StreamState, now: number): number {
    const { marks } = state;
    const cutoff = now - this.#minAgeMs;
    let aged = -1;
    while (aged + 1 < marks.length && (marks[aged + 1] as { ts: number }).ts <= cutoff) aged += 1;
    const agedSeq = aged >= 0 ? (marks[aged] as { seq: number }).seq : 0;
    const upTo = Math.max(state.head - this.#maxLines, Math.min(agedSeq, state.head - this.#minLines), 0);
    // Keep the newest aged mark while some of its lines are still kept (they may go once `minLines` allows).
    let drop = agedSeq > upTo ? aged : aged + 1;
    while (drop < marks.length && (marks[drop] as { seq: number }).seq <= upTo) drop += 1;
    if (drop > 0) marks.splice(0, drop);
    return upTo;
  }

  /** Newest seq of the stream (0 when it has none). */
  latestSeq(kind: LogKind, id: string): number {
    const state = this.#streams.get(key(kind, id));
    if (state !== undefined) return state.head;
    return this.#db.get<{ last_seq: number }>('SELECT last_seq FROM log_streams WHERE kind = ? AND id = ?', [kind, id])?.last_seq ?? 0;
  }

  /** Oldest seq still retained (latest + 1 when nothing is retained). */
  earliestSeq(kind: LogKind, id: string): number {
    this.flush();
    const row = this.#db.get<{ seq: number | null }>('SELECT MIN(seq) AS seq FROM log_lines WHERE kind = ? AND id = ?', [kind, id]);
    return row?.seq ?? this.latestSeq(kind, id) + 1;
  }

  /** Lines with `seq > afterSeq`, ascending, at most `limit`. */
  listAfter(kind: LogKind, id: string, afterSeq: number, limit: number, stream?: LogOutput): StoredLogLine[] {
    this.flush();
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
    this.flush();
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
    this.flush();
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
    this.flush();
    for (const id of ids) this.#streams.delete(key(kind, id));
    this.#db.transaction(() => {
      for (const id of ids) {
        this.#db.run('DELETE FROM log_lines WHERE kind = ? AND id = ?', [kind, id]);
        this.#db.run('DELETE FROM log_streams WHERE kind = ? AND id = ?', [kind, id]);
      }
    });
  }
}

const key = (kind: LogKind, id: string): string => `${kind}:${id}`;
