/** A source of the current time in epoch milliseconds; injectable so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** RFC 3339 (UTC, millisecond precision) for the wire. */
export function toRfc3339(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

export function toRfc3339OrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : toRfc3339(epochMs);
}
