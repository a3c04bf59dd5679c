import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error.js';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface RateLimitRule {
  /** Sustained requests per second. */
  perSecond: number;
  /** How many requests may come at once (the bucket's size). */
  burst: number;
}

/**
 * Rate limits of the REST API and the socket endpoint. Generous by default — a test suite, the demo and the
 * benchmarks (thousands of requests a second on loopback) never meet them; they exist to stop a runaway script.
 */
export interface RateLimitOptions {
  /** Per bearer token (each distinct token: API token, access token). Default 1,000/s, burst 5,000. */
  perToken?: RateLimitRule | false;
  /** Per client IP address, all tokens and anonymous requests together. Default 2,000/s, burst 10,000. */
  perIp?: RateLimitRule | false;
  /** Frames a client may send on one socket. Default 500/s, burst 2,000. */
  perSocketFrames?: RateLimitRule | false;
}

export const DEFAULT_RATE_LIMITS = {
  perToken: { perSecond: 1_000, burst: 5_000 },
  perIp: { perSecond: 2_000, burst: 10_000 },
  perSocketFrames: { perSecond: 500, burst: 2_000 },
} as const satisfies Required<RateLimitOptions>;

/** Buckets untouched this long are full again anyway and are dropped, so the map cannot grow without bound. */
const IDLE_EVICT_MS = 60_000;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/**
 * One token bucket per key. `take` answers how long to wait when the bucket is empty: that becomes
 * `Retry-After`. Time comes from `now()` so tests can drive it.
 */
export class TokenBuckets {
  readonly #rule: RateLimitRule;
  readonly #now: () => number;
  readonly #buckets = new Map<string, Bucket>();
  #lastSweep = 0;

  constructor(rule: RateLimitRule, now: () => number = () => performance.now()) {
    if (!(rule.perSecond > 0) || !(rule.burst >= 1)) throw new RangeError('a rate limit needs perSecond > 0 and burst >= 1');
    this.#rule = rule;
    this.#now = now;
  }

  /** Takes one token for `key`: `0` when allowed, else the milliseconds until one is available. */
  take(key: string): number {
    const now = this.#now();
    this.#sweep(now);
    const bucket = this.#buckets.get(key) ?? { tokens: this.#rule.burst, updatedAt: now };
    bucket.tokens = Math.min(this.#rule.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.#rule.perSecond);
    bucket.updatedAt = now;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - bucket.tokens) / this.#rule.perSecond) * 1000);
  }

  #sweep(now: number): void {
    if (now - this.#lastSweep < IDLE_EVICT_MS) return;
    this.#lastSweep = now;
    for (const [key, bucket] of this.#buckets) if (now - bucket.updatedAt > IDLE_EVICT_MS) this.#buckets.delete(key);
  }
}

/** What a request is counted against. */
export interface RateLimitSubject {
  ip: string;
  /** The bearer token as sent, if any (hashed before it is used as a key; never stored or logged). */
  token: string | undefined;
}

/** The REST limits and the socket endpoint's upgrade check share the same buckets: a socket is a request too. */
export class RateLimiter {
  readonly #perToken: TokenBuckets | undefined;
  readonly #perIp: TokenBuckets | undefined;
  readonly frameRule: RateLimitRule | undefined;

  constructor(options: RateLimitOptions = {}, now?: () => number) {
    const rule = <K extends keyof RateLimitOptions>(key: K): RateLimitRule | undefined => {
      const value = options[key];
      return value === false ? undefined : (value ?? DEFAULT_RATE_LIMITS[key]);
    };
    const perToken = rule('perToken');
    const perIp = rule('perIp');
    this.#perToken = perToken ? new TokenBuckets(perToken, now) : undefined;
    this.#perIp = perIp ? new TokenBuckets(perIp, now) : undefined;
    this.frameRule = rule('perSocketFrames');
  }

  /** `undefined` when the request may proceed; otherwise which limit it hit and how long to wait. */
  check(subject: RateLimitSubject): { limit: 'ip' | 'token'; retryAfterMs: number } | undefined {
    const ipWait = this.#perIp?.take(subject.ip) ?? 0;
    if (ipWait > 0) return { limit: 'ip', retryAfterMs: ipWait };
    if (subject.token === undefined || !this.#perToken) return undefined;
    const key = createHash('sha256').update(subject.token).digest('base64url');
    const tokenWait = this.#perToken.take(key);
    return tokenWait > 0 ? { limit: 'token', retryAfterMs: tokenWait } : undefined;
  }
}

/** The bearer token of an `Authorization` header, unchecked (authentication comes later). */
export function bearerOf(header: string | undefined): string | undefined {
  const match = header === undefined ? null : /^Bearer[ ]+(\S{1,512})[ ]*$/i.exec(header);
  return match?.[1];
}

/** `Retry-After` is whole seconds; never 0, or a client would retry at once into the same empty bucket. */
export function retryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

/** The 429 in the API's one error shape (`rate_limited`, spec `components.responses.RateLimited`). */
export function rateLimited(hit: { limit: 'ip' | 'token'; retryAfterMs: number }): ApiError {
  const seconds = retryAfterSeconds(hit.retryAfterMs);
  const who = hit.limit === 'token' ? 'this token' : 'this address';
  return new ApiError(429, 'rate_limited', `Too many requests from ${who}; retry in ${seconds} s.`, {
    details: { limit: hit.limit, retry_after_seconds: seconds },
    headers: { 'retry-after': String(seconds) },
  });
}

/**
 * Counts every API request (not `/healthz`, not the approval web pages' static assets) against its IP and its
 * bearer token before anything else runs, and answers 429 + `Retry-After` past the limit.
 */
export function registerRateLimit(app: FastifyInstance, limiter: RateLimiter): void {
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const hit = limiter.check({ ip: request.ip, token: bearerOf(request.headers.authorization) });
    if (hit) throw rateLimited(hit);
  });
}
