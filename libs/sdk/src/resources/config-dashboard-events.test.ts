import { describe, expect, it } from 'vitest';
import * as fx from '../../test/env-fixtures.js';
import { apiError, createFakeFetch, json, type Responder, fakeClient } from '../../test/fake-fetch.js';
import { MaxClient } from '../client.js';
import { MaxConflictError, MaxValidationError } from '../errors/error-classes.js';

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

const cases: Case[] = [
  {
    name: 'dashboard.get',
    call: (c) => c.dashboard.get(),
    respond: json(200, fx.dashboard),
    method: 'GET',
    path: '/api/v1/dashboard',
    result: fx.dashboard,
  },
  {
    name: 'dashboard.get with events',
    call: (c) => c.dashboard.get({ events: 0 }),
    respond: json(200, { ...fx.dashboard, recent_events: [] }),
    method: 'GET',
    path: '/api/v1/dashboard?events=0',
    result: { ...fx.dashboard, recent_events: [] },
  },
  {
    name: 'config.export',
    call: (c) => c.config.export(),
    respond: json(200, fx.configDocument),
    method: 'GET',
    path: '/api/v1/config/export',
    result: fx.configDocument,
  },
  {
    name: 'config.export of one network',
    call: (c) => c.config.export({ network: 'staging' }),
    respond: json(200, fx.configDocument),
    method: 'GET',
    path: '/api/v1/config/export?network=staging',
    result: fx.configDocument,
  },
  {
    name: 'config.plan',
    call: (c) => c.config.plan(fx.configDocument),
    respond: json(200, fx.plan),
    method: 'POST',
    path: '/api/v1/config/plan',
    body: { document: fx.configDocument },
    result: fx.plan,
  },
  {
    name: 'config.plan with secret values',
    call: (c) => c.config.plan(fx.configDocument, { secretValues: { staging: { API_KEY: 'k' } } }),
    respond: json(200, fx.plan),
    method: 'POST',
    path: '/api/v1/config/plan',
    body: { document: fx.configDocument, secret_values: { staging: { API_KEY: 'k' } } },
    result: fx.plan,
  },
  {
    name: 'config.plan with prune',
    call: (c) => c.config.plan(fx.configDocument, { prune: true }),
    respond: json(200, fx.plan),
    method: 'POST',
    path: '/api/v1/config/plan?prune=true',
    body: { document: fx.configDocument },
    result: fx.plan,
  },
  {
    name: 'config.apply',
    call: (c) => c.config.apply(fx.configDocument),
    respond: json(200, fx.applyResult),
    method: 'POST',
    path: '/api/v1/config/apply',
    body: { document: fx.configDocument, prune: false },
    result: fx.applyResult,
  },
  {
    name: 'config.apply with planDigest and prune',
    call: (c) => c.config.apply(fx.configDocument, { planDigest: fx.DIGEST, prune: true }),
    respond: json(200, fx.applyResult),
    method: 'POST',
    path: '/api/v1/config/apply',
    body: { document: fx.configDocument, prune: true, plan_digest: fx.DIGEST },
    result: fx.applyResult,
  },
  {
    name: 'config.apply with secret values',
    call: (c) => c.config.apply(fx.configDocument, { planDigest: fx.DIGEST, secretValues: { 'staging/web': { API_KEY: 'k' } } }),
    respond: json(200, fx.applyResult),
    method: 'POST',
    path: '/api/v1/config/apply',
    body: { document: fx.configDocument, prune: false, plan_digest: fx.DIGEST, secret_values: { 'staging/web': { API_KEY: 'k' } } },
    result: fx.applyResult,
  },
  {
    name: 'events.get',
    call: (c) => c.events.get('evt_3'),
    respond: json(200, fx.revertResult.event),
    method: 'GET',
    path: '/api/v1/events/evt_3',
    result: fx.revertResult.event,
  },
  {
    name: 'events.revert (POST without a body)',
    call: (c) => c.events.revert('evt/3'),
    respond: json(201, fx.revertResult),
    method: 'POST',
    path: '/api/v1/events/evt%2F3/revert',
    result: fx.revertResult,
  },
];

