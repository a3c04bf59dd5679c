import type { Database } from '../db/database.js';
import type { EventActor } from '../services/event-log.js';
import { decodeCursor, encodeCursor } from '../services/pagination.js';
import type { ProcessIdentity } from '../processes/process-tree.js';

/**
 * SQLite rows of shell sessions and command runs (migration `remote-access`). A row is written when the session or
 * run starts and updated when it ends; live values (output so far, attached clients, size) come from memory while
 * it runs. The leader's identity (pid, start ticks, boot id) is stored so a later max-local can kill what a
 * crashed one left behind, and only that.
 */
export type ShellState = 'running' | 'exited';
export type RunState = 'pending' | 'running' | 'exited' | 'failed' | 'timed_out' | 'cancelled';
export const LIVE_RUN_STATES: readonly RunState[] = ['pending', 'running'];

interface Common {
  id: string;
  userId: string;
  networkId: string;
  network: string;
  appId: string | null;
  app: string | null;
  command: string[];
  exitCode: number | null;
  signal: string | null;
  pid: number | null;
  identity: ProcessIdentity | null;
  outputBytes: number;
  actor: EventActor;
  createdAt: number;
}

export interface ShellRecord extends Common {
  term: string;
  cols: number;
  rows: number;
  state: ShellState;
  detachTimeoutSeconds: number;
  endedAt: number | null;
}

export interface RunRecord extends Common {
  state: RunState;
  error: string | null;
  release: number | null;
  timeoutSeconds: number;
  startedAt: number | null;
  finishedAt: number | null;
}

interface CommonRow {
  id: string;
  user_id: string;
  network_id: string;
  network: string;
  app_id: string | null;
  app: string | null;
  command: string;
  exit_code: number | null;
  signal: string | null;
  pid: number | null;
  pid_start_ticks: number | null;
  boot_id: string | null;
  output_bytes: number;
  actor: string;
  created_at: number;
}

interface ShellRow extends CommonRow {
  term: string;
  cols: number;
  rows: number;
  state: ShellState;
  detach_timeout_seconds: number;
  ended_at: number | null;
}

interface RunRow extends CommonRow {
  state: RunState;
  error: string | null;
  release: number | null;
  timeout_seconds: number;
  started_at: number | null;
  finished_at: number | null;
}

const common = (row: CommonRow): Common => ({
  id: row.id,
  userId: row.user_id,
  networkId: row.network_id,
  network: row.network,
  appId: row.app_id,
  app: row.app,
  command: JSON.parse(row.command) as string[],
  exitCode: row.exit_code,
  signal: row.signal,
  pid: row.pid,
  identity:
    row.pid !== null && row.pid_start_ticks !== null ? { pid: row.pid, startTicks: row.pid_start_ticks, bootId: row.boot_id ?? '' } : null,
  outputBytes: row.output_bytes,
  actor: JSON.parse(row.actor) as EventActor,
  createdAt: row.created_at,
});

const toShell = (row: ShellRow): ShellRecord => ({
  ...common(row),
  term: row.term,
  cols: row.cols,
  rows: row.rows,
  state: row.state,
  detachTimeoutSeconds: row.detach_timeout_seconds,
  endedAt: row.ended_at,
});

