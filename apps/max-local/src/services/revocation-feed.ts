import type { Database } from '../db/database.js';

/** A revoked credential as the feed carries it (the row id of an access token or API token, never a secret). */
export interface FeedCredential {
  kind: 'access_token' | 'api_token';
  id: string;
}

/** Rows older than this are dropped: every server polling the data dir has long seen them. */
const RETENTION_MS = 24 * 3600 * 1000;

/**
 * Appends revocations to the `revocations` table, in the caller's transaction, so that they commit (or roll back)
 * with the revocation itself. Every process on the data dir does this — a server, and `max-local token revoke`.
 */
export function recordRevocations(db: Database, credentials: readonly FeedCredential[], now: number): void {
  for (const credential of credentials) {
    db.run('INSERT INTO revocations (kind, credential_id, created_at) VALUES (?, ?, ?)', [credential.kind, credential.id, now]);
  }
}

/**
 * Tells a running server about revocations committed by OTHER processes on the same data dir (ADR 0010): a
 * cheap indexed read of the revocation table's tail every `intervalMs`. Revocations this process makes are
 * announced in-process at commit and seen here again later; closing a socket twice is a no-op.
 */
export class RevocationFeed {
  readonly #db: Database;
  readonly #onRevoked: (credentials: FeedCredential[]) => void;
  #lastSeq: number;
  #timer: NodeJS.Timeout | undefined;

  constructor(db: Database, onRevoked: (credentials: FeedCredential[]) => void, now: number) {
    this.#db = db;
    this.#onRevoked = onRevoked;
    db.run('DELETE FROM revocations WHERE created_at < ?', [now - RETENTION_MS]);
    this.#lastSeq = db.get<{ seq: number | null }>('SELECT MAX(seq) AS seq FROM revocations')?.seq ?? 0;
  }

  /** Starts polling; `unref`'d, so it never keeps a process alive on its own. */
  start(intervalMs: number): this {
    this.#timer ??= setInterval(() => this.poll(), intervalMs);
    this.#timer.unref();
    return this;
  }

  /** Reads what was revoked since the last poll and reports it (once per row). */
  poll(): void {
    let rows: { seq: number; kind: string; credential_id: string }[];
    try {
      rows = this.#db.all('SELECT seq, kind, credential_id FROM revocations WHERE seq > ? ORDER BY seq LIMIT 1000', [this.#lastSeq]);
    } catch {
      // The database is closing (shutdown races the timer) or busy beyond its timeout: try again next tick.
      return;
    }
    const last = rows.at(-1);
    if (!last) return;
    this.#lastSeq = last.seq;
    const credentials = rows.flatMap((row): FeedCredential[] =>
      row.kind === 'access_token' || row.kind === 'api_token' ? [{ kind: row.kind, id: row.credential_id }] : [],
    );
    if (credentials.length > 0) this.#onRevoked(credentials);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }
}
