import { describe, expect, it } from 'vitest';
import { apiError, json, noContent, type Responder, fakeClient } from '../../test/fake-fetch.js';
import type { MaxClient } from '../client.js';
import { MaxRateLimitError, MaxValidationError } from '../errors/error-classes.js';
import type { Run, ShellSession } from '../types.js';

const TOKEN = 'mxp_SECRETshellTOKEN';
const clientWith = (...responders: Responder[]) => fakeClient({ token: TOKEN, retry: { limit: 2, baseDelayMs: 1 } }, ...responders);

const session = (over: Partial<ShellSession> = {}): ShellSession => ({
  id: 'sh_1',
  network: 'staging',
  app: 'web',
  command: ['bash'],
  term: 'xterm-256color',
  cols: 80,
  rows: 24,
  state: 'running',
  exit_code: null,
  signal: null,
  pid: 4242,
  attached_clients: 0,
  output_bytes: 0,
  detach_timeout_seconds: 300,
  created_at: '2026-12-03T08:00:00.000Z',
  ended_at: null,
  ...over,
});
const run = (over: Partial<Run> = {}): Run => ({
  id: 'run_1',
  network: 'staging',
  app: 'web',
  command: ['sh', '-c', 'exit 3'],
  state: 'running',
  exit_code: null,
  signal: null,
  error: null,
  pid: 4343,
  attached_clients: 0,
  release: 2,
  timeout_seconds: 3600,
  output_bytes: 0,
  created_at: '2026-12-03T08:00:00.000Z',
  started_at: '2026-12-03T08:00:00.010Z',
  finished_at: null,
  ...over,
});

interface Case {
  name: string;
  call: (client: MaxClient) => Promise<unknown>;
  respond: Responder;
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  body?: unknown;
  result: unknown;
}

