import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DEFAULT_RATE_LIMITS, RateLimiter, TokenBuckets } from '../src/http/rate-limit.js';
import { createApiToken, startMaxLocal, type MaxLocal } from '../src/index.js';
import { assertMatchesSpec } from './helpers/spec-validator.js';
import { RawClient, tokenProtocol } from './realtime/harness.js';

describe('TokenBuckets', () => {
  it('allows a burst, then answers how long until the next token, refilling at the rate', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perSecond: 2, burst: 3 }, () => now);
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a')]).toEqual([0, 0, 0]);
    expect(buckets.take('a')).toBe(500);
    expect(buckets.take('b')).toBe(0); // another key has its own bucket
    now += 500;
    expect(buckets.take('a')).toBe(0);
    expect(buckets.take('a')).toBe(500);
    now += 10_000; // never more than the burst
    expect([buckets.take('a'), buckets.take('a'), buckets.take('a'), buckets.take('a') > 0]).toEqual([0, 0, 0, true]);
  });

  it('counts per IP before per token, and leaves anonymous requests to the IP limit', () => {
    const now = 0;
    const limiter = new RateLimiter({ perIp: { perSecond: 1, burst: 3 }, perToken: { perSecond: 1, burst: 1 } }, () => now);
    expect(limiter.check({ ip: '1', token: 't' })).toBeUndefined();
    expect(limiter.check({ ip: '1', token: 't' })).toEqual({ limit: 'token', retryAfterMs: 1000 });
    expect(limiter.check({ ip: '1', token: undefined })).toBeUndefined();
    expect(limiter.check({ ip: '1', token: 'other' })).toEqual({ limit: 'ip', retryAfterMs: 1000 });
    expect(new RateLimiter({ perIp: false, perToken: false }, () => now).check({ ip: '1', token: 't' })).toBeUndefined();
  });

  it('defaults are generous: far above what the test suite, the demo and the benchmarks send', () => {
    expect(DEFAULT_RATE_LIMITS.perToken.burst).toBeGreaterThanOrEqual(5_000);
    expect(DEFAULT_RATE_LIMITS.perToken.perSecond).toBeGreaterThanOrEqual(1_000);
  });
});

describe('rate limits in max-local', () => {
  let dir: string;
  let max: MaxLocal;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'max-local-ratelimit-'));
    token = await createApiToken({ dataDir: dir });
    // A slow refill, so that the test cannot race the bucket back to full.
    max = await startMaxLocal({
      port: 0,
      dataDir: dir,
      rateLimit: { perToken: { perSecond: 0.2, burst: 5 }, perIp: { perSecond: 0.5, burst: 12 }, perSocketFrames: { perSecond: 0.2, burst: 5 } },
    });
  });
  afterAll(async () => {
    await max?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const get = async (path: string, bearer: string | null) => {
    const response = await fetch(`${max.url}/api/v1${path}`, { headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });
    return { status: response.status, headers: response.headers, text: await response.text() };
  };

  it('a burst past the per-token limit gets 429 rate_limited with Retry-After, in the spec’s error shape', async () => {
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof get>> | undefined;
    for (let i = 0; i < 8; i++) {
      const response = await get('/me', token);
      statuses.push(response.status);
      if (response.status === 429) limited ??= response;
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    if (!limited) throw new Error('no 429');
    assertMatchesSpec('GET', '/api/v1/me', limited);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(JSON.parse(limited.text)).toMatchObject({
      error: { code: 'rate_limited', details: { limit: 'token', retry_after_seconds: retryAfter }, request_id: expect.any(String) },
    });
    // Another token is not affected by this one's limit; the IP limit is higher.
    expect((await get('/me', await createApiToken({ dataDir: dir, name: 'other' }))).status).toBe(200);
  });

  it('a socket upgrade counts too: HTTP 429 with Retry-After when the token is over its limit', async () => {
    const port = Number(new URL(max.url).port);
    const status = await new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/socket/websocket?vsn=2.0.0`, ['phoenix', tokenProtocol(token)]);
      ws.on('unexpected-response', (_request, response) => {
        resolve({ status: response.statusCode ?? 0, retryAfter: response.headers['retry-after'] });
        ws.terminate();
      });
      ws.on('open', () => {
        resolve({ status: 101, retryAfter: undefined });
        ws.close();
      });
      ws.on('error', reject);
    });
    expect(status.status).toBe(429);
    expect(Number(status.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('per IP: anonymous requests are limited too, and /healthz never is', async () => {
    let last = 0;
    for (let i = 0; i < 15 && last !== 429; i++) last = (await get('/networks', null)).status;
    expect(last).toBe(429);
    expect((await fetch(`${max.url}/healthz`)).status).toBe(200);
  });
});

describe('socket frame limit', () => {
  let dir: string;
  let max: MaxLocal;
  let token: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'max-local-framelimit-'));
    token = await createApiToken({ dataDir: dir });
    max = await startMaxLocal({ port: 0, dataDir: dir, rateLimit: { perSocketFrames: { perSecond: 0.1, burst: 4 } } });
  });
  afterAll(async () => {
    await max?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a client flooding frames is closed with 4430 rate_limited (not 4429, which is slow_consumer)', async () => {
    const client = await RawClient.open(Number(new URL(max.url).port), { token });
    for (let i = 0; i < 10; i++) client.send([null, String(i), 'phoenix', 'heartbeat', {}]);
    expect(await client.closed).toEqual({ code: 4430, reason: 'rate_limited' });
  });
});