const toRun = (row: RunRow): RunRecord => ({
  ...common(row),
  state: row.state,
  error: row.error,
  release: row.release,
  timeoutSeconds: row.timeout_seconds,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export interface ListQuery {
  limit: number;
  cursor?: string | undefined;
  network?: string | undefined;
  app?: string | undefined;
  state?: string | undefined;
}

const SORT = '-created_at' as const;

export class RemoteRecords {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  insertShell(r: ShellRecord): void {
    this.#db.run(
      `INSERT INTO shell_sessions (id, user_id, network_id, network, app_id, app, command, term, cols, rows, state, exit_code,
         signal, pid, pid_start_ticks, boot_id, output_bytes, detach_timeout_seconds, actor, created_at, ended_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id, r.userId, r.networkId, r.network, r.appId, r.app, JSON.stringify(r.command), r.term, r.cols, r.rows, r.state,
        r.exitCode, r.signal, r.pid, r.identity?.startTicks ?? null, r.identity?.bootId ?? null, r.outputBytes,
        r.detachTimeoutSeconds, JSON.stringify(r.actor), r.createdAt, r.endedAt,
      ],
    );
  }

  endShell(r: Pick<ShellRecord, 'id' | 'exitCode' | 'signal' | 'outputBytes' | 'cols' | 'rows' | 'endedAt'>): void {
    this.#db.run(
      `UPDATE shell_sessions SET state = 'exited', exit_code = ?, signal = ?, output_bytes = ?, cols = ?, rows = ?, ended_at = ?
       WHERE id = ?`,
      [r.exitCode, r.signal, r.outputBytes, r.cols, r.rows, r.endedAt, r.id],
    );
  }

  shell(userId: string, id: string): ShellRecord | undefined {
    const row = this.#db.get<ShellRow>('SELECT * FROM shell_sessions WHERE id = ? AND user_id = ?', [id, userId]);
    return row ? toShell(row) : undefined;
  }

  liveShells(): ShellRecord[] {
    return this.#db.all<ShellRow>("SELECT * FROM shell_sessions WHERE state = 'running'").map(toShell);
  }

  listShells(userId: string, query: ListQuery): { items: ShellRecord[]; nextCursor: string | null } {
    const page = this.#list<ShellRow>('shell_sessions', userId, query);
    return { items: page.rows.map(toShell), nextCursor: page.nextCursor };
  }

  insertRun(r: RunRecord): void {
    this.#db.run(
      `INSERT INTO command_runs (id, user_id, network_id, network, app_id, app, command, state, exit_code, signal, error, pid,
         pid_start_ticks, boot_id, release, timeout_seconds, output_bytes, actor, created_at, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        r.id, r.userId, r.networkId, r.network, r.appId, r.app, JSON.stringify(r.command), r.state, r.exitCode, r.signal,
        r.error, r.pid, r.identity?.startTicks ?? null, r.identity?.bootId ?? null, r.release, r.timeoutSeconds, r.outputBytes,
        JSON.stringify(r.actor), r.createdAt, r.startedAt, r.finishedAt,
      ],
    );
  }

  endRun(r: Pick<RunRecord, 'id' | 'state' | 'exitCode' | 'signal' | 'error' | 'outputBytes' | 'finishedAt'>): void {
    this.#db.run(
      'UPDATE command_runs SET state = ?, exit_code = ?, signal = ?, error = ?, output_bytes = ?, finished_at = ? WHERE id = ?',
      [r.state, r.exitCode, r.signal, r.error, r.outputBytes, r.finishedAt, r.id],
    );
  }

  run(userId: string, id: string): RunRecord | undefined {
    const row = this.#db.get<RunRow>('SELECT * FROM command_runs WHERE id = ? AND user_id = ?', [id, userId]);
    return row ? toRun(row) : undefined;
  }

  liveRuns(): RunRecord[] {
    return this.#db.all<RunRow>("SELECT * FROM command_runs WHERE state IN ('pending', 'running')").map(toRun);
  }

  listRuns(userId: string, query: ListQuery): { items: RunRecord[]; nextCursor: string | null } {
    const page = this.#list<RunRow>('command_runs', userId, query);
    return { items: page.rows.map(toRun), nextCursor: page.nextCursor };
  }

  /** Newest first, keyset-paginated on (created_at, id); `table` is one of two literals from this file. */
  #list<Row extends CommonRow>(table: 'shell_sessions' | 'command_runs', userId: string, query: ListQuery): { rows: Row[]; nextCursor: string | null } {
    const where = ['user_id = ?'];
    const params: (string | number)[] = [userId];
    if (query.network !== undefined) {
      where.push('network = ?');
      params.push(query.network);
    }
    if (query.app !== undefined) {
      where.push('app = ?');
      params.push(query.app);
    }
    if (query.state !== undefined) {
      where.push('state = ?');
      params.push(query.state);
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, SORT);
      where.push('(created_at < ? OR (created_at = ? AND id < ?))');
      params.push(after.v, after.v, after.id);
    }
    const rows = this.#db.all<Row>(
      `SELECT * FROM ${table} WHERE ${where.join(' AND ')} ORDER BY created_at DESC, id DESC LIMIT ?`,
      [...params, query.limit + 1],
    );
    if (rows.length <= query.limit) return { rows, nextCursor: null };
    const kept = rows.slice(0, query.limit);
    const last = kept[kept.length - 1] as Row;
    return { rows: kept, nextCursor: encodeCursor(SORT, last.created_at, last.id) };
  }
}
