import { describe, expect, it } from 'vitest';
import { apiError, createFakeFetch, json, noContent, type Responder, fakeClient } from '../test/fake-fetch.js';
import * as wire from '../test/wire-fixtures.js';
import { MaxClient } from './client.js';
import { MaxValidationError } from './errors/error-classes.js';
import { SDK_VERSION } from './version.js';

const TOKEN = 'mxp_SECRETclientTOKEN';

const clientWith = (...responders: Responder[]) => fakeClient({ token: TOKEN }, ...responders);

interface Case {
  name: string;
  call: (client: MaxClient) => Promise<unknown>;
  respond: Responder;
  method: string;
  path: string;
  body?: unknown;
  /** Whether the call must send the client's token (auth endpoints must not). */
  authenticated: boolean;
  result: unknown;
}

const cases: Case[] = [
  {
    name: 'auth.requestDeviceCode',
    call: (c) => c.auth.requestDeviceCode({ client_name: 'rig test', scope: 'deploy' }),
    respond: json(200, wire.deviceAuthorization),
    method: 'POST',
    path: '/api/v1/auth/device/code',
    body: { client_name: 'rig test', scope: 'deploy' },
    authenticated: false,
    result: wire.deviceAuthorization,
  },
  {
    name: 'auth.requestDeviceCode without input',
    call: (c) => c.auth.requestDeviceCode(),
    respond: json(200, wire.deviceAuthorization),
    method: 'POST',
    path: '/api/v1/auth/device/code',
    body: {},
    authenticated: false,
    result: wire.deviceAuthorization,
  },
  {
    name: 'auth.pollDeviceToken',
    call: (c) => c.auth.pollDeviceToken('dc_1'),
    respond: json(200, wire.tokens),
    method: 'POST',
    path: '/api/v1/auth/device/token',
    body: { device_code: 'dc_1' },
    authenticated: false,
    result: wire.tokens,
  },
  {
    name: 'auth.refresh',
    call: (c) => c.auth.refresh('mxr_old'),
    respond: json(200, wire.tokens),
    method: 'POST',
    path: '/api/v1/auth/token',
    body: { grant_type: 'refresh_token', refresh_token: 'mxr_old' },
    authenticated: false,
    result: wire.tokens,
  },
  {
    name: 'auth.exchange',
    call: (c) => c.auth.exchange('mxp_api'),
    respond: json(200, wire.tokens),
    method: 'POST',
    path: '/api/v1/auth/token',
    body: { grant_type: 'token_exchange', subject_token: 'mxp_api' },
    authenticated: false,
    result: wire.tokens,
  },
  {
    name: 'auth.revoke with a known token kind',
    call: (c) => c.auth.revoke('mxr_old'),
    respond: noContent(),
    method: 'POST',
    path: '/api/v1/auth/revoke',
    body: { token: 'mxr_old', token_type_hint: 'refresh_token' },
    authenticated: false,
    result: undefined,
  },
  {
    name: 'auth.revoke with an opaque token',
    call: (c) => c.auth.revoke('opaque'),
    respond: noContent(),
    method: 'POST',
    path: '/api/v1/auth/revoke',
    body: { token: 'opaque' },
    authenticated: false,
    result: undefined,
  },
  {
    name: 'auth.tokens.list',
    call: (c) => c.auth.tokens.list({ limit: 10 }).toArray(),
    respond: json(200, { data: [wire.apiToken], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/auth/tokens?limit=10',
    authenticated: true,
    result: [wire.apiToken],
  },
  {
    name: 'auth.tokens.create',
    call: (c) => c.auth.tokens.create({ name: 'ci', scope: 'deploy', expires_in: 60 }),
    respond: json(201, wire.apiTokenCreated),
    method: 'POST',
    path: '/api/v1/auth/tokens',
    body: { name: 'ci', scope: 'deploy', expires_in: 60 },
    authenticated: true,
    result: wire.apiTokenCreated,
  },
  {
    name: 'auth.tokens.delete',
    call: (c) => c.auth.tokens.delete('tok/1'),
    respond: noContent(),
    method: 'DELETE',
    path: '/api/v1/auth/tokens/tok%2F1',
    authenticated: true,
    result: undefined,
  },
  {
    name: 'me.get',
    call: (c) => c.me.get(),
    respond: json(200, wire.me),
    method: 'GET',
    path: '/api/v1/me',
    authenticated: true,
    result: wire.me,
  },
  {
    name: 'networks.create',
    call: (c) => c.networks.create({ name: 'staging', description: 'pre' }),
    respond: json(201, wire.network('staging', { description: 'pre' })),
    method: 'POST',
    path: '/api/v1/networks',
    body: { name: 'staging', description: 'pre' },
    authenticated: true,
    result: wire.network('staging', { description: 'pre' }),
  },
  {
    name: 'networks.list',
    call: (c) => c.networks.list({ q: 'stag', sort: '-created_at', limit: 2 }).toArray(),
    respond: json(200, { data: [wire.network()], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/networks?q=stag&sort=-created_at&limit=2',
    authenticated: true,
    result: [wire.network()],
  },
  {
    name: 'networks.list from a cursor',
    call: (c) => c.networks.list({ cursor: 'c9' }).toArray(),
    respond: json(200, { data: [], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/networks?cursor=c9',
    authenticated: true,
    result: [],
  },
  {
    name: 'networks.get',
    call: (c) => c.networks.get('staging'),
    respond: json(200, wire.network()),
    method: 'GET',
    path: '/api/v1/networks/staging',
    authenticated: true,
    result: wire.network(),
  },
  {
    name: 'networks.update',
    call: (c) => c.networks.update('staging', { description: null }),
    respond: json(200, wire.network()),
    method: 'PATCH',
    path: '/api/v1/networks/staging',
    body: { description: null },
    authenticated: true,
    result: wire.network(),
  },
  {
    name: 'networks.delete',
    call: (c) => c.networks.delete('staging'),
    respond: noContent(),
    method: 'DELETE',
    path: '/api/v1/networks/staging',
    authenticated: true,
    result: undefined,
  },
  {
    name: 'networks.delete with force',
    call: (c) => c.networks.delete('staging', { force: true }),
    respond: noContent(),
    method: 'DELETE',
    path: '/api/v1/networks/staging?force=true',
    authenticated: true,
    result: undefined,
  },
  {
    name: 'apps.create',
    call: (c) => c.apps.create('staging', { name: 'web', health_check_path: '/up' }),
    respond: json(201, wire.app()),
    method: 'POST',
    path: '/api/v1/networks/staging/apps',
    body: { name: 'web', health_check_path: '/up' },
    authenticated: true,
    result: wire.app(),
  },
  {
    name: 'apps.list',
    call: (c) => c.apps.list('staging', { q: 'we', sort: 'name' }).toArray(),
    respond: json(200, { data: [wire.app()], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/networks/staging/apps?q=we&sort=name',
    authenticated: true,
    result: [wire.app()],
  },
  {
    name: 'apps.get',
    call: (c) => c.apps.get('staging', 'web'),
    respond: json(200, wire.app()),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web',
    authenticated: true,
    result: wire.app(),
  },
  {
    name: 'apps.update',
    call: (c) => c.apps.update('staging', 'web', { description: 'front' }),
    respond: json(200, wire.app()),
    method: 'PATCH',
    path: '/api/v1/networks/staging/apps/web',
    body: { description: 'front' },
    authenticated: true,
    result: wire.app(),
  },
  {
    name: 'apps.delete',
    call: (c) => c.apps.delete('staging', 'web'),
    respond: noContent(),
    method: 'DELETE',
    path: '/api/v1/networks/staging/apps/web',
    authenticated: true,
    result: undefined,
  },
  {
    name: 'events.list',
    call: (c) =>
      c.events
        .list({
          network: 'staging',
          app: 'web',
          actor: 'usr_1',
          action: 'app.',
          since: new Date('2025-01-01T00:00:00Z'),
          until: '2025-02-01T00:00:00Z',
          limit: 5,
        })
        .toArray(),
    respond: json(200, { data: [wire.event(1)], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/events?network=staging&app=web&actor=usr_1&action=app.&limit=5&since=2025-01-01T00%3A00%3A00.000Z&until=2025-02-01T00%3A00%3A00Z',
    authenticated: true,
    result: [wire.event(1)],
  },
];

describe('MaxClient namespaces', () => {
  it.each(cases)('$name', async (c) => {
    const { client, fake } = clientWith(c.respond);
    await expect(c.call(client)).resolves.toEqual(c.result);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe(c.method);
    expect(request?.url).toBe(`http://max.test${c.path}`);
    expect(request?.body).toEqual(c.body);
    expect(request?.headers['authorization']).toBe(c.authenticated ? `Bearer ${TOKEN}` : undefined);
    expect(request?.headers['user-agent']).toBe(`rig-sdk/${SDK_VERSION}`);
    if (c.method === 'POST') expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    else expect(request?.headers['idempotency-key']).toBeUndefined();
  });

  it('auth endpoints never call the token provider (a provider may refresh through the same client)', async () => {
    const fake = createFakeFetch(json(200, wire.tokens));
    let calls = 0;
    const client = new MaxClient({
      apiUrl: 'http://max.test',
      fetch: fake.fetch,
      token: async () => {
        calls += 1;
        return TOKEN;
      },
    });
    await client.auth.refresh('mxr_old');
    expect(calls).toBe(0);
  });

  it('sends no Authorization without a token', async () => {
    const fake = createFakeFetch(json(200, wire.me));
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    await client.me.get();
    expect(fake.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('passes the caller’s signal through to fetch', async () => {
    const { client, fake } = clientWith(json(200, wire.me));
    const controller = new AbortController();
    await client.me.get({ signal: controller.signal });
    controller.abort();
    expect(fake.requests[0]?.signal.aborted).toBe(true);
  });

  it('uses the caller’s idempotency key', async () => {
    const { client, fake } = clientWith(json(201, wire.network()));
    await client.networks.create({ name: 'staging' }, { idempotencyKey: 'deploy-42' });
    expect(fake.requests[0]?.headers['idempotency-key']).toBe('deploy-42');
  });

  it('maps error bodies to the error classes', async () => {
    const { client } = clientWith(apiError(409, 'network_not_empty', 'Network has apps'));
    await expect(client.networks.delete('staging')).rejects.toMatchObject({
      name: 'MaxConflictError',
      code: 'network_not_empty',
      status: 409,
      requestId: 'req_err',
      request: { method: 'DELETE', url: 'http://max.test/api/v1/networks/staging' },
    });
  });
});

describe('MaxClient client-side name validation', () => {
  const invalid: [string, (c: MaxClient) => Promise<unknown>, string, string][] = [
    ['uppercase network on create', (c) => c.networks.create({ name: 'Staging' }), '/name', 'must be an RFC 1035 label'],
    ['leading digit', (c) => c.networks.create({ name: '1abc' }), '/name', 'must be an RFC 1035 label'],
    ['trailing dash', (c) => c.networks.create({ name: 'abc-' }), '/name', 'must be an RFC 1035 label'],
    ['underscore', (c) => c.networks.create({ name: 'a_b' }), '/name', 'must be an RFC 1035 label'],
    ['empty', (c) => c.networks.create({ name: '' }), '/name', 'must NOT have fewer than 1 characters'],
    ['64 characters', (c) => c.networks.create({ name: 'a'.repeat(64) }), '/name', 'must NOT have more than 63 characters'],
    ['network path param', (c) => c.networks.get('Nope'), '/path/network', 'must be an RFC 1035 label'],
    ['app name on create', (c) => c.apps.create('staging', { name: 'Web' }), '/name', 'must be an RFC 1035 label'],
    ['app path param', (c) => c.apps.get('staging', 'web!'), '/path/app', 'must be an RFC 1035 label'],
    ['apps.list network', (c) => c.apps.list('Bad').toArray(), '/path/network', 'must be an RFC 1035 label'],
    ['events app filter', (c) => c.events.list({ network: 'ok', app: '-x' }).toArray(), '/query/app', 'must be an RFC 1035 label'],
    ['events network filter', (c) => c.events.list({ network: 'X' }).toArray(), '/query/network', 'must be an RFC 1035 label'],
  ];

  it.each(invalid)('%s → validation_failed without a request', async (_label, call, path, message) => {
    const { client, fake } = clientWith();
    const error: unknown = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxValidationError);
    expect(error).toMatchObject({ code: 'validation_failed', details: { fields: [{ path }] } });
    expect((error as MaxValidationError).details?.['fields']).toEqual([{ path, message: expect.stringContaining(message) }]);
    expect(fake.requests).toHaveLength(0);
  });

  it.each(['a', 'web', 'staging-eu', 'a1', `a${'b'.repeat(61)}c`])('accepts %s', async (name) => {
    const { client } = clientWith(json(201, wire.network(name)));
    await expect(client.networks.create({ name })).resolves.toMatchObject({ name });
  });
});

describe('MaxClient options', () => {
  it.each(['not a url', 'ftp://max.test', 'http://max.test/?x=1'])('rejects apiUrl %j', (apiUrl) => {
    expect(() => new MaxClient({ apiUrl })).toThrow(MaxValidationError);
  });

  it('rejects a non-positive timeout', () => {
    expect(() => new MaxClient({ apiUrl: 'http://max.test', timeoutMs: 0 })).toThrow(/timeoutMs/);
  });

  it('normalises a trailing slash', () => {
    expect(new MaxClient({ apiUrl: 'http://max.test/prefix/' }).apiUrl).toBe('http://max.test/prefix');
  });

  it('keeps SDK_VERSION equal to package.json', async () => {
    const pkg = (await import('../package.json', { with: { type: 'json' } })).default;
    expect(SDK_VERSION).toBe(pkg.version);
  });
});
