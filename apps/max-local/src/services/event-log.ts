import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { newId } from '../auth/secrets.js';

/**
 * The audit/event log. Every state change appends one event in the SAME transaction as the
 * change, so the log can never disagree with the data. Events are numbered per user (`seq`,
 * gap-free, starting at 1), which is what resumable consumers need: "give me everything after N".
 *
 * Interface for consumers (the realtime `events:<user>` channel builds on exactly this):
 * - {@link EventLog.listAfter} — durable catch-up: events of a user with `seq > afterSeq`, ascending.
 * - {@link EventLog.latestSeq} — the user's newest seq: where "live from now" starts (the join reply's `last_seq`).
 * Events are never pruned (there is no retention), so `listAfter(user, 0, …)` always returns the whole history
 * from seq 1 and the `events` channel never has to report a retention gap.
 * - {@link EventLog.subscribe} — live tail: called synchronously after each commit, in commit order,
 *   for events appended by THIS process. Events written by another process on the same data dir
 *   (e.g. `max-local token create`) are visible through `listAfter` only.
 * A channel joins by subscribing first, then calling `listAfter(user, cursor)`, and de-duplicates by
 * `seq` — that ordering loses nothing and repeats nothing.
 */
export type ActorType = 'user' | 'api_token' | 'system';

export interface EventActor {
  type: ActorType;
  id: string;
  email: string | null;
}

export interface EventTarget {
  type: string;
  network?: string;
  app?: string;
  id?: string;
}

export interface EventRecord {
  id: string;
  /** The user whose history this event belongs to. */
  userId: string;
  seq: number;
  action: string;
  actor: EventActor;
  target: EventTarget;
  /** Already redacted: never contains token or secret values. */
  details: Record<string, unknown>;
  /** Epoch milliseconds. */
  createdAt: number;
}

export interface AppendEventInput {
  userId: string;
  action: string;
  actor: EventActor;
  target: EventTarget;
  details?: Record<string, unknown>;
}

export type EventListener = (event: EventRecord) => void;

export interface EventQuery {
  network?: string;
  app?: string;
  /** Matches the actor's id (or, as a convenience, the acting user's email). */
  actor?: string;
  /** Exact action, or a prefix when it ends in `.` (e.g. `network.`). */
  action?: string;
  since?: number;
  until?: number;
}

interface EventRow {
  id: string;
  user_id: string;
  seq: number;
  action: string;
  actor_type: ActorType;
  actor_id: string;
  actor_email: string | null;
  target_type: string;
  target_network: string | null;
  target_app: string | null;
  target_id: string | null;
  details: string;
  created_at: number;
}

