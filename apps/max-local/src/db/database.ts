import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Libsql from 'libsql';
import { migrations as defaultMigrations, type Migration } from './migrations.js';

/** A SQL parameter value as libsql binds it. */
export type SqlValue = string | number | bigint | null | Buffer;
type Params = readonly SqlValue[] | Readonly<Record<string, SqlValue>>;

/** Distinct SQL texts kept prepared (oldest dropped first). */
const MAX_CACHED_STATEMENTS = 256;

/** How long a writer waits for another process's lock (e.g. `max-local token create`) before failing. */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The SQLite database of one data dir. A thin wrapper over libsql's synchronous API that
 * (1) opens in WAL mode with a busy timeout so a second process can write while the server
 * runs, (2) applies migrations at open, and (3) runs transactions with after-commit callbacks,
 * which is how the event log notifies subscribers only about changes that really committed.
 */
export class Database {
  readonly path: string;
  readonly #db: Libsql.Database;
  /**
   * Prepared statements by SQL text: preparing costs more than running a small statement, and hot paths (a log
   * line is an INSERT) run the same few statements thousands of times a second. Bounded: dynamic SQL (filters)
   * has a handful of shapes, but nothing may grow without limit.
   */
  readonly #statements = new Map<string, Libsql.Statement>();
  #afterCommit: (() => void)[] | null = null;

  private constructor(path: string, db: Libsql.Database) {
    this.path = path;
    this.#db = db;
  }

  /**
   * Opens (creating if needed) `<dataDir>/max.db` — or `<dataDir>/<file>`, another database with its own
   * `migrations` (the blob store's) — and brings its schema up to date.
   */
  static open(dataDir: string, options: { migrations?: readonly Migration[]; file?: string } = {}): Database {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const path = join(dataDir, options.file ?? 'max.db');
    const raw = new Libsql(path, { timeout: BUSY_TIMEOUT_MS });
    const db = new Database(path, raw);
    try {
      raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      raw.pragma('journal_mode = WAL');
      raw.pragma('foreign_keys = ON');
      // NORMAL is durable across application crashes in WAL mode; only an OS crash may lose the last commit.
      raw.pragma('synchronous = NORMAL');
      db.#migrate(options.migrations ?? defaultMigrations);
    } catch (error) {
      raw.close();
      throw error;
    }
    return db;
  }

  #migrate(list: readonly Migration[]): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const apply = this.#db.transaction(() => {
      // Re-read inside the (immediate) transaction: two processes opening a fresh data dir at
      // once must not both apply migration 1.
      const applied = new Set(
        this.all<{ version: number }>('SELECT version FROM schema_migrations').map((row) => row.version),
      );
      for (const migration of [...list].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        this.#db.exec(migration.sql);
        this.run('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)', [
          migration.version,
          migration.name,
          Date.now(),
        ]);
      }
    });
    apply.immediate();
  }

  /** Versions recorded in `schema_migrations`, ascending. */
  appliedMigrations(): number[] {
    return this.all<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version').map((r) => r.version);
  }

  run(sql: string, params: Params = []): { changes: number } {
    const result = this.#prepare(sql).run(params as never);
    return { changes: Number(result.changes) };
  }

  get<T>(sql: string, params: Params = []): T | undefined {
    const row = this.#prepare(sql).get(params as never);
    return row === undefined ? undefined : stripMetadata<T>(row);
  }

  all<T>(sql: string, params: Params = []): T[] {
    return this.#prepare(sql).all(params as never).map((row) => stripMetadata<T>(row));
  }

  /**
   * {@link all} for result sets of thousands of rows: SQLite builds the rows as one JSON array, which is one native
   * call instead of one per row (5,000 apps: ~4 ms instead of ~20 ms). Columns must be TEXT, INTEGER, REAL or NULL
   * (no BLOBs: JSON has no bytes). The rows keep the order of `sql`, which must therefore have `ORDER BY … LIMIT`:
   * SQLite never flattens a subquery with a LIMIT into an aggregate, so the aggregate reads it in that order.
   */
  allAsJson<T>(sql: string, params: Params = []): T[] {
    if (!/\bORDER BY\b[\s\S]*\bLIMIT\b/i.test(sql)) throw new Error('allAsJson() needs a query with ORDER BY … LIMIT');
    const columns = this.#prepare(sql).columns().map((column) => column.name);
    const pairs = columns.map((name) => `'${name.replaceAll("'", "''")}', "${name.replaceAll('"', '""')}"`).join(', ');
    const row = this.#prepare(`SELECT json_group_array(json_object(${pairs})) AS rows FROM (${sql})`).get(params as never) as
      | { rows: string }
      | undefined;
    return row === undefined ? [] : (JSON.parse(row.rows) as T[]);
  }

  #prepare(sql: string): Libsql.Statement {
    let statement = this.#statements.get(sql);
    if (statement === undefined) {
      statement = this.#db.prepare(sql);
      if (this.#statements.size >= MAX_CACHED_STATEMENTS) this.#statements.delete(this.#statements.keys().next().value as string);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `fn` in an IMMEDIATE transaction (takes the write lock up front, so the busy timeout
   * applies at BEGIN instead of failing mid-transaction). Nested calls join the outer transaction.
   * Callbacks registered with {@link afterCommit} run once the outermost transaction committed.
   */
  transaction<T>(fn: () => T): T {
    if (this.#afterCommit) return fn();
    const callbacks: (() => void)[] = [];
    this.#afterCommit = callbacks;
    let result: T;
    try {
      result = this.#db.transaction(fn).immediate();
    } finally {
      this.#afterCommit = null;
    }
    for (const callback of callbacks) callback();
    return result;
  }

  /** True while inside {@link transaction}. */
  get inTransaction(): boolean {
    return this.#afterCommit !== null;
  }

  /** Schedules `callback` after the current transaction commits. Throws outside a transaction. */
  afterCommit(callback: () => void): void {
    if (!this.#afterCommit) throw new Error('afterCommit() called outside a transaction');
    this.#afterCommit.push(callback);
  }

  close(): void {
    if (this.#db.open) this.#db.close();
  }
}

/** libsql adds a `_metadata` property to rows; callers get plain column objects. */
function stripMetadata<T>(row: unknown): T {
  const { _metadata: _ignored, ...rest } = row as Record<string, unknown>;
  return rest as T;
}

/** True when `error` is SQLite's UNIQUE constraint failure. */
export function isUniqueViolation(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (error as { code: unknown }).code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
