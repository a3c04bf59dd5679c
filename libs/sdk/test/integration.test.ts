import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { approveDeviceLogin, createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isMaxError,
  MaxAuthenticationError,
  MaxClient,
  MaxConflictError,
  MaxNotFoundError,
  MaxValidationError,
  type TokenProvider,
  type TraceEvent,
} from '../src/index.js';

/**
 * The SDK against the real platform (max-local in this process, port 0, temp data dir): every namespace, the
 * error mapping, pagination over real cursors, idempotent replay, the device flow and the token_expired refresh.
 */

let max: MaxLocal;
let dataDir: string;
let apiToken: string;
/** Moves max-local's clock forward, to expire access tokens without waiting. */
let clockOffsetMs = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-it-'));
  max = await startMaxLocal({
    port: 0,
    dataDir,
    deviceCodeIntervalSeconds: 1,
    accessTokenTtlSeconds: 60,
    clock: { now: () => Date.now() + clockOffsetMs },
  });
  apiToken = await createApiToken({ dataDir, name: 'sdk-it' });
});

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const client = (token?: string | TokenProvider, onTrace?: (e: TraceEvent) => void) =>
  new MaxClient({ apiUrl: max.url, retry: false, ...(token === undefined ? {} : { token }), ...(onTrace ? { onTrace } : {}) });

async function rejection(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isMaxError(error)) throw error;
  return error;
}

