import { describe, expect, it } from 'vitest';
import * as fx from '../../test/env-fixtures.js';
import { apiError, json, type Responder, fakeClient } from '../../test/fake-fetch.js';
import { MaxClient } from '../client.js';
import { MaxValidationError } from '../errors/error-classes.js';

const TOKEN = 'mxp_SECRETclientTOKEN';

const clientWith = (...responders: Responder[]) => fakeClient({ token: TOKEN }, ...responders);

interface Case {
  name: string;
  call: (client: MaxClient) => Promise<unknown>;
  respond: Responder;
  method: 'GET' | 'POST';
  path: string;
  body?: unknown;
  result: unknown;
}

const page = <T>(data: T[]) => ({ data, next_cursor: null });
const net = { network: 'staging' };
const app = { network: 'staging', app: 'web' };

const cases: Case[] = [
  {
    name: 'vars.list (network)',
    call: (c) => c.vars.list(net, { limit: 10 }).toArray(),
    respond: json(200, page([fx.variable()])),
    method: 'GET',
    path: '/api/v1/networks/staging/vars?limit=10',
    result: [fx.variable()],
  },
  {
    name: 'vars.list (app, from a cursor)',
    call: (c) => c.vars.list(app, { cursor: 'c1' }).toArray(),
    respond: json(200, page([fx.variable()])),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/vars?cursor=c1',
    result: [fx.variable()],
  },
  {
    name: 'vars.list with app: undefined is network scope',
    call: (c) => c.vars.list({ network: 'staging', app: undefined }).toArray(),
    respond: json(200, page([])),
    method: 'GET',
    path: '/api/v1/networks/staging/vars',
    result: [],
  },
  {
    name: 'vars.get (network)',
    call: (c) => c.vars.get(net, 'LOG_LEVEL'),
    respond: json(200, fx.variable()),
    method: 'GET',
    path: '/api/v1/networks/staging/vars/LOG_LEVEL',
    result: fx.variable(),
  },
  {
    name: 'vars.get (app)',
    call: (c) => c.vars.get(app, 'LOG_LEVEL'),
    respond: json(200, fx.variable()),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/vars/LOG_LEVEL',
    result: fx.variable(),
  },
  {
    name: 'vars.set (network): one request for all keys',
    call: (c) => c.vars.set(net, { LOG_LEVEL: 'info', REGION: 'eu' }),
    respond: json(200, fx.varsSet),
    method: 'POST',
    path: '/api/v1/networks/staging/vars',
    body: { vars: { LOG_LEVEL: 'info', REGION: 'eu' } },
    result: fx.varsSet,
  },
  {
    name: 'vars.set (app)',
    call: (c) => c.vars.set(app, { LOG_LEVEL: 'debug' }),
    respond: json(200, fx.varsSet),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/vars',
    body: { vars: { LOG_LEVEL: 'debug' } },
    result: fx.varsSet,
  },
  {
    name: 'vars.unset (network), duplicates sent once',
    call: (c) => c.vars.unset(net, ['OLD', 'GONE', 'OLD']),
    respond: json(200, fx.keysUnset),
    method: 'POST',
    path: '/api/v1/networks/staging/vars/unset',
    body: { keys: ['OLD', 'GONE'] },
    result: fx.keysUnset,
  },
  {
    name: 'vars.unset (app)',
    call: (c) => c.vars.unset(app, ['OLD']),
    respond: json(200, fx.keysUnset),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/vars/unset',
    body: { keys: ['OLD'] },
    result: fx.keysUnset,
  },
  {
    name: 'secrets.list (network)',
    call: (c) => c.secrets.list(net, { limit: 5 }).toArray(),
    respond: json(200, page([fx.secret()])),
    method: 'GET',
    path: '/api/v1/networks/staging/secrets?limit=5',
    result: [fx.secret()],
  },
  {
    name: 'secrets.list (app)',
    call: (c) => c.secrets.list(app).toArray(),
    respond: json(200, page([fx.secret()])),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/secrets',
    result: [fx.secret()],
  },
  {
    name: 'secrets.get (network)',
    call: (c) => c.secrets.get(net, 'API_KEY'),
    respond: json(200, fx.secret()),
    method: 'GET',
    path: '/api/v1/networks/staging/secrets/API_KEY',
    result: fx.secret(),
  },
  {
    name: 'secrets.get (app)',
    call: (c) => c.secrets.get(app, 'API_KEY'),
    respond: json(200, fx.secret()),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/secrets/API_KEY',
    result: fx.secret(),
  },
  {
    name: 'secrets.set (network)',
    call: (c) => c.secrets.set(net, { API_KEY: 'hunter2-value', DB_PASSWORD: 'pw-value' }),
    respond: json(200, fx.secretsSet),
    method: 'POST',
    path: '/api/v1/networks/staging/secrets',
    body: { secrets: { API_KEY: 'hunter2-value', DB_PASSWORD: 'pw-value' } },
    result: fx.secretsSet,
  },
  {
    name: 'secrets.set (app)',
    call: (c) => c.secrets.set(app, { API_KEY: 'hunter2-value' }),
    respond: json(200, fx.secretsSet),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/secrets',
    body: { secrets: { API_KEY: 'hunter2-value' } },
    result: fx.secretsSet,
  },
  {
    name: 'secrets.unset (network)',
    call: (c) => c.secrets.unset(net, ['API_KEY']),
    respond: json(200, fx.keysUnset),
    method: 'POST',
    path: '/api/v1/networks/staging/secrets/unset',
    body: { keys: ['API_KEY'] },
    result: fx.keysUnset,
  },
  {
    name: 'secrets.unset (app)',
    call: (c) => c.secrets.unset(app, ['API_KEY', 'API_KEY']),
    respond: json(200, fx.keysUnset),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/secrets/unset',
    body: { keys: ['API_KEY'] },
    result: fx.keysUnset,
  },
  {
    name: 'apps.env',
    call: (c) => c.apps.env('staging', 'web'),
    respond: json(200, fx.appEnv),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/env',
    result: fx.appEnv,
  },
];

