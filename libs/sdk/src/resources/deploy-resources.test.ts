import { describe, expect, it } from 'vitest';
import * as fx from '../../test/deploy-fixtures.js';
import { apiError, connectionRefused, createFakeFetch, json, type Responder, fakeClient } from '../../test/fake-fetch.js';
import { MaxClient } from '../client.js';
import { MaxConflictError, MaxConnectionError, MaxValidationError } from '../errors/error-classes.js';

const TOKEN = 'mxp_SECRETclientTOKEN';
const DIGEST = 'a'.repeat(64);

const clientWith = (...responders: Responder[]) => fakeClient({ token: TOKEN, retry: { limit: 2, baseDelayMs: 1 } }, ...responders);

interface Case {
  name: string;
  call: (client: MaxClient) => Promise<unknown>;
  respond: Responder;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  body?: unknown;
  result: unknown;
}

const manifest = [{ path: 'server.js', type: 'file' as const, sha256: DIGEST, size: 30, mode: 0o644 }];

const cases: Case[] = [
  {
    name: 'deployments.create',
    call: (c) => c.deployments.create('staging', 'web', { manifest, message: 'm' }),
    respond: json(201, fx.deployment()),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/deployments',
    body: { manifest, message: 'm' },
    result: fx.deployment(),
  },
  {
    name: 'deployments.get',
    call: (c) => c.deployments.get('dep_1'),
    respond: json(200, fx.deployment({ state: 'building', missing_blobs: [] })),
    method: 'GET',
    path: '/api/v1/deployments/dep_1',
    result: fx.deployment({ state: 'building', missing_blobs: [] }),
  },
  {
    name: 'deployments.list with state',
    call: (c) => c.deployments.list('staging', 'web', { state: 'failed', limit: 5 }).toArray(),
    respond: json(200, { data: [fx.deployment({ state: 'failed' })], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/deployments?state=failed&limit=5',
    result: [fx.deployment({ state: 'failed' })],
  },
  {
    name: 'deployments.finalize',
    call: (c) => c.deployments.finalize('dep_1'),
    respond: json(200, fx.deployment({ state: 'queued', missing_blobs: [] })),
    method: 'POST',
    path: '/api/v1/deployments/dep_1/finalize',
    result: fx.deployment({ state: 'queued', missing_blobs: [] }),
  },
  {
    name: 'deployments.cancel',
    call: (c) => c.deployments.cancel('dep_1'),
    respond: json(200, fx.deployment({ state: 'cancelled', missing_blobs: [] })),
    method: 'POST',
    path: '/api/v1/deployments/dep_1/cancel',
    result: fx.deployment({ state: 'cancelled', missing_blobs: [] }),
  },
  {
    name: 'releases.list',
    call: (c) => c.releases.list('staging', 'web').toArray(),
    respond: json(200, { data: [fx.release(2), fx.release(1, { state: 'superseded' })], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/releases',
    result: [fx.release(2), fx.release(1, { state: 'superseded' })],
  },
  {
    name: 'releases.get',
    call: (c) => c.releases.get('staging', 'web', 3),
    respond: json(200, fx.release(3)),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/releases/3',
    result: fx.release(3),
  },
  {
    name: 'releases.rollback to a version',
    call: (c) => c.releases.rollback('staging', 'web', { to: 1 }),
    respond: json(201, fx.release(4, { reason: 'rollback', rollback_of: 1, state: 'pending' })),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/releases/rollback',
    body: { to: 1 },
    result: fx.release(4, { reason: 'rollback', rollback_of: 1, state: 'pending' }),
  },
  {
    name: 'releases.rollback to the previous release',
    call: (c) => c.releases.rollback('staging', 'web'),
    respond: json(201, fx.release(4, { reason: 'rollback', rollback_of: 2 })),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/releases/rollback',
    body: {},
    result: fx.release(4, { reason: 'rollback', rollback_of: 2 }),
  },
  {
    name: 'blobs.missing (duplicates asked once)',
    call: (c) => c.blobs.missing([DIGEST, 'b'.repeat(64), DIGEST]),
    respond: json(200, { missing: ['b'.repeat(64)] }),
    method: 'POST',
    path: '/api/v1/blobs/missing',
    body: { digests: [DIGEST, 'b'.repeat(64)] },
    result: ['b'.repeat(64)],
  },
  {
    name: 'logs.page of an app with filters',
    call: (c) => c.logs.page({ network: 'staging', app: 'web' }, { afterSeq: 4, stream: 'stderr', since: new Date('2025-01-01T00:00:00Z'), limit: 10 }),
    respond: json(200, fx.logPage([5, 6])),
    method: 'GET',
    path: '/api/v1/networks/staging/apps/web/logs?after_seq=4&since=2025-01-01T00%3A00%3A00.000Z&stream=stderr&limit=10',
    result: fx.logPage([5, 6]),
  },
  {
    name: 'logs.page of a network, newest lines',
    call: (c) => c.logs.page({ network: 'staging' }, { tail: true, limit: 50, until: '2025-02-01T00:00:00Z' }),
    respond: json(200, fx.logPage([9])),
    method: 'GET',
    path: '/api/v1/networks/staging/logs?until=2025-02-01T00%3A00%3A00Z&limit=50&tail=true',
    result: fx.logPage([9]),
  },
  {
    name: 'logs.page of a build',
    call: (c) => c.logs.page({ deployment: 'dep_1' }),
    respond: json(200, fx.logPage([1])),
    method: 'GET',
    path: '/api/v1/deployments/dep_1/logs',
    result: fx.logPage([1]),
  },
];

describe('deploy-related resources', () => {
  it.each(cases)('$name', async ({ call, respond, method, path, body, result }) => {
    const { client, fake } = clientWith(respond);
    await expect(call(client)).resolves.toEqual(result);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe(method);
    expect(request?.url).toBe(`http://max.test${path}`);
    expect(request?.body).toEqual(body);
    expect(request?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    if (method === 'POST') expect(request?.headers['idempotency-key']).toBeTruthy();
  });

  it('finalize with blobs still missing rejects with blobs_missing and the digests', async () => {
    const { client } = clientWith(apiError(409, 'blobs_missing', 'still missing', { details: { missing: [DIGEST] } }));
    const error = await client.deployments.finalize('dep_1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxConflictError);
    expect(error).toMatchObject({ code: 'blobs_missing', details: { missing: [DIGEST] } });
  });

  it('rejects bad ids, versions, names and digests before any request', async () => {
    const { client, fake } = clientWith();
    await expect(client.deployments.get('')).rejects.toBeInstanceOf(MaxValidationError);
    await expect(client.releases.get('staging', 'web', 0)).rejects.toMatchObject({ details: { fields: [{ path: '/path/version' }] } });
    await expect(client.releases.rollback('staging', 'web', { to: 1.5 })).rejects.toMatchObject({ details: { fields: [{ path: '/to' }] } });
    await expect(client.deployments.create('Staging', 'web', { manifest })).rejects.toBeInstanceOf(MaxValidationError);
    await expect(client.blobs.missing(['ABC'])).rejects.toMatchObject({ details: { fields: [{ path: '/digests/0' }] } });
    await expect(client.blobs.put('../etc', new Uint8Array())).rejects.toMatchObject({ details: { fields: [{ path: '/path/digest' }] } });
    await expect(client.logs.page({ deployment: 'dep_1', network: 'staging' } as never)).rejects.toBeInstanceOf(MaxValidationError);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('blob uploads', () => {
  const bytes = new TextEncoder().encode('hello');

  it('put sends raw bytes as application/octet-stream', async () => {
    const { client, fake } = clientWith(json(201, { digest: DIGEST, size: 5 }));
    await expect(client.blobs.put(DIGEST, bytes)).resolves.toEqual({ digest: DIGEST, size: 5 });
    const [request] = fake.requests;
    expect(request?.method).toBe('PUT');
    expect(request?.url).toBe(`http://max.test/api/v1/blobs/${DIGEST}`);
    expect(request?.headers['content-type']).toBe('application/octet-stream');
    expect(new TextDecoder().decode(request?.bytes)).toBe('hello');
  });

  it('uploadPack streams the body and re-creates it for each retry', async () => {
    const { client, fake } = clientWith(apiError(503, 'unavailable'), connectionRefused(), json(200, { stored: [DIGEST], already_present: [] }));
    let made = 0;
    const body = () => {
      made += 1;
      return new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes);
          controller.close();
        },
      });
    };
    await expect(client.blobs.uploadPack(body)).resolves.toEqual({ stored: [DIGEST], already_present: [] });
    expect(made).toBe(3);
    expect(fake.requests.map((r) => new TextDecoder().decode(r.bytes))).toEqual(['hello', 'hello', 'hello']);
    expect(fake.requests[0]?.headers['content-type']).toBe('application/gzip');
    expect(fake.requests[0]?.url).toBe('http://max.test/api/v1/blobs/packs');
  });

  it('never retries a bare stream (it cannot be sent twice)', async () => {
    const { client, fake } = clientWith(connectionRefused(), json(200, { stored: [], already_present: [] }));
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    await expect(client.blobs.uploadPack(stream)).rejects.toBeInstanceOf(MaxConnectionError);
    expect(fake.requests).toHaveLength(1);
  });

  it('retries: 0 turns automatic retries off for one upload', async () => {
    const { client, fake } = clientWith(apiError(503, 'unavailable'));
    await expect(client.blobs.uploadPack(() => bytes, { retries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(fake.requests).toHaveLength(1);
  });

  it('re-sends a streamed upload with a fresh stream after a token refresh', async () => {
    let tokens = 0;
    const fake = createFakeFetch(apiError(401, 'token_expired'), json(200, { stored: [], already_present: [] }));
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch, token: async () => `mxa_${++tokens}` });
    let made = 0;
    await client.blobs.uploadPack(() => {
      made += 1;
      return bytes;
    });
    expect(made).toBe(2);
    expect(fake.requests.map((r) => r.headers['authorization'])).toEqual(['Bearer mxa_1', 'Bearer mxa_2']);
  });
});

describe('log history', () => {
  it('walks pages with after_seq while has_more', async () => {
    const { client, fake } = clientWith(json(200, fx.logPage([1, 2], true)), json(200, fx.logPage([3], false)));
    const lines = await client.logs.list({ deployment: 'dep_1' }, { limit: 2 }).toArray();
    expect(lines.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(fake.requests.map((r) => new URL(r.url).search)).toEqual(['?limit=2', '?after_seq=2&limit=2']);
  });

  it('with tail, reads exactly one page', async () => {
    const { client, fake } = clientWith(json(200, fx.logPage([8, 9], true)));
    const lines = await client.logs.list({ network: 'staging', app: 'web' }, { tail: true, limit: 2 }).toArray();
    expect(lines.map((l) => l.seq)).toEqual([8, 9]);
    expect(fake.requests).toHaveLength(1);
  });

  it('stops with malformed_response when paging does not advance', async () => {
    const { client } = clientWith(json(200, fx.logPage([3], true)), json(200, fx.logPage([3], true)));
    await expect(client.logs.list({ deployment: 'dep_1' }, { afterSeq: 2 }).toArray()).rejects.toMatchObject({ code: 'malformed_response' });
  });

  it('toArray({ max }) stops fetching', async () => {
    const { client, fake } = clientWith(json(200, fx.logPage([1, 2], true)));
    await expect(client.logs.list({ network: 'staging' }).toArray({ max: 1 })).resolves.toHaveLength(1);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('deployments.watch by polling', () => {
  it('reports new states before their lines, the final state after the last line', async () => {
    const { client } = clientWith(
      json(200, fx.deployment({ state: 'building', missing_blobs: [] })),
      json(200, fx.logPage([1, 2])),
      json(200, fx.deployment({ state: 'running', release: 1, missing_blobs: [] })),
      json(200, fx.logPage([3])),
    );
    const items = [];
    for await (const item of client.deployments.watch('dep_1', { transport: 'polling', pollIntervalMs: 1 })) items.push(item);
    expect(items.map((i) => (i.type === 'log' ? i.line.seq : i.type === 'state' ? i.state : i.type))).toEqual([
      'building',
      1,
      2,
      3,
      'running',
    ]);
    expect(items.at(-1)).toMatchObject({ type: 'state', state: 'running', previousState: 'building', release: 1 });
  });

  it('reports lines lost to retention as a gap', async () => {
    const { client } = clientWith(
      json(200, fx.deployment({ state: 'failed', missing_blobs: [], failure: { stage: 'build', reason: 'build_failed', message: 'x' } })),
      json(200, { ...fx.logPage([40]), earliest_seq: 40 }),
    );
    const items = [];
    for await (const item of client.deployments.watch('dep_1', { transport: 'polling', afterSeq: 10 })) items.push(item);
    expect(items[0]).toEqual({ type: 'log_gap', fromSeq: 11, toSeq: 39, reason: 'retention' });
    expect(items.map((i) => i.type)).toEqual(['log_gap', 'log', 'state']);
  });
});
