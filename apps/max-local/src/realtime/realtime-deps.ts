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
  /** Whether `POST /api/v1/events/{id}/revert` can undo it. */
  revertible?: boolean;
  /** RFC 3339. */
  created_at: string;
}

/** The credential a socket was opened with; revoking it closes the socket (4401 `token_revoked`). */
export interface RealtimeCredential {
  kind: 'access_token' | 'api_token';
  /** The token row's id (never the token itself). */
  id: string;
}

export interface RealtimeIdentity {
  userId: string;
  /** When the credential stops being valid; the socket is closed then (null: never). */
  expiresAt: Date | null;
  /** Which credential this is, so its revocation can close the socket. Absent: revocation is not tracked. */
  credential?: RealtimeCredential;
  /** The credential's scope (`read`, `deploy`, `admin`); topics that execute code (`shell`, `exec`) check it. */
  scope?: string;
  /** The only network the credential may touch (OIDC-minted tokens); null/absent: all of the user's networks. */
  network?: string | null;
}

export interface RealtimeEventSource {
  /** Durable catch-up: events of `userId` with `seq > afterSeq`, ascending, at most `limit`. */
  listAfter(userId: string, afterSeq: number, limit: number): EventRecord[] | Promise<EventRecord[]>;
  /** Live tail, called after each commit in commit order. Returns the unsubscribe function. */
  subscribe(listener: (userId: string, event: EventRecord) => void): () => void;
  /** The newest seq of the user (0 when none): the join reply's `last_seq`, where a join without a cursor starts. */
  latestSeq(userId: string): number | Promise<number>;
  /**
   * The oldest seq still retained for the user (events before it were pruned), for sources with retention.
   * Absent: nothing is ever pruned (max-local's EventLog keeps every event).
   */
  earliestSeq?(userId: string): number | Promise<number>;
}

export interface RealtimeDeps {
  /** Resolves a bearer token (access or API token) to its user, or null when it is missing, bad or expired. */
  authenticate(token: string): Promise<RealtimeIdentity | null>;
  events: RealtimeEventSource;
  /**
   * Calls `listener` (after the commit) with every credential that was just revoked, so sockets opened with
   * one of them are closed at once instead of living on until expiry. Returns the unsubscribe function.
   */
  onCredentialRevoked?(listener: (credentials: readonly RealtimeCredential[]) => void): () => void;
  /**
   * The network a topic's resource belongs to, for sockets of network-bound credentials: a name, `null` when the
   * user has no such resource (the family answers its own not_found), or undefined when the topic cannot be
   * checked (such a socket may not join it). Without this, a network-bound socket may join no topic at all.
   */
  topicNetwork?(topic: string, userId: string): string | null | undefined;
}
