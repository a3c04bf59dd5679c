import { UsageError } from '../errors/cli-error.js';

const UNITS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/**
 * A time flag: an ISO 8601 / RFC 3339 time (`2026-01-31T12:00:00Z`, or a date `2026-01-31` = midnight UTC),
 * or a duration ago (`30s`, `30m`, `2h`, `7d`, `1w`). Returns RFC 3339 in UTC, as the API expects.
 */
export function parseTimeFlag(flag: string, value: string, now: number = Date.now()): string {
  const relative = /^(\d+)([smhdw])$/.exec(value.trim());
  if (relative) return new Date(now - Number(relative[1]) * (UNITS[relative[2] ?? ''] ?? 0)).toISOString();
  if (/^\d{4}-\d\d-\d\d([T ]\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:?\d\d)?)?$/.test(value.trim())) {
    const parsed = Date.parse(value.trim());
    if (!Number.isNaN(parsed)) return new Date(parsed).toISOString();
  }
  throw new UsageError(`Invalid time for --${flag}: "${value}".`, 'Use an ISO 8601 time (2026-01-31T12:00:00Z) or a duration ago: 30m, 2h, 7d.');
}
