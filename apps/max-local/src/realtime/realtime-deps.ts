/**
 * What the realtime endpoint needs from the rest of max-local. Kept as plain functions so tests can run
 * the endpoint with in-memory fakes and max-local can wire its TokenService and EventLog in (see
 * `realtimeDepsFromServices`).
 */

/** The wire `Event` of the Max API (`GET /api/v1/events`), exactly as the `events:<user>` channel pushes it. */
export interface EventRecord {
  id: string;
  /** Monotonic per user, gap-free, from 1. */
  seq: number;
  action: string;
  actor: { type: 'user' | 'api_token' | 'system'; id: string; email: string | null };
  target: { type: string; network?: string; app?: string; id?: string };
  details: Record<string, unknown>;
  /** RFC 3339. */
  created_at: string;
}

export interface RealtimeIdentity {
  userId: string;
  /** When the credential stops being valid; the socket is closed then (null: never). */
  expiresAt: Date | null;
}

export interface RealtimeEventSource {
  /** Durable catch-up: events of `userId` with `seq > afterSeq`, ascending, at most `limit`. */
  listAfter(userId: string, afterSeq: number, limit: number): EventRecord[] | Promise<EventRecord[]>;
  /** Live tail, called after each commit in commit order. Returns the unsubscribe function. */
  subscribe(listener: (userId: string, event: EventRecord) => void): () => void;
  /** The oldest seq still retained for the user (events before it were pruned). Absent: nothing is pruned. */
  earliestSeq?(userId: string): number | Promise<number>;
  /** The newest seq of the user (0 when none). Lets a join without a cursor answer where "now" is. */
  latestSeq?(userId: string): number | Promise<number>;
}

export interface RealtimeDeps {
  /** Resolves a bearer token (access or API token) to its user, or null when it is missing, bad or expired. */
  authenticate(token: string): Promise<RealtimeIdentity | null>;
  events: RealtimeEventSource;
}