describe('SDK against max-local', () => {
  it('me.get identifies the API token', async () => {
    const me = await client(apiToken).me.get();
    expect(me.auth).toMatchObject({ type: 'api_token', scope: 'admin' });
  });

  it('networks: create, conflict, get, update, list across pages, delete', async () => {
    const sdk = client(apiToken);
    for (const name of ['it-a', 'it-b', 'it-c', 'it-d', 'it-e']) await sdk.networks.create({ name });
    expect(await rejection(sdk.networks.create({ name: 'it-a' }))).toBeInstanceOf(MaxConflictError);

    const updated = await sdk.networks.update('it-a', { description: 'first' });
    expect(updated.description).toBe('first');
    expect((await sdk.networks.get('it-a')).description).toBe('first');

    const pages = [];
    for await (const page of sdk.networks.list({ q: 'it-', limit: 2 }).pages()) pages.push(page.data.map((n) => n.name));
    expect(pages).toEqual([['it-a', 'it-b'], ['it-c', 'it-d'], ['it-e']]);
    expect((await sdk.networks.list({ q: 'it-', sort: '-name' }).toArray({ max: 2 })).map((n) => n.name)).toEqual([
      'it-e',
      'it-d',
    ]);

    await sdk.networks.delete('it-e');
    const missing = await rejection(sdk.networks.get('it-e'));
    expect(missing).toBeInstanceOf(MaxNotFoundError);
    expect(missing.requestId).toBeTruthy();
  });

  it('apps: create, list, get, update, network_not_empty, delete', async () => {
    const sdk = client(apiToken);
    await sdk.networks.create({ name: 'it-apps' });
    const created = await sdk.apps.create('it-apps', { name: 'web', description: 'front' });
    expect(created).toMatchObject({ name: 'web', network: 'it-apps', status: 'created', current_release: null });
    await sdk.apps.create('it-apps', { name: 'api' });
    expect((await sdk.apps.list('it-apps').toArray()).map((a) => a.name)).toEqual(['api', 'web']);
    // Every network's apps in one list, walked page by page (limit 1) and filtered to one network.
    const everywhere = await sdk.apps.listAll({ network: 'it-apps', limit: 1 }).toArray();
    expect(everywhere.map((a) => `${a.network}/${a.name}`)).toEqual(['it-apps/api', 'it-apps/web']);
    expect(await rejection(sdk.apps.listAll({ network: 'it-none' }).toArray())).toBeInstanceOf(MaxNotFoundError);
    expect((await sdk.apps.update('it-apps', 'web', { health_check_path: '/ready' })).health_check_path).toBe('/ready');
    expect((await sdk.apps.get('it-apps', 'web')).health_check_path).toBe('/ready');

    const notEmpty = await rejection(sdk.networks.delete('it-apps'));
    expect(notEmpty).toBeInstanceOf(MaxConflictError);
    expect(notEmpty.code).toBe('network_not_empty');

    await sdk.apps.delete('it-apps', 'api');
    expect(await rejection(sdk.apps.get('it-apps', 'api'))).toBeInstanceOf(MaxNotFoundError);
    await sdk.networks.delete('it-apps', { force: true });
    expect(await rejection(sdk.networks.get('it-apps'))).toBeInstanceOf(MaxNotFoundError);
  });

  it('replays a POST with the same Idempotency-Key instead of conflicting', async () => {
    const sdk = client(apiToken);
    const first = await sdk.networks.create({ name: 'it-idem' }, { idempotencyKey: 'it-idem-1' });
    const again = await sdk.networks.create({ name: 'it-idem' }, { idempotencyKey: 'it-idem-1' });
    expect(again).toEqual(first);
    const reused = await rejection(sdk.networks.create({ name: 'it-other' }, { idempotencyKey: 'it-idem-1' }));
    expect(reused.code).toBe('idempotency_key_reused');
  });

  it('events.list returns the audit history with filters', async () => {
    const sdk = client(apiToken);
    await sdk.networks.create({ name: 'it-events' });
    const events = await sdk.events.list({ network: 'it-events' }).toArray();
    expect(events.map((e) => e.action)).toContain('network.created');
    expect(events.every((e) => e.target.network === 'it-events')).toBe(true);
  });

  it.each(['Bad_Name', '1abc', 'abc-', 'a'.repeat(64), ''])(
    'client-side name validation of %j matches the server’s answer (body and path)',
    async (name) => {
      const serverAnswer = async (path: string, init: RequestInit) => {
        const response = await fetch(`${max.url}${path}`, {
          ...init,
          headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json' },
        });
        expect(response.status).toBe(422);
        return ((await response.json()) as { error: { code: string; details: unknown } }).error;
      };
      const local = await rejection(client(apiToken).networks.create({ name }));
      expect(local).toBeInstanceOf(MaxValidationError);
      const remote = await serverAnswer('/api/v1/networks', { method: 'POST', body: JSON.stringify({ name }) });
      expect({ code: local.code, details: local.details }).toEqual({ code: remote.code, details: remote.details });

      if (name === '') return; // an empty path segment addresses the collection, not a network
      const localPath = await rejection(client(apiToken).networks.get(name));
      const remotePath = await serverAnswer(`/api/v1/networks/${encodeURIComponent(name)}`, { method: 'GET' });
      expect({ code: localPath.code, details: localPath.details }).toEqual({
        code: remotePath.code,
        details: remotePath.details,
      });
    },
  );

  it('auth.tokens: create, list, delete', async () => {
    const sdk = client(apiToken);
    const created = await sdk.auth.tokens.create({ name: 'it-ci', scope: 'read' });
    expect(created.token.startsWith('mxp_')).toBe(true);
    expect((await sdk.auth.tokens.list().toArray()).map((t) => t.id)).toContain(created.id);
    const readOnly = client(created.token);
    expect((await readOnly.me.get()).auth.scope).toBe('read');
    expect((await rejection(readOnly.networks.create({ name: 'it-nope' }))).name).toBe('MaxPermissionError');
    await sdk.auth.tokens.delete(created.id);
    expect(await rejection(readOnly.me.get())).toBeInstanceOf(MaxAuthenticationError);
  });

  it('device flow: request, approve in the browser, wait for tokens', async () => {
    const sdk = client();
    const auth = await sdk.auth.requestDeviceCode({ client_name: 'sdk it' });
    const approval = approveDeviceLogin({ baseUrl: max.url, adminLoginUrl: max.adminLoginUrl, userCode: auth.user_code });
    const tokens = await sdk.auth.waitForDeviceToken(auth, { signal: AbortSignal.timeout(15_000) });
    await approval;
    expect(tokens.access_token.startsWith('mxa_')).toBe(true);
    expect((await client(tokens.access_token).me.get()).auth.type).toBe('access_token');
  });

  it('refreshes once on token_expired through the provider, and revokes', async () => {
    const session = await client().auth.exchange(apiToken);
    let current = session;
    const provided: { forceRefresh: boolean; rejectedToken?: string }[] = [];
    const provider: TokenProvider = async (ctx) => {
      provided.push(ctx);
      if (ctx.forceRefresh) current = await client().auth.refresh(current.refresh_token);
      return current.access_token;
    };
    const traces: TraceEvent[] = [];
    const sdk = client(provider, (e) => traces.push(e));
    await sdk.me.get();
    clockOffsetMs += 61_000; // past the 60 s access token lifetime
    const me = await sdk.me.get();
    expect(me.auth.type).toBe('access_token');
    expect(provided.map((p) => p.forceRefresh)).toEqual([false, false, true]);
    expect(provided[2]?.rejectedToken).toBe(session.access_token);
    expect(traces.filter((t) => t.type === 'response').map((t) => t.status)).toEqual([200, 401, 200]);
    expect(JSON.stringify(traces)).not.toMatch(/mx[arp]_[A-Za-z0-9]/);

    await client().auth.revoke(current.refresh_token);
    const revoked = await rejection(client(current.access_token).me.get());
    expect(revoked).toBeInstanceOf(MaxAuthenticationError);
    expect(revoked.code).toBe('unauthenticated');
    expect(JSON.stringify(revoked) + String(revoked)).not.toContain(current.access_token);
  });
});
