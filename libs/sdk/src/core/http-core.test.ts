import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import {
  apiError,
  connectionRefused,
  createFakeFetch,
  hang,
  json,
  noContent,
  text,
  type Responder,
} from '../../test/fake-fetch.js';
import {
  MaxAbortError,
  MaxApiError,
  MaxAuthenticationError,
  MaxConnectionError,
  MaxRateLimitError,
  MaxTimeoutError,
} from '../errors/error-classes.js';
import { isMaxError, type MaxError } from '../errors/max-error.js';
import { HttpCore, type HttpCoreOptions, type HttpMethod, type SendSpec } from './http-core.js';
import { resolveRetryOptions } from './retry-policy.js';
import type { TraceEvent } from './trace-event.js';

const ThingSchema = z.object({ id: z.string() });
const ACCESS = 'mxa_SECRETaccess111';
const FRESH = 'mxa_SECRETfresh222';

function setup(responders: Responder[], options: Partial<HttpCoreOptions> = {}) {
  const fake = createFakeFetch(...responders);
  const traces: TraceEvent[] = [];
  const core = new HttpCore({
    apiUrl: 'http://max.test/',
    fetch: fake.fetch,
    timeoutMs: 1000,
    // Tiny delays keep the retry tests fast without fake timers.
    retry: resolveRetryOptions({ baseDelayMs: 1, maxDelayMs: 50 }),
    onTrace: (e) => traces.push(e),
    ...options,
  });
  return { core, fake, traces };
}

function spec(method: HttpMethod, extra: Partial<SendSpec<{ id: string }>> = {}): SendSpec<{ id: string }> {
  return { operation: 'things.do', method, path: '/api/v1/things', responseSchema: ThingSchema, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<MaxError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isMaxError(error)) throw error;
  return error;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('HttpCore requests', () => {
  it('joins apiUrl and path, sends JSON, accept, user agent and query params (skipping undefined/null)', async () => {
    const { core, fake } = setup([json(200, { id: 'a' })], { userAgent: 'rig/1.2.3' });
    const result = await core.send(
      spec('PATCH', { body: { description: 'x' }, query: { q: 'we b', limit: 5, force: true, cursor: undefined, n: null } }),
    );
    expect(result).toEqual({ id: 'a' });
    const [request] = fake.requests;
    expect(request?.url).toBe('http://max.test/api/v1/things?q=we+b&limit=5&force=true');
    expect(request?.method).toBe('PATCH');
    expect(request?.body).toEqual({ description: 'x' });
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['accept']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('rig/1.2.3 rig-sdk/0.1.0');
    expect(request?.headers['idempotency-key']).toBeUndefined();
    expect(request?.headers['authorization']).toBeUndefined();
  });

  it('keeps a path prefix in apiUrl', async () => {
    const { core, fake } = setup([json(200, { id: 'a' })], { apiUrl: 'https://example.test/max/' });
    await core.send(spec('GET'));
    expect(fake.requests[0]?.url).toBe('https://example.test/max/api/v1/things');
  });

  it('adds an Idempotency-Key to every POST, a fresh one per call, or the caller’s', async () => {
    const { core, fake } = setup([json(201, { id: 'a' }), json(201, { id: 'b' }), json(201, { id: 'c' })]);
    await core.send(spec('POST', { body: {} }));
    await core.send(spec('POST', { body: {} }));
    await core.send(spec('POST', { body: {}, options: { idempotencyKey: 'mine' } }));
    const keys = fake.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys[2]).toBe('mine');
  });

  it('returns undefined for operations without a body (204)', async () => {
    const { core } = setup([noContent()]);
    await expect(core.send({ ...spec('DELETE'), responseSchema: null })).resolves.toBeUndefined();
  });
});

