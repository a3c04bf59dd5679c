import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from './backoff.js';

afterEach(() => vi.useRealTimers());

describe('Backoff', () => {
  it('grows exponentially up to the cap', () => {
    const backoff = new Backoff({ initialMs: 100, factor: 2, maxMs: 1_000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => backoff.next())).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(backoff.attempt).toBe(6);
  });

  it('jitters downwards within the jitter fraction', () => {
    const low = new Backoff({ initialMs: 1_000, jitter: 0.5 }, () => 1);
    const high = new Backoff({ initialMs: 1_000, jitter: 0.5 }, () => 0);
    expect(low.next()).toBe(500);
    expect(high.next()).toBe(1_000);
  });

  it('resets only after the connection stayed up for the stable period', () => {
    vi.useFakeTimers();
    const backoff = new Backoff({ initialMs: 100, jitter: 0, stablePeriodMs: 5_000 });
    backoff.next();
    backoff.next();
    backoff.opened();
    vi.advanceTimersByTime(4_999);
    backoff.dropped(); // flapping: dropped before it was stable
    expect(backoff.next()).toBe(400);
    backoff.opened();
    vi.advanceTimersByTime(5_000);
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(100);
    backoff.dispose();
  });

  it('starts over once the connection did real work (a channel joined), however short it lived', () => {
    vi.useFakeTimers();
    const backoff = new Backoff({ initialMs: 100, jitter: 0, stablePeriodMs: 10_000 });
    for (let i = 0; i < 5; i += 1) backoff.next();
    expect(backoff.attempt).toBe(5);
    backoff.opened();
    backoff.progressed();
    backoff.dropped(); // cut 2 s later, long before the stable period
    expect(backoff.attempt).toBe(0);
    expect(backoff.next()).toBe(100);
    backoff.dispose();
  });
});