export class EventLog {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #listeners = new Set<EventListener>();

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
  }

  /**
   * Records an event. Must be called inside `db.transaction(...)`: the event commits or rolls back
   * with the change it describes, and subscribers hear about it only after the commit.
   */
  append(input: AppendEventInput): EventRecord {
    if (!this.#db.inTransaction) throw new Error('EventLog.append must run inside the transaction of the change');
    this.#db.run('UPDATE users SET event_seq = event_seq + 1 WHERE id = ?', [input.userId]);
    const user = this.#db.get<{ event_seq: number }>('SELECT event_seq FROM users WHERE id = ?', [input.userId]);
    if (!user) throw new Error(`EventLog.append: unknown user ${input.userId}`);
    const event: EventRecord = {
      id: newId('evt'),
      userId: input.userId,
      seq: user.event_seq,
      action: input.action,
      actor: input.actor,
      target: input.target,
      details: redact(input.details ?? {}) as Record<string, unknown>,
      createdAt: this.#clock.now(),
    };
    this.#db.run(
      `INSERT INTO events (id, user_id, seq, action, actor_type, actor_id, actor_email, target_type,
         target_network, target_app, target_id, details, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        event.id,
        event.userId,
        event.seq,
        event.action,
        event.actor.type,
        event.actor.id,
        event.actor.email,
        event.target.type,
        event.target.network ?? null,
        event.target.app ?? null,
        event.target.id ?? null,
        JSON.stringify(event.details),
        event.createdAt,
      ],
    );
    this.#db.afterCommit(() => this.#publish(event));
    return event;
  }

  /** Events of `userId` with `seq > afterSeq`, ascending by seq, at most `limit`. */
  listAfter(userId: string, afterSeq: number, limit: number): EventRecord[] {
    return this.#db
      .all<EventRow>('SELECT * FROM events WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?', [
        userId,
        afterSeq,
        limit,
      ])
      .map(fromRow);
  }

  /** The user's highest `seq` so far (0 before the first event): where a live tail starts. */
  latestSeq(userId: string): number {
    return this.#db.get<{ event_seq: number }>('SELECT event_seq FROM users WHERE id = ?', [userId])?.event_seq ?? 0;
  }

  /**
   * Filtered history for the REST API: newest first, only events with `seq < beforeSeq` when given
   * (the cursor), at most `limit`.
   */
  query(userId: string, filters: EventQuery, beforeSeq: number | undefined, limit: number): EventRecord[] {
    const where = ['user_id = ?'];
    const params: (string | number)[] = [userId];
    if (beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(beforeSeq);
    }
    if (filters.network !== undefined) {
      where.push('target_network = ?');
      params.push(filters.network);
    }
    if (filters.app !== undefined) {
      where.push('target_app = ?');
      params.push(filters.app);
    }
    if (filters.actor !== undefined) {
      where.push('(actor_id = ? OR actor_email = ? COLLATE NOCASE)');
      params.push(filters.actor, filters.actor);
    }
    if (filters.action !== undefined) {
      if (filters.action.endsWith('.')) {
        where.push('substr(action, 1, ?) = ?');
        params.push(filters.action.length, filters.action);
      } else {
        where.push('action = ?');
        params.push(filters.action);
      }
    }
    if (filters.since !== undefined) {
      where.push('created_at >= ?');
      params.push(filters.since);
    }
    if (filters.until !== undefined) {
      where.push('created_at < ?');
      params.push(filters.until);
    }
    params.push(limit);
    return this.#db
      .all<EventRow>(`SELECT * FROM events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT ?`, params)
      .map(fromRow);
  }

  /** One event of `userId` by id, or undefined (another user's event is as absent as a missing one). */
  get(userId: string, id: string): EventRecord | undefined {
    const row = this.#db.get<EventRow>('SELECT * FROM events WHERE id = ? AND user_id = ?', [id, userId]);
    return row ? fromRow(row) : undefined;
  }

  /** Registers a live listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  #publish(event: EventRecord): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break the request that made the change, nor other subscribers.
      }
    }
  }
}

function fromRow(row: EventRow): EventRecord {
  const target: EventTarget = { type: row.target_type };
  if (row.target_network !== null) target.network = row.target_network;
  if (row.target_app !== null) target.app = row.target_app;
  if (row.target_id !== null) target.id = row.target_id;
  return {
    id: row.id,
    userId: row.user_id,
    seq: row.seq,
    action: row.action,
    actor: { type: row.actor_type, id: row.actor_id, email: row.actor_email },
    target,
    details: JSON.parse(row.details) as Record<string, unknown>,
    createdAt: row.created_at,
  };
}

const SECRET_KEY = /token|secret|password|passphrase|credential|authorization|cookie|value/i;
const TOKEN_LIKE = /\bmx[apr]_[A-Za-z0-9_-]{8,}/g;

/**
 * Defence in depth: callers should never pass secrets, but if one does, keys that smell like
 * secrets are masked and anything shaped like a Max token is scrubbed from strings.
 */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(TOKEN_LIKE, '[redacted]');
  if (Array.isArray(value)) return value.map(redact);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && !key.endsWith('_id') ? '[redacted]' : redact(inner);
    }
    return out;
  }
  return value;
}
