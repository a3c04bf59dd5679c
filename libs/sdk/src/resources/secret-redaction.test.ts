import { describe, expect, it } from 'vitest';
import * as fx from '../../test/env-fixtures.js';
import { apiError, connectionRefused, createFakeFetch, hang, json, text, type Responder } from '../../test/fake-fetch.js';
import { MaxClient, type MaxClientOptions } from '../client.js';
import type { TraceEvent } from '../core/trace-event.js';
import { MaxRateLimitError } from '../errors/error-classes.js';
import { isMaxError, type MaxError } from '../errors/max-error.js';

/** Secret values as a person would have them: nothing about their shape says "secret" (no token prefix). */
const VALUE_A = 'correct-horse-battery-staple';
const VALUE_B = 'p@ss word\nwith "quotes" and ünïcode';
const VALUES = { API_KEY: VALUE_A, DB_PASSWORD: VALUE_B };

function setup(responders: Responder[], options: Partial<MaxClientOptions> = {}) {
  const fake = createFakeFetch(...responders);
  const traces: TraceEvent[] = [];
  const client = new MaxClient({
    apiUrl: 'http://max.test',
    token: 'mxp_SECRETclientTOKEN',
    fetch: fake.fetch,
    retry: { limit: 1, baseDelayMs: 1, maxDelayMs: 5 },
    onTrace: (e) => traces.push(e),
    ...options,
  });
  return { client, fake, traces };
}

/** Every way an error can be shown, printed or serialised. */
function renderings(error: MaxError): string[] {
  return [error.message, String(error), JSON.stringify(error), JSON.stringify(error.toJSON()), error.stack ?? '', String(error.cause ?? '')];
}