describe('dashboard, config and events calls', () => {
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
    if (c.body === undefined) expect(request?.headers['content-type']).toBeUndefined();
  });

  it('keeps the dashboard’s apps with their latest deployment (allOf parsed as one object)', async () => {
    const { client } = clientWith(json(200, fx.dashboard));
    const dashboard = await client.dashboard.get();
    expect(dashboard.apps[0]).toMatchObject({ name: 'web', status: 'created', latest_deployment: { state: 'running' } });
  });

  it('rejects a dashboard app without latest_deployment as malformed', async () => {
    const [first] = fx.dashboard.apps;
    if (!first) throw new Error('fixture has an app');
    const { latest_deployment: _dropped, ...incomplete } = first;
    const { client } = clientWith(json(200, { ...fx.dashboard, apps: [incomplete] }));
    await expect(client.dashboard.get()).rejects.toMatchObject({ code: 'malformed_response' });
  });

  it('rejects an exported document with an unknown version as malformed', async () => {
    const { client } = clientWith(json(200, { ...fx.configDocument, version: 2 }));
    await expect(client.config.export()).rejects.toMatchObject({ code: 'malformed_response' });
  });

  it('surfaces plan_stale and plan_blocked as MaxConflictError with details', async () => {
    const blockers = [{ reason: 'secret_missing', network: 'staging', app: null, key: 'API_KEY', message: 'not set' }];
    const { client } = clientWith(
      apiError(409, 'plan_stale', 'The platform changed since the plan was made'),
      apiError(409, 'plan_blocked', 'The plan has blockers', { details: { blockers } }),
    );
    await expect(client.config.apply(fx.configDocument, { planDigest: fx.DIGEST })).rejects.toMatchObject({
      name: 'MaxConflictError',
      code: 'plan_stale',
    });
    const blocked = await client.config.apply(fx.configDocument).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(MaxConflictError);
    expect(blocked).toMatchObject({ code: 'plan_blocked', details: { blockers } });
  });

  it('surfaces not_revertible as MaxConflictError', async () => {
    const { client } = clientWith(apiError(409, 'not_revertible', 'Logins cannot be reverted'));
    await expect(client.events.revert('evt_1')).rejects.toMatchObject({ name: 'MaxConflictError', code: 'not_revertible' });
  });

  it('replays revert retries with the same Idempotency-Key', async () => {
    const fake = createFakeFetch(apiError(503, 'unavailable'), json(201, fx.revertResult));
    const client = new MaxClient({ apiUrl: 'http://max.test', token: TOKEN, fetch: fake.fetch, retry: { limit: 1, maxDelayMs: 1 } });
    await expect(client.events.revert('evt_3')).resolves.toEqual(fx.revertResult);
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[0]?.headers['idempotency-key']).toBe(fake.requests[1]?.headers['idempotency-key']);
  });
});

describe('client-side validation', () => {
  const invalid: [string, (c: MaxClient) => Promise<unknown>, string, string][] = [
    ['export network', (c) => c.config.export({ network: 'Staging' }), '/query/network', 'RFC 1035'],
    ['empty event id (get)', (c) => c.events.get(''), '/path/event_id', 'must NOT have fewer than 1 characters'],
    ['empty event id (revert)', (c) => c.events.revert(''), '/path/event_id', 'must NOT have fewer than 1 characters'],
    ['256-character event id', (c) => c.events.revert('e'.repeat(256)), '/path/event_id', 'must NOT have more than 255 characters'],
  ];

  it.each(invalid)('%s → validation_failed without a request', async (_label, call, path, message) => {
    const { client, fake } = clientWith();
    const error: unknown = await call(client).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxValidationError);
    expect((error as MaxValidationError).details).toEqual({ fields: [{ path, message: expect.stringContaining(message) }] });
    expect(fake.requests).toHaveLength(0);
  });
});
