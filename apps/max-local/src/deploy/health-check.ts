import { request } from 'node:http';
import { connect } from 'node:net';

export interface HealthProbe {
  port: number;
  /** HTTP path to GET (2xx/3xx is healthy); null means "the TCP port accepts connections". */
  path: string | null;
  /** Sent as `Host`, so apps that route by host see their own name. */
  hostHeader?: string;
  /** Per attempt, ms. */
  attemptTimeoutMs?: number;
}

/** One probe attempt: resolves true when healthy, false otherwise (never rejects). */
export function probeOnce(probe: HealthProbe): Promise<boolean> {
  const timeout = probe.attemptTimeoutMs ?? 2000;
  return new Promise((resolve) => {
    if (probe.path === null) {
      const socket = connect({ host: '127.0.0.1', port: probe.port });
      socket.setTimeout(timeout);
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('timeout', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(false));
      return;
    }
    const req = request({
      host: '127.0.0.1',
      port: probe.port,
      path: probe.path,
      method: 'GET',
      agent: false,
      timeout,
      headers: { 'user-agent': 'max-local-health-check', ...(probe.hostHeader ? { host: probe.hostHeader } : {}) },
    });
    req.once('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      resolve(status >= 200 && status < 400);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}

/** First wait between probes when no interval is given; it doubles up to {@link MAX_INTERVAL_MS}. */
const FIRST_INTERVAL_MS = 25;
const MAX_INTERVAL_MS = 200;

/**
 * Polls until the probe succeeds (true), `timeoutMs` passes (false) or `gaveUp()` says to stop (false) — e.g.
 * because the process being checked has already exited. Without `intervalMs` the waits grow 25 → 50 → 100 →
 * 200 ms: most apps listen within ~100 ms of starting, and a flat 200 ms added up to 200 ms to every release.
 */
export async function waitHealthy(
  probe: HealthProbe,
  options: { timeoutMs: number; intervalMs?: number; gaveUp?: () => boolean },
): Promise<boolean> {
  const deadline = Date.now() + options.timeoutMs;
  let wait = options.intervalMs ?? FIRST_INTERVAL_MS;
  for (;;) {
    const interval = wait;
    if (options.intervalMs === undefined) wait = Math.min(wait * 2, MAX_INTERVAL_MS);
    if (options.gaveUp?.()) return false;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return false;
    if (await probeOnce({ ...probe, attemptTimeoutMs: Math.min(probe.attemptTimeoutMs ?? 2000, Math.max(remaining, 50)) })) {
      return !options.gaveUp?.();
    }
    await new Promise((r) => setTimeout(r, Math.min(interval, Math.max(0, deadline - Date.now()))));
  }
}
