// A revoked credential cannot keep a socket: revocation closes every socket opened with it at once (4401
// token_revoked), without polling, and the reconnect is refused (HTTP 403) when nothing valid is left.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, startMaxLocal, type MaxLocal } from '../../src/index.js';
import { RawClient, startHarness, tokenProtocol, upgradeStatus, type Harness } from './harness.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(port: number, token: string): Promise<RawClient> {
  const client = await RawClient.open(port, { token });
  cleanups.push(() => client.close());
  return client;
}

/** Resolves with the close, or rejects when the socket is still open after `ms` ("promptly"). */
function closedWithin(client: RawClient, ms: number): Promise<{ code: number; reason: string }> {
  return Promise.race([
    client.closed,
    new Promise<never>((_resolve, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms)),
  ]);
}

describe('revocation notifications (endpoint)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    h.tokens.set('tok-a1', { userId: 'alice', expiresAt: null, credential: { kind: 'access_token', id: 'atk_1' } });
    h.tokens.set('tok-a2', { userId: 'alice', expiresAt: null, credential: { kind: 'access_token', id: 'atk_2' } });
    h.tokens.set('tok-p1', { userId: 'alice', expiresAt: null, credential: { kind: 'api_token', id: 'atk_1' } });
  });
  afterAll(() => h.close());

  it('closes exactly the sockets opened with a revoked credential, and ends their channels', async () => {
    const first = await open(h.port, 'tok-a1');
    const second = await open(h.port, 'tok-a1');
    const other = await open(h.port, 'tok-a2');
    // Same id, other kind: must not be confused with the access token.
    const apiToken = await open(h.port, 'tok-p1');
    first.send(['1', '1', 'events:alice', 'phx_join', {}]);
    await first.next();
    const listeners = h.events.listenerCount;

    h.revoke({ kind: 'access_token', id: 'atk_1' });
    expect(await closedWithin(first, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await closedWithin(second, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(h.events.listenerCount).toBe(listeners - 1);
    other.send([null, 'hb', 'phoenix', 'heartbeat', {}]);
    expect(await other.next()).toEqual([null, 'hb', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
    apiToken.send([null, 'hb', 'phoenix', 'heartbeat', {}]);
    expect(await apiToken.next()).toEqual([null, 'hb', 'phoenix', 'phx_reply', { status: 'ok', response: {} }]);
  });

  it('stops listening for revocations when the endpoint closes', async () => {
    const local = await startHarness();
    expect(local.revocationListenerCount).toBe(1);
    await local.close();
    expect(local.revocationListenerCount).toBe(0);
  });
});

describe('revocation in max-local', () => {
  let dir: string;
  let max: MaxLocal;
  let admin: string;
  let port: number;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'max-local-revoke-'));
    admin = await createApiToken({ dataDir: dir });
    max = await startMaxLocal({ port: 0, dataDir: dir });
    port = Number(new URL(max.url).port);
  });
  afterAll(async () => {
    await max.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function api<T>(method: string, path: string, body?: unknown, token: string | null = admin): Promise<T> {
    const response = await fetch(`${max.url}/api/v1${path}`, {
      method,
      headers: {
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  const newApiToken = (name: string) => api<{ id: string; token: string }>('POST', '/auth/tokens', { name, scope: 'read' });
  const exchange = (apiToken: string) =>
    api<{ access_token: string; refresh_token: string }>(
      'POST',
      '/auth/token',
      { grant_type: 'token_exchange', subject_token: apiToken },
      null,
    );
  const upgrade = (token: string) => upgradeStatus(port, ['phoenix', tokenProtocol(token)]);

  it('revoking an API token (RFC 7009) closes its sockets; it cannot reconnect', async () => {
    const { token } = await newApiToken('revoke-direct');
    const bystander = await open(port, admin);
    const client = await open(port, token);
    await api('POST', '/auth/revoke', { token }, null);
    expect(await closedWithin(client, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await upgrade(token)).toBe(403);
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
  });

  it('deleting an API token closes sockets of sessions exchanged from it', async () => {
    const created = await newApiToken('revoke-exchanged');
    const session = await exchange(created.token);
    const client = await open(port, session.access_token);
    await api('DELETE', `/auth/tokens/${created.id}`);
    expect(await closedWithin(client, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await upgrade(session.access_token)).toBe(403);
  });

  it('revoking a refresh token closes the sockets of its session\'s access tokens', async () => {
    const { token } = await newApiToken('revoke-session');
    const session = await exchange(token);
    const client = await open(port, session.access_token);
    await api('POST', '/auth/revoke', { token: session.refresh_token }, null);
    expect(await closedWithin(client, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await upgrade(session.access_token)).toBe(403);
    // The API token itself was not revoked: it can still open a socket.
    expect(await upgrade(token)).toBe(101);
  });

  it('revoking one access token closes only its sockets', async () => {
    const { token } = await newApiToken('revoke-access');
    const one = await exchange(token);
    const two = await exchange(token);
    const revoked = await open(port, one.access_token);
    const kept = await open(port, two.access_token);
    await api('POST', '/auth/revoke', { token: one.access_token }, null);
    expect(await closedWithin(revoked, 1_000)).toEqual({ code: 4401, reason: 'token_revoked' });
    kept.send([null, 'hb', 'phoenix', 'heartbeat', {}]);
    expect(await kept.next()).toMatchObject([null, 'hb', 'phoenix', 'phx_reply', { status: 'ok' }]);
  });
});
