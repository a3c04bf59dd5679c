/** The observable state of a {@link MaxSocket}. */
export type ConnectionState =
  /** Created; `connect()` not called yet. */
  | { status: 'idle' }
  /** A connection attempt is running (`attempt` 0 is the first one; it counts failed attempts in a row). */
  | { status: 'connecting'; attempt: number }
  | { status: 'open'; since: Date }
  /** Disconnected; the next attempt starts after `delayMs`. */
  | { status: 'reconnecting'; attempt: number; delayMs: number; lastError?: Error }
  /** Closed for good: by `close()`, or by an error that reconnecting cannot fix (then `error` is set). */
  | { status: 'closed'; error?: Error };

export type ConnectionStatus = ConnectionState['status'];