function expectNoSecretValue(rendered: string[]): void {
  for (const text of rendered) {
    expect(text).not.toContain(VALUE_A);
    expect(text).not.toContain(VALUE_B);
    // The JSON-escaped form of the multi-line value too.
    expect(text).not.toContain(JSON.stringify(VALUE_B).slice(1, -1));
  }
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

/** Every way a call can fail; none may carry a submitted value. */
const failures: [string, Responder[], Partial<MaxClientOptions>, string][] = [
  ['422 validation_failed', [apiError(422, 'validation_failed', 'The request body is invalid', { details: { fields: [{ path: '/secrets/API_KEY', message: 'too long' }] } })], {}, 'MaxValidationError'],
  ['400 bad_request', [apiError(400, 'bad_request', 'The request body is not valid JSON.')], {}, 'MaxValidationError'],
  ['409 idempotency_key_reused', [apiError(409, 'idempotency_key_reused')], {}, 'MaxConflictError'],
  ['500 without a JSON body', [text(500, '<html>boom</html>')], {}, 'MaxApiError'],
  ['503 twice (retried, then final)', [apiError(503, 'unavailable'), apiError(503, 'unavailable')], {}, 'MaxApiError'],
  ['429 with Retry-After', [apiError(429, 'rate_limited', 'slow', { headers: { 'retry-after': '0' } }), apiError(429, 'rate_limited', 'slow', { headers: { 'retry-after': '0' } })], {}, 'MaxRateLimitError'],
  ['a malformed success body', [json(200, { data: 'nope' })], {}, 'MaxApiError'],
  ['a refused connection', [connectionRefused(), connectionRefused()], {}, 'MaxConnectionError'],
  ['a timeout', [hang(), hang()], { timeoutMs: 20 }, 'MaxTimeoutError'],
  ['401 token_expired, then 401 again after the refresh', [apiError(401, 'token_expired'), apiError(401, 'unauthenticated')], { token: async () => 'mxa_SECRETaccess' }, 'MaxAuthenticationError'],
];

describe('secrets.set never reveals a value', () => {
  it('sends the values, and traces show the keys with every value redacted', async () => {
    const { client, fake, traces } = setup([json(200, fx.secretsSet)]);
    await client.secrets.set({ network: 'staging', app: 'web' }, VALUES);
    expect(fake.requests[0]?.body).toEqual({ secrets: VALUES });
    const request = traces.find((t) => t.type === 'request');
    expect(request?.body).toEqual({ secrets: { API_KEY: '[REDACTED]', DB_PASSWORD: '[REDACTED]' } });
    expectNoSecretValue([JSON.stringify(traces)]);
  });

  it('redacts values in traces however short they are', async () => {
    const { client, traces } = setup([json(200, fx.secretsSet)]);
    await client.secrets.set({ network: 'staging' }, { PIN: '42' });
    expect(traces.find((t) => t.type === 'request')?.body).toEqual({ secrets: { PIN: '[REDACTED]' } });
  });


  it.each(failures)('on %s: not in the error (message, String, toJSON, stack) nor any trace', async (_label, responders, options, name) => {
    const { client, fake, traces } = setup(responders, options);
    const error = await failure(client.secrets.set({ network: 'staging' }, VALUES));
    expect(error.name).toBe(name);
    expect(fake.requests.every((r) => JSON.stringify(r.body) === JSON.stringify({ secrets: VALUES }))).toBe(true);
    expectNoSecretValue([...renderings(error), JSON.stringify(traces)]);
  });

  it('on abort: not in the error nor any trace', async () => {
    const { client, traces } = setup([hang()]);
    const controller = new AbortController();
    const pending = failure(client.secrets.set({ network: 'staging' }, VALUES, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 5);
    const error = await pending;
    expect(error.name).toBe('MaxAbortError');
    expectNoSecretValue([...renderings(error), JSON.stringify(traces)]);
  });

  it('removes values a misbehaving server echoes in its message and details, keeping everything else', async () => {
    const echo = `Secret API_KEY=${VALUE_A} is too weak; ${VALUE_B} too`;
    const details = {
      fields: [{ path: '/secrets/API_KEY', message: `bad value ${VALUE_A}` }],
      echoed: { [VALUE_A]: VALUE_B },
    };
    const { client } = setup([apiError(422, 'validation_failed', echo, { details })]);
    const error = await failure(client.secrets.set({ network: 'staging' }, VALUES));
    expectNoSecretValue(renderings(error));
    expect(error).toMatchObject({
      name: 'MaxValidationError',
      code: 'validation_failed',
      status: 422,
      requestId: 'req_err',
      request: { method: 'POST', url: 'http://max.test/api/v1/networks/staging/secrets' },
      message: 'Secret API_KEY=[REDACTED] is too weak; [REDACTED] too',
      details: { fields: [{ path: '/secrets/API_KEY', message: 'bad value [REDACTED]' }], echoed: { '[REDACTED]': '[REDACTED]' } },
    });
    expect(isMaxError(error)).toBe(true);
  });

  it('keeps the class and retryAfterMs when it rebuilds a rate-limit error', async () => {
    const { client } = setup(
      [apiError(429, 'rate_limited', `no ${VALUE_A}`, { headers: { 'retry-after': '7' } })],
      { retry: false },
    );
    const error = await failure(client.secrets.set({ network: 'staging' }, VALUES));
    expect(error).toBeInstanceOf(MaxRateLimitError);
    expect((error as MaxRateLimitError).retryAfterMs).toBe(7000);
    expect(error.message).toBe('no [REDACTED]');
  });

  it('keeps an error that carries no value as the server sent it', async () => {
    const { client } = setup([apiError(409, 'conflict', 'busy')], { retry: false });
    const error = await failure(client.secrets.set({ network: 'staging' }, VALUES));
    expect(error.message).toBe('busy');
    expect(error.stack).toContain('busy');
  });
});

describe('config plan/apply with secret_values never reveal a value', () => {
  const secretValues = { staging: { API_KEY: VALUE_A }, 'staging/web': { DB_PASSWORD: VALUE_B } };
  const redacted = { staging: { API_KEY: '[REDACTED]' }, 'staging/web': { DB_PASSWORD: '[REDACTED]' } };

  it('sends the values; traces keep scopes, keys and the document’s digests, every value redacted', async () => {
    const { client, fake, traces } = setup([json(200, fx.plan), json(200, fx.applyResult)]);
    await client.config.plan(fx.configDocument, { secretValues });
    await client.config.apply(fx.configDocument, { secretValues, planDigest: fx.DIGEST });
    expect(fake.requests.map((r) => (r.body as { secret_values: unknown }).secret_values)).toEqual([secretValues, secretValues]);
    const bodies = traces.filter((t) => t.type === 'request').map((t) => t.body as { document: typeof fx.configDocument; secret_values: unknown });
    expect(bodies.map((b) => b.secret_values)).toEqual([redacted, redacted]);
    expect(bodies[0]?.document.networks[0]?.secrets).toEqual([{ key: 'API_KEY', digest: fx.DIGEST }]);
    expectNoSecretValue([JSON.stringify(traces)]);
  });

  it('blanks a malformed secret_values whole, and short values too', async () => {
    const { client, traces } = setup([json(200, fx.plan), json(200, fx.plan)]);
    await client.config.plan(fx.configDocument, { secretValues: { staging: { PIN: '42' } } });
    await client.config.plan(fx.configDocument, { secretValues: { staging: VALUE_A } as unknown as Record<string, Record<string, string>> });
    expect(traces.filter((t) => t.type === 'request').map((t) => (t.body as { secret_values: unknown }).secret_values)).toEqual([
      { staging: { PIN: '[REDACTED]' } },
      { staging: '[REDACTED]' },
    ]);
  });

  it.each(failures)('on %s: not in the error (message, String, toJSON, stack) nor any trace', async (_label, responders, options, name) => {
    const { client, traces } = setup(responders, options);
    const error = await failure(client.config.apply(fx.configDocument, { secretValues }));
    expect(error.name).toBe(name);
    expectNoSecretValue([...renderings(error), JSON.stringify(traces)]);
  });

  it('removes values a misbehaving server echoes in a plan error', async () => {
    const details = { fields: [{ path: '/secret_values/staging/API_KEY', message: `bad value ${VALUE_A}` }] };
    const { client } = setup([apiError(422, 'validation_failed', `no ${VALUE_B}`, { details })]);
    const error = await failure(client.config.plan(fx.configDocument, { secretValues }));
    expectNoSecretValue(renderings(error));
    expect(error).toMatchObject({
      code: 'validation_failed',
      message: 'no [REDACTED]',
      details: { fields: [{ path: '/secret_values/staging/API_KEY', message: 'bad value [REDACTED]' }] },
    });
  });
});

describe('other secret paths', () => {
  it('config documents keep secret *keys* and digests readable in traces; anything else in a secret entry is blanked', async () => {
    const { client, traces } = setup([json(200, fx.plan), json(200, fx.plan)]);
    await client.config.plan(fx.configDocument);
    const body = traces.find((t) => t.type === 'request')?.body as { document: { networks: { secrets: unknown[] }[] } };
    expect(body.document.networks[0]?.secrets).toEqual([{ key: 'API_KEY', digest: fx.DIGEST }]);
    const odd = { version: 1 as const, networks: [{ name: 'staging', secrets: [{ key: 'API_KEY' }, { key: 'API_KEY', value: VALUE_A }, { key: 'X', digest: VALUE_A }] }] };
    await client.config.plan(odd as unknown as typeof fx.configDocument);
    const second = traces.filter((t) => t.type === 'request')[1]?.body as { document: { networks: { secrets: unknown[] }[] } };
    expect(second.document.networks[0]?.secrets).toEqual([{ key: 'API_KEY' }, '[REDACTED]', '[REDACTED]']);
  });

  it('vars stay readable in traces (they are not secret)', async () => {
    const { client, traces } = setup([json(200, fx.varsSet)]);
    await client.vars.set({ network: 'staging' }, { LOG_LEVEL: 'debug' });
    expect(traces.find((t) => t.type === 'request')?.body).toEqual({ vars: { LOG_LEVEL: 'debug' } });
  });
});
