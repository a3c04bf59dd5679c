import { createHash } from 'node:crypto';
import { conflict } from '../http/api-error.js';
import type { ServiceContext } from './context.js';

/** Stored responses are replayable for 24 hours, as Stripe does. */
export const IDEMPOTENCY_TTL_MS = 24 * 3600 * 1000;
/** A reservation older than this whose request never completed is considered abandoned. */
const STALE_RESERVATION_MS = 60 * 1000;

export type IdempotencyBegin =
  | { kind: 'new' }
  | { kind: 'replay'; statusCode: number; body: string | null };

export interface IdempotencyScope {
  userId: string;
  /** Method and concrete path, e.g. `POST /api/v1/networks/prod/apps`. */
  route: string;
  key: string;
}

/**
 * `Idempotency-Key` on POSTs: the first request with a key reserves it (state `pending`), its
 * response is stored when it completes, and later requests with the same key and body replay it.
 * A different body under the same key is a client bug (409 idempotency_key_reused); a duplicate
 * that arrives while the first is still running gets 409 too, instead of running twice.
 */
export class IdempotencyService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  begin(scope: IdempotencyScope, body: unknown): IdempotencyBegin {
    const { db, clock } = this.#ctx;
    const bodyHash = hashBody(body);
    return db.transaction(() => {
      const now = clock.now();
      db.run('DELETE FROM idempotency_keys WHERE created_at < ?', [now - IDEMPOTENCY_TTL_MS]);
      const row = db.get<{
        body_hash: string;
        state: string;
        status_code: number | null;
        response: string | null;
        created_at: number;
      }>(
        'SELECT body_hash, state, status_code, response, created_at FROM idempotency_keys WHERE user_id = ? AND route = ? AND key = ?',
        [scope.userId, scope.route, scope.key],
      );
      if (!row) {
        db.run(
          "INSERT INTO idempotency_keys (user_id, route, key, body_hash, state, created_at) VALUES (?, ?, ?, ?, 'pending', ?)",
          [scope.userId, scope.route, scope.key, bodyHash, now],
        );
        return { kind: 'new' };
      }
      if (row.body_hash !== bodyHash) {
        throw conflict(
          'This Idempotency-Key was already used with a different request body; use a new key for a new request.',
          'idempotency_key_reused',
        );
      }
      if (row.state === 'pending' && row.created_at < now - STALE_RESERVATION_MS) {
        // The first request died without finishing (crash, killed process): let this one run.
        db.run('UPDATE idempotency_keys SET created_at = ? WHERE user_id = ? AND route = ? AND key = ?', [
          now,
          scope.userId,
          scope.route,
          scope.key,
        ]);
        return { kind: 'new' };
      }
      if (row.state === 'pending' || row.status_code === null) {
        throw conflict('A request with this Idempotency-Key is still in progress; retry later.');
      }
      return { kind: 'replay', statusCode: row.status_code, body: row.response };
    });
  }

  /** Stores the final response for replay. */
  complete(scope: IdempotencyScope, statusCode: number, body: string | null): void {
    this.#ctx.db.run(
      "UPDATE idempotency_keys SET state = 'done', status_code = ?, response = ? WHERE user_id = ? AND route = ? AND key = ?",
      [statusCode, body, scope.userId, scope.route, scope.key],
    );
  }

  /** Forgets a reservation whose request failed on the server side, so a retry can run. */
  abandon(scope: IdempotencyScope): void {
    this.#ctx.db.run("DELETE FROM idempotency_keys WHERE user_id = ? AND route = ? AND key = ? AND state = 'pending'", [
      scope.userId,
      scope.route,
      scope.key,
    ]);
  }
}

/** SHA-256 of the body in canonical JSON (sorted keys), so key order does not matter. */
export function hashBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body ?? null)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