describe('vars, secrets and apps.env calls', () => {
  it.each(cases)('$name', async (c) => {
    const { client, fake } = clientWith(c.respond);
    await expect(c.call(client)).resolves.toEqual(c.result);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe(c.method);
    expect(request?.url).toBe(`http://max.test${c.path}`);
    expect(request?.body).toEqual(c.body);
    expect(request?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    if (c.method === 'POST') expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    else expect(request?.headers['idempotency-key']).toBeUndefined();
  });

  it('uses the caller’s idempotency key for a bulk set', async () => {
    const { client, fake } = clientWith(json(200, fx.varsSet));
    await client.vars.set(net, { A: '1' }, { idempotencyKey: 'import-7' });
    expect(fake.requests[0]?.headers['idempotency-key']).toBe('import-7');
  });

  it('walks every page of vars.list', async () => {
    const { client, fake } = clientWith(
      json(200, { data: [fx.variable('A')], next_cursor: 'c2' }),
      json(200, { data: [fx.variable('B')], next_cursor: null }),
    );
    expect((await client.vars.list(app).toArray()).map((v) => v.key)).toEqual(['A', 'B']);
    expect(fake.requests.map((r) => r.url)).toEqual([
      'http://max.test/api/v1/networks/staging/apps/web/vars',
      'http://max.test/api/v1/networks/staging/apps/web/vars?cursor=c2',
    ]);
  });

  it('drops a value a server wrongly sends with a secret', async () => {
    const { client } = clientWith(json(200, { ...fx.secret(), value: 'leaked-value' }));
    const secret = await client.secrets.get(net, 'API_KEY');
    expect(secret).toEqual(fx.secret());
    expect(JSON.stringify(secret)).not.toContain('leaked-value');
  });

  it('rejects a response that is not the documented shape', async () => {
    const { client } = clientWith(json(200, { data: [{ key: 'A' }], releases: [] }));
    await expect(client.vars.set(net, { A: '1' })).rejects.toMatchObject({
      name: 'MaxApiError',
      code: 'malformed_response',
    });
  });

  it('maps a server validation error to MaxValidationError with its details', async () => {
    const details = { fields: [{ path: '/vars/A', message: 'must NOT have more than 65536 characters' }] };
    const { client } = clientWith(apiError(422, 'validation_failed', 'too long', { details }));
    await expect(client.vars.set(net, { A: 'x' })).rejects.toMatchObject({
      name: 'MaxValidationError',
      status: 422,
      details,
    });
  });
});

describe('client-side key and scope validation', () => {
  const pattern = 'must match pattern "^[A-Z_][A-Z0-9_]*$"';
  const invalid: [string, (c: MaxClient) => Promise<unknown>, { path: string; message: string }[], string][] = [
    ['lowercase var key on set', (c) => c.vars.set(net, { log_level: 'x' }), [{ path: '/vars', message: pattern }], '"log_level"'],
    [
      'several bad keys on set: one field (the map), every key in the message',
      (c) => c.vars.set(app, { OK: '1', 'bad-key': '2', '1ST': '3' }),
      [{ path: '/vars', message: pattern }],
      'Invalid var keys: "bad-key" must match',
    ],
    ['empty secret key', (c) => c.secrets.set(net, { '': 'value-1' }), [{ path: '/secrets', message: 'must NOT have fewer than 1 characters' }], 'secret key'],
    [
      '256-character key',
      (c) => c.vars.set(net, { ['A'.repeat(256)]: 'x' }),
      [{ path: '/vars', message: 'must NOT have more than 255 characters' }],
      `"${'A'.repeat(40)}…"`,
    ],
    [
      'unset: one field per bad item',
      (c) => c.vars.unset(net, ['OK', 'no', 'A-B']),
      [
        { path: '/keys/1', message: pattern },
        { path: '/keys/2', message: pattern },
      ],
      'Invalid var keys',
    ],
    ['secrets.unset', (c) => c.secrets.unset(app, ['x']), [{ path: '/keys/0', message: pattern }], 'Invalid secret key'],
    ['vars.get key', (c) => c.vars.get(net, 'a b'), [{ path: '/path/key', message: pattern }], '"a b"'],
    ['secrets.get key', (c) => c.secrets.get(app, ''), [{ path: '/path/key', message: 'must NOT have fewer than 1 characters' }], 'secret'],
    ['network of a scope', (c) => c.vars.set({ network: 'Bad' }, { A: '1' }), [{ path: '/path/network', message: expect.stringContaining('RFC 1035') as string }], 'network'],
    ['app of a scope', (c) => c.secrets.list({ network: 'ok', app: 'no_' }).toArray(), [{ path: '/path/app', message: expect.stringContaining('RFC 1035') as string }], 'app'],
    ['apps.env', (c) => c.apps.env('staging', 'Web'), [{ path: '/path/app', message: expect.stringContaining('RFC 1035') as string }], 'app'],
  ];

  it.each(invalid)('%s → validation_failed without a request', async (_label, call, fields, inMessage) => {
    const { client, fake } = clientWith();
    const error: unknown = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxValidationError);
    expect(error).toMatchObject({ code: 'validation_failed' });
    expect((error as MaxValidationError).details).toEqual({ fields });
    expect((error as MaxValidationError).message).toContain(inMessage);
    expect(fake.requests).toHaveLength(0);
  });

  it('names every bad key in the message, never a value', async () => {
    const { client } = clientWith();
    const error = (await client.secrets.set(net, { 'bad-key': 'sekret-value-1', lower: 'sekret-value-2' }).catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('"bad-key"');
    expect(error.message).toContain('"lower"');
    expect(JSON.stringify(error) + String(error) + (error.stack ?? '')).not.toContain('sekret-value');
  });

  it.each(['A', '_', 'DATABASE_URL', '_PRIVATE', 'A1_B2', 'A'.repeat(255)])('accepts the key %s', async (key) => {
    const { client, fake } = clientWith(json(200, fx.varsSet));
    await client.vars.set(net, { [key]: 'v' });
    expect(fake.requests).toHaveLength(1);
  });
});