describe('HttpCore retries', () => {
  it.each([
    ['GET', 503, 2],
    ['PUT', 502, 2],
    ['DELETE', 504, 2],
    ['GET', 408, 2],
    ['GET', 429, 2],
    ['POST', 503, 2],
    ['PATCH', 503, 1],
    ['GET', 500, 1],
    ['GET', 400, 1],
    ['GET', 401, 1],
    ['GET', 403, 1],
    ['GET', 404, 1],
    ['GET', 409, 1],
    ['GET', 422, 1],
  ] as const)('%s answered %i first → %i attempts', async (method, status, attempts) => {
    const { core, fake } = setup([apiError(status, 'some_code'), json(200, { id: 'ok' })]);
    const outcome = core.send(spec(method, method === 'GET' ? {} : { body: {} }));
    if (attempts === 2) await expect(outcome).resolves.toEqual({ id: 'ok' });
    else await expect(outcome).rejects.toMatchObject({ status, code: 'some_code' });
    expect(fake.requests).toHaveLength(attempts);
  });

  it('reuses the same Idempotency-Key on every attempt of a POST', async () => {
    const { core, fake } = setup([apiError(503, 'unavailable'), connectionRefused(), json(201, { id: 'ok' })]);
    await core.send(spec('POST', { body: { name: 'x' } }));
    expect(fake.requests).toHaveLength(3);
    const keys = new Set(fake.requests.map((r) => r.headers['idempotency-key']));
    expect(keys.size).toBe(1);
    expect([...keys][0]).toBeTruthy();
  });

  it('stops after retry.limit retries and throws the last error', async () => {
    const { core, fake } = setup([apiError(503, 'a'), apiError(503, 'b'), apiError(503, 'c'), json(200, { id: 'x' })]);
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxApiError);
    expect(error.code).toBe('c');
    expect(fake.requests).toHaveLength(3);
  });

  it('honours retry.limit and retry: false', async () => {
    const limited = setup([apiError(503, 'a'), apiError(503, 'b'), json(200, { id: 'x' })], {
      retry: resolveRetryOptions({ limit: 1, baseDelayMs: 1 }),
    });
    await expect(limited.core.send(spec('GET'))).rejects.toMatchObject({ code: 'b' });
    expect(limited.fake.requests).toHaveLength(2);
    const off = setup([apiError(503, 'a'), json(200, { id: 'x' })], { retry: resolveRetryOptions(false) });
    await expect(off.core.send(spec('GET'))).rejects.toMatchObject({ code: 'a' });
    expect(off.fake.requests).toHaveLength(1);
  });

  it('retries connection errors, then throws MaxConnectionError', async () => {
    const { core, fake } = setup([connectionRefused(), connectionRefused(), connectionRefused()]);
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxConnectionError);
    expect(error.code).toBe('connection_failed');
    expect(error.message).toContain('http://max.test');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.status).toBeUndefined();
    expect(fake.requests).toHaveLength(3);
  });

  it('honours Retry-After seconds (capped at maxDelayMs) and reports it', async () => {
    vi.useFakeTimers();
    const { core, fake, traces } = setup(
      [apiError(429, 'rate_limited', 'slow down', { headers: { 'retry-after': '7' } }), json(200, { id: 'ok' })],
      { retry: resolveRetryOptions({ maxDelayMs: 60_000 }) },
    );
    const result = core.send(spec('GET'));
    await vi.advanceTimersByTimeAsync(6_900);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toEqual({ id: 'ok' });
    expect(fake.requests).toHaveLength(2);
    expect(traces.find((t) => t.type === 'response' && t.status === 429)?.retryInMs).toBe(7000);
  });

  it('honours a Retry-After HTTP date', async () => {
    vi.useFakeTimers({ now: Date.parse('2025-01-01T00:00:00Z') });
    const { core, fake } = setup(
      [apiError(503, 'unavailable', 'x', { headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:03 GMT' } }), json(200, { id: 'ok' })],
      { retry: resolveRetryOptions({}) },
    );
    const result = core.send(spec('GET'));
    await vi.advanceTimersByTimeAsync(2_900);
    expect(fake.requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(result).resolves.toEqual({ id: 'ok' });
  });

  it('a Retry-After longer than maxDelayMs is not cut short: the call fails at once, with the wait in the error', async () => {
    const { core, fake } = setup(
      [apiError(429, 'rate_limited', 'x', { headers: { 'retry-after': '3600' } }), json(200, { id: 'ok' })],
      { retry: resolveRetryOptions({ maxDelayMs: 2000 }) },
    );
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxRateLimitError);
    expect((error as MaxRateLimitError).retryAfterMs).toBe(3_600_000);
    expect(fake.requests).toHaveLength(1);
  });

  it('a 429 on a PATCH is not retried (not idempotent), even with a short Retry-After', async () => {
    const { core, fake } = setup([apiError(429, 'rate_limited', 'x', { headers: { 'retry-after': '1' } }), json(200, { id: 'ok' })], {
      retry: resolveRetryOptions({}),
    });
    expect(await failure(core.send(spec('PATCH')))).toBeInstanceOf(MaxRateLimitError);
    expect(fake.requests).toHaveLength(1);
  });

  it('gives the final 429 as MaxRateLimitError with retryAfterMs', async () => {
    const { core } = setup([apiError(429, 'rate_limited', 'x', { headers: { 'retry-after': '0' } })], {
      retry: resolveRetryOptions(false),
    });
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxRateLimitError);
    expect((error as MaxRateLimitError).retryAfterMs).toBe(0);
  });
});

