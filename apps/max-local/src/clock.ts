/** A source of the current time in epoch milliseconds; injectable so tests can move time. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Year 10000: from there on `toISOString` writes six-digit years, which the fast road below does not. */
const YEAR_10000 = 253_402_300_800_000;
let minuteCached = Number.NaN;
let minutePrefix = '';

/**
 * RFC 3339 (UTC, millisecond precision) for the wire: `Date#toISOString`'s text. Lists of thousands of rows
 * written within minutes of each other (5,000 apps: ~5 ms of a 30 ms request) format the date and the minute
 * once and only the seconds per value.
 */
export function toRfc3339(epochMs: number): string {
  if (!Number.isSafeInteger(epochMs) || epochMs < 0 || epochMs >= YEAR_10000) return new Date(epochMs).toISOString();
  const minute = Math.floor(epochMs / 60_000);
  if (minute !== minuteCached) {
    minutePrefix = new Date(minute * 60_000).toISOString().slice(0, 17); // "2026-12-03T19:03:"
    minuteCached = minute;
  }
  const withinMinute = epochMs - minute * 60_000;
  const seconds = Math.floor(withinMinute / 1000);
  const millis = withinMinute - seconds * 1000;
  return `${minutePrefix}${seconds < 10 ? '0' : ''}${seconds}.${millis < 10 ? '00' : millis < 100 ? '0' : ''}${millis}Z`;
}

export function toRfc3339OrNull(epochMs: number | null): string | null {
  return epochMs === null ? null : toRfc3339(epochMs);
}
