import { describe, expect, it } from 'vitest';
import { relativeTime } from './relative-time.js';

describe('relativeTime', () => {
  const now = Date.parse('2026-11-24T12:00:00Z');
  it.each([
    ['2026-11-24T11:59:30Z', 'just now'],
    ['2026-11-24T11:59:00Z', '1 minute ago'],
    ['2026-11-24T09:00:00Z', '3 hours ago'],
    ['2026-11-23T12:00:00Z', '1 day ago'],
    ['2025-11-24T12:00:00Z', '1 year ago'],
    ['2026-11-24T14:00:00Z', 'in 2 hours'],
    ['not a time', 'not a time'],
  ])('%s → %s', (iso, expected) => expect(relativeTime(iso, now)).toBe(expected));
});