describe('HttpCore tokens', () => {
  it('sends a string token as a bearer token', async () => {
    const { core, fake } = setup([json(200, { id: 'a' })], { token: ACCESS });
    await core.send(spec('GET'));
    expect(fake.requests[0]?.headers['authorization']).toBe(`Bearer ${ACCESS}`);
  });

  it('on 401 token_expired asks the provider once with forceRefresh and retries once', async () => {
    const provider = vi.fn(async ({ forceRefresh }: { forceRefresh: boolean }) => (forceRefresh ? FRESH : ACCESS));
    const { core, fake } = setup([apiError(401, 'token_expired'), json(201, { id: 'a' })], { token: provider });
    await expect(core.send(spec('POST', { body: {} }))).resolves.toEqual({ id: 'a' });
    expect(provider.mock.calls.map((c) => c[0])).toEqual([
      { forceRefresh: false },
      { forceRefresh: true, rejectedToken: ACCESS },
    ]);
    expect(fake.requests.map((r) => r.headers['authorization'])).toEqual([`Bearer ${ACCESS}`, `Bearer ${FRESH}`]);
    expect(fake.requests[0]?.headers['idempotency-key']).toBe(fake.requests[1]?.headers['idempotency-key']);
  });

  it('does not loop when the refreshed token is rejected again', async () => {
    const provider = vi.fn(async () => ACCESS);
    const { core, fake } = setup(
      [apiError(401, 'token_expired'), apiError(401, 'token_expired'), json(200, { id: 'never' })],
      { token: provider },
    );
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxAuthenticationError);
    expect(error.code).toBe('token_expired');
    expect(provider).toHaveBeenCalledTimes(2);
    expect(fake.requests).toHaveLength(2);
  });

  it.each(['unauthenticated', 'invalid_token', 'token_expired_soon'])('does not refresh on 401 %s', async (code) => {
    const provider = vi.fn(async () => ACCESS);
    const { core, fake } = setup([apiError(401, code), json(200, { id: 'never' })], { token: provider });
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxAuthenticationError);
    expect(error.code).toBe(code);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('cannot refresh a plain string token: token_expired is final', async () => {
    const { core, fake } = setup([apiError(401, 'token_expired'), json(200, { id: 'never' })], { token: ACCESS });
    await expect(core.send(spec('GET'))).rejects.toBeInstanceOf(MaxAuthenticationError);
    expect(fake.requests).toHaveLength(1);
  });

  it('sends no Authorization when the provider returns an empty string', async () => {
    const { core, fake } = setup([json(200, { id: 'a' })], { token: async () => '' });
    await core.send(spec('GET'));
    expect(fake.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('lets a provider’s own error through unchanged', async () => {
    const boom = new Error('not logged in');
    const { core, fake } = setup([], {
      token: async () => {
        throw boom;
      },
    });
    await expect(core.send(spec('GET'))).rejects.toBe(boom);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('HttpCore malformed responses', () => {
  it.each([
    ['a non-JSON body', text(200, '<html>oops</html>'), 'body is not JSON'],
    ['an empty body', text(200, ''), 'empty body'],
    ['a schema mismatch', json(200, { id: 42 }), 'does not match the documented schema (/id:'],
    ['a missing field', json(200, { name: 'x' }), '/id'],
  ])('%s → MaxApiError malformed_response naming the operation', async (_label, responder, fragment) => {
    const { core } = setup([responder]);
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxApiError);
    expect(error.code).toBe('malformed_response');
    expect(error.status).toBe(200);
    expect(error.message).toContain('things.do');
    expect(error.message).toContain(fragment);
    expect(error.cause).toBeUndefined();
  });

  it('keeps body values out of schema-mismatch errors', async () => {
    const { core } = setup([json(200, { id: { leaked: ACCESS } })]);
    const error = await failure(core.send(spec('GET')));
    expect(JSON.stringify(error)).not.toContain('SECRET');
  });

  it('maps an error status with a non-JSON body by its status', async () => {
    const { core } = setup([text(502, '<html>bad gateway</html>')], { retry: resolveRetryOptions(false) });
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxApiError);
    expect(error.code).toBe('http_502');
    expect(error.message).toContain('things.do failed with HTTP 502');
  });
});

describe('HttpCore abort and timeout', () => {
  it('rejects with MaxAbortError when the signal is already aborted, without sending', async () => {
    const { core, fake } = setup([json(200, { id: 'a' })]);
    const controller = new AbortController();
    controller.abort();
    await expect(core.send(spec('GET', { options: { signal: controller.signal } }))).rejects.toBeInstanceOf(MaxAbortError);
    expect(fake.requests).toHaveLength(0);
  });

  it('aborts an in-flight request and does not retry it', async () => {
    const { core, fake } = setup([hang(), json(200, { id: 'a' })]);
    const controller = new AbortController();
    const result = core.send(spec('GET', { options: { signal: controller.signal } }));
    setTimeout(() => controller.abort(), 10);
    const error = await failure(result);
    expect(error).toBeInstanceOf(MaxAbortError);
    expect(error.code).toBe('aborted');
    expect(fake.requests).toHaveLength(1);
  });

  it('aborts the wait between retries', async () => {
    const { core, fake } = setup([apiError(503, 'x', 'x', { headers: { 'retry-after': '10' } }), json(200, { id: 'a' })], {
      retry: resolveRetryOptions({ maxDelayMs: 60_000 }),
    });
    const controller = new AbortController();
    const result = core.send(spec('GET', { options: { signal: controller.signal } }));
    setTimeout(() => controller.abort(), 20);
    await expect(result).rejects.toBeInstanceOf(MaxAbortError);
    expect(fake.requests).toHaveLength(1);
  });

  it('times out each attempt, retries, and ends with MaxTimeoutError', async () => {
    const { core, fake, traces } = setup([hang(), hang()], { timeoutMs: 20, retry: resolveRetryOptions({ limit: 1, baseDelayMs: 1 }) });
    const error = await failure(core.send(spec('GET')));
    expect(error).toBeInstanceOf(MaxTimeoutError);
    expect(error.code).toBe('timeout');
    expect(error.message).toContain('20 ms');
    expect(fake.requests).toHaveLength(2);
    expect(traces.filter((t) => t.type === 'error').map((t) => t.error?.code)).toEqual(['timeout', 'timeout']);
  });

  it('a timed-out attempt followed by success succeeds', async () => {
    const { core } = setup([hang(), json(200, { id: 'late' })], { timeoutMs: 20 });
    await expect(core.send(spec('GET'))).resolves.toEqual({ id: 'late' });
  });

  it('times out a response whose body never finishes', async () => {
    const stalled: Responder = (request) => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"id":'));
          request.signal.addEventListener('abort', () => controller.error(request.signal.reason));
        },
      });
      return new Response(body, { status: 200 });
    };
    const { core } = setup([stalled], { timeoutMs: 20, retry: resolveRetryOptions(false) });
    await expect(core.send(spec('GET'))).rejects.toBeInstanceOf(MaxTimeoutError);
  });
});

describe('HttpCore tracing and redaction', () => {
  it('emits request/response per attempt with redacted headers, URL and body', async () => {
    const { core, traces } = setup([apiError(503, 'x'), json(200, { id: 'a' })], {
      token: ACCESS,
    });
    await core.send(
      spec('POST', {
        path: '/api/v1/auth/token',
        query: { code: 'abc', q: 'keep' },
        body: { grant_type: 'refresh_token', refresh_token: 'mxr_SECRETrefresh' },
      }),
    );
    expect(traces.map((t) => [t.type, t.attempt, t.status])).toEqual([
      ['request', 1, undefined],
      ['response', 1, 503],
      ['request', 2, undefined],
      ['response', 2, 200],
    ]);
    const first = traces[0];
    expect(first?.url).toBe('http://max.test/api/v1/auth/token?code=[REDACTED]&q=keep');
    expect(first?.headers['authorization']).toBe('Bearer [REDACTED]');
    expect(first?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(first?.body).toEqual({ grant_type: 'refresh_token', refresh_token: '[REDACTED]' });
    expect(traces[1]?.requestId).toBe('req_test');
    expect(traces[1]?.retryInMs).toBeGreaterThanOrEqual(0);
    expect(traces[3]?.requestId).toBe('req_test');
    expect(typeof traces[3]?.durationMs).toBe('number');
    expect(JSON.stringify(traces)).not.toContain('SECRET');
  });

  it('never leaks a token into an error message, String(), or JSON', async () => {
    const { core } = setup([apiError(401, 'unauthenticated', `token ${ACCESS} is revoked`)], { token: ACCESS });
    const error = await failure(core.send(spec('GET', { query: { token: ACCESS } })));
    for (const rendered of [error.message, String(error), JSON.stringify(error), error.stack ?? '']) {
      expect(rendered).not.toContain('SECRET');
    }
    expect(error.request?.url).toBe('http://max.test/api/v1/things?token=[REDACTED]');
    expect(error.requestId).toBe('req_err');
  });

  it('survives a throwing trace handler', async () => {
    const { core } = setup([json(200, { id: 'a' })], {
      onTrace: () => {
        throw new Error('sink broke');
      },
    });
    await expect(core.send(spec('GET'))).resolves.toEqual({ id: 'a' });
  });
});