const cases: Case[] = [
  {
    name: 'shells.create in an app',
    call: (c) => c.shells.create({ network: 'staging', app: 'web' }, { cols: 120, rows: 40, term: 'xterm' }),
    respond: json(201, session({ cols: 120, rows: 40, term: 'xterm' })),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/shells',
    body: { cols: 120, rows: 40, term: 'xterm' },
    result: session({ cols: 120, rows: 40, term: 'xterm' }),
  },
  {
    name: 'shells.create in a network',
    call: (c) => c.shells.create({ network: 'staging' }, { cols: 80, rows: 24 }),
    respond: json(201, session({ app: null })),
    method: 'POST',
    path: '/api/v1/networks/staging/shells',
    body: { cols: 80, rows: 24 },
    result: session({ app: null }),
  },
  {
    name: 'shells.list with filters walks every page',
    call: (c) => c.shells.list({ network: 'staging', app: 'web', state: 'running', limit: 1 }).toArray(),
    respond: json(200, { data: [session()], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/shells?network=staging&app=web&state=running&limit=1',
    result: [session()],
  },
  {
    name: 'shells.get',
    call: (c) => c.shells.get('sh_1'),
    respond: json(200, session({ state: 'exited', exit_code: 0, ended_at: '2026-12-03T08:01:00.000Z' })),
    method: 'GET',
    path: '/api/v1/shells/sh_1',
    result: session({ state: 'exited', exit_code: 0, ended_at: '2026-12-03T08:01:00.000Z' }),
  },
  {
    name: 'shells.delete',
    call: (c) => c.shells.delete('sh_1'),
    respond: noContent(),
    method: 'DELETE',
    path: '/api/v1/shells/sh_1',
    result: undefined,
  },
  {
    name: 'runs.create in an app',
    call: (c) => c.runs.create({ network: 'staging', app: 'web' }, { command: ['sh', '-c', 'exit 3'], timeout_seconds: 60 }),
    respond: json(201, run()),
    method: 'POST',
    path: '/api/v1/networks/staging/apps/web/runs',
    body: { command: ['sh', '-c', 'exit 3'], timeout_seconds: 60 },
    result: run(),
  },
  {
    name: 'runs.create in a network',
    call: (c) => c.runs.create({ network: 'staging' }, { command: ['env'] }),
    respond: json(201, run({ app: null, release: null, command: ['env'] })),
    method: 'POST',
    path: '/api/v1/networks/staging/runs',
    body: { command: ['env'] },
    result: run({ app: null, release: null, command: ['env'] }),
  },
  {
    name: 'runs.list',
    call: (c) => c.runs.list({ state: 'failed' }).toArray(),
    respond: json(200, { data: [run({ state: 'failed', exit_code: 127, error: 'nope: command not found', pid: null })], next_cursor: null }),
    method: 'GET',
    path: '/api/v1/runs?state=failed',
    result: [run({ state: 'failed', exit_code: 127, error: 'nope: command not found', pid: null })],
  },
  {
    name: 'runs.get',
    call: (c) => c.runs.get('run_1'),
    respond: json(200, run({ state: 'exited', exit_code: 3 })),
    method: 'GET',
    path: '/api/v1/runs/run_1',
    result: run({ state: 'exited', exit_code: 3 }),
  },
  {
    name: 'runs.cancel',
    call: (c) => c.runs.cancel('run_1'),
    respond: json(200, run({ state: 'cancelled', signal: 'SIGTERM' })),
    method: 'POST',
    path: '/api/v1/runs/run_1/cancel',
    result: run({ state: 'cancelled', signal: 'SIGTERM' }),
  },
];

describe('shells and runs resources', () => {
  it.each(cases)('$name', async ({ call, respond, method, path, body, result }) => {
    const { client, fake } = clientWith(respond);
    await expect(call(client)).resolves.toEqual(result);
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request?.method).toBe(method);
    expect(request?.url).toBe(`http://max.test${path}`);
    expect(request?.body).toEqual(body);
    expect(request?.headers['authorization']).toBe(`Bearer ${TOKEN}`);
    if (method === 'POST') expect(request?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('a retried create reuses its Idempotency-Key, so the platform never starts a second process', async () => {
    const { client, fake } = clientWith(apiError(503, 'unavailable'), json(201, run()));
    await expect(client.runs.create({ network: 'staging', app: 'web' }, { command: ['true'] })).resolves.toEqual(run());
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]?.headers['idempotency-key']).toBe(fake.requests[0]?.headers['idempotency-key']);
  });

  it('the live-session limit is a typed error with its details', async () => {
    const details = { kind: 'shell', limit: 10, live: 10 };
    const { client } = fakeClient({ token: TOKEN, retry: false }, apiError(429, 'session_limit', 'You already have 10 live shell sessions.', { details }));
    const error = await client.shells.create({ network: 'staging', app: 'web' }, { cols: 80, rows: 24 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxRateLimitError);
    expect(error).toMatchObject({ code: 'session_limit', details });
  });

  it('a response that breaks the contract is rejected, not passed on', async () => {
    const { client } = clientWith(json(200, { ...session(), pid: 'x' }));
    await expect(client.shells.get('sh_1')).rejects.toMatchObject({ code: 'malformed_response' });
  });

  it('rejects bad names, ids, filters and sizes before any request', async () => {
    const { client, fake } = clientWith();
    await expect(client.shells.create({ network: 'Staging', app: 'web' }, { cols: 80, rows: 24 })).rejects.toBeInstanceOf(MaxValidationError);
    await expect(client.runs.create({ network: 'staging', app: '-web' }, { command: ['true'] })).rejects.toBeInstanceOf(MaxValidationError);
    await expect(client.shells.get('')).rejects.toMatchObject({ details: { fields: [{ path: '/path/shell_id' }] } });
    await expect(client.runs.cancel('')).rejects.toMatchObject({ details: { fields: [{ path: '/path/run_id' }] } });
    await expect(client.shells.list({ app: 'web' }).toArray()).rejects.toMatchObject({ details: { fields: [{ path: '/query/app' }] } });
    await expect(client.shells.attach('sh_1', { cols: 0, rows: 24 })).rejects.toMatchObject({ details: { fields: [{ path: '/cols' }] } });
    await expect(client.runs.attach('run_1', { stdinWindowBytes: 0 })).rejects.toMatchObject({ details: { fields: [{ path: '/stdinWindowBytes' }] } });
    expect(fake.requests).toHaveLength(0);
  });
});
