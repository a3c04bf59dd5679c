// Full stack: max-local (REST + realtime on one port, SQLite in a temp data dir) and @max/rig-channels.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventRecord } from '@max/api-spec';
import { ChannelJoinError, MaxSocket, SocketAuthError, subscribeEvents, type StreamItem } from '../src/index.js';
import { fastBackoff, until } from './harness.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rig-channels-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function start(options: Parameters<typeof startMaxLocal>[0]): Promise<MaxLocal> {
  const max = await startMaxLocal(options);
  cleanups.push(() => max.close());
  return max;
}

async function api<T>(max: MaxLocal, token: string, method: string, path: string, body?: unknown): Promise<T> {
  const request = () =>
    fetch(`${max.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  // After a restart on the same port, fetch's pool may still hold a keep-alive connection to the old server.
  const response = await request().catch(() => request());
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (response.status === 204 ? undefined : await response.json()) as T;
}

const socketUrl = (max: MaxLocal): string => max.url; // http://… is mapped to ws://…/socket

describe('with max-local', () => {
  it('streams the event log live and survives a max-local restart on the same data dir', async () => {
    const dir = await dataDir();
    const token = await createApiToken({ dataDir: dir });
    let max = await start({ port: 0, dataDir: dir });
    const port = Number(new URL(max.url).port);
    const me = await api<{ id: string }>(max, token, 'GET', '/me');
    const socket = new MaxSocket({ url: socketUrl(max), token, backoff: fastBackoff });
    cleanups.push(() => socket.close());

    const items: StreamItem<EventRecord>[] = [];
    void (async () => {
      for await (const item of subscribeEvents(socket, { userId: me.id, afterSeq: 0 })) items.push(item);
    })();
    await api(max, token, 'POST', '/networks', { name: 'alpha' });
    await api(max, token, 'POST', '/networks', { name: 'beta' });
    await until(() => items.some((item) => item.kind === 'event' && item.data.target.network === 'beta'), 5_000, 'live');

    // Restart: the client reconnects on its own; an event written while the server was down (a new API
    // token, written straight to the data dir) is replayed from SQLite, then live events continue.
    await max.close();
    await createApiToken({ dataDir: dir, name: 'while-down' });
    max = await start({ port, dataDir: dir });
    await api(max, token, 'POST', '/networks', { name: 'gamma' });
    await until(() => items.some((item) => item.kind === 'event' && item.data.target.network === 'gamma'), 10_000, 'after restart');

    const page = await api<{ data: EventRecord[] }>(max, token, 'GET', '/events?limit=200');
    const history = [...page.data].sort((a, b) => a.seq - b.seq); // the REST list is newest first
    const delivered = items.flatMap((item) => (item.kind === 'event' ? [item.data] : []));
    expect(items.every((item) => item.kind === 'event')).toBe(true);
    expect(delivered.map((event) => event.seq)).toEqual(history.map((event) => event.seq));
    expect(delivered).toEqual(history);
    expect(delivered.map((event) => event.action)).toContain('api_token.created');
  });

  it('refuses another user\'s events topic', async () => {
    const dir = await dataDir();
    const max = await start({ port: 0, dataDir: dir });
    const mine = await createApiToken({ dataDir: dir });
    const theirs = await createApiToken({ dataDir: dir, email: 'someone-else@example.com' });
    const other = await api<{ id: string }>(max, theirs, 'GET', '/me');
    const socket = new MaxSocket({ url: socketUrl(max), token: mine, backoff: fastBackoff });
    cleanups.push(() => socket.close());
    const error = await (async () => {
      for await (const _item of subscribeEvents(socket, { userId: other.id })) {
        // never reached
      }
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelJoinError);
    expect((error as ChannelJoinError).reason).toBe('unauthorized');
  });

  it('an expired access token cannot keep a socket; the client comes back with a fresh one', async () => {
    const dir = await dataDir();
    const apiToken = await createApiToken({ dataDir: dir });
    const max = await start({ port: 0, dataDir: dir, accessTokenTtlSeconds: 1 });
    const me = await api<{ id: string }>(max, apiToken, 'GET', '/me');
    const issued: string[] = [];
    const forced: boolean[] = [];
    const socket = new MaxSocket({
      url: socketUrl(max),
      backoff: fastBackoff,
      token: async ({ forceRefresh }) => {
        forced.push(forceRefresh);
        const response = await fetch(`${max.url}/api/v1/auth/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ grant_type: 'token_exchange', subject_token: apiToken }),
        });
        const { access_token } = (await response.json()) as { access_token: string };
        issued.push(access_token);
        return access_token;
      },
    });
    cleanups.push(() => socket.close());
    const closes: number[] = [];
    socket.onStateChange((state) => state.status === 'reconnecting' && closes.push(Date.now()));
    const items: StreamItem<EventRecord>[] = [];
    void (async () => {
      for await (const item of subscribeEvents(socket, { userId: me.id })) items.push(item);
    })();
    await until(() => socket.state.status === 'open', 5_000, 'open');
    const openedAt = Date.now();
    // The server closes the socket when the 1 s token expires; the provider is asked to refresh.
    await until(() => issued.length >= 2 && socket.state.status === 'open', 5_000, 'reconnect with a new token');
    expect((closes[0] ?? Infinity) - openedAt).toBeLessThan(1_500);
    expect(forced.slice(0, 2)).toEqual([false, true]);
    expect(issued[1]).not.toBe(issued[0]);
    await api(max, apiToken, 'POST', '/networks', { name: 'after-expiry' });
    await until(() => items.some((item) => item.kind === 'event' && item.data.target.network === 'after-expiry'), 5_000, 'stream continues');
  });

  it('a revoked API token loses its socket at once and the stream ends with SocketAuthError', async () => {
    const dir = await dataDir();
    const max = await start({ port: 0, dataDir: dir });
    const admin = await createApiToken({ dataDir: dir });
    const me = await api<{ id: string }>(max, admin, 'GET', '/me');
    const doomed = await api<{ id: string; token: string }>(max, admin, 'POST', '/auth/tokens', { name: 'doomed', scope: 'read' });
    const socket = new MaxSocket({ url: socketUrl(max), token: doomed.token, backoff: fastBackoff });
    cleanups.push(() => socket.close());
    const items: StreamItem<EventRecord>[] = [];
    const ended = (async () => {
      for await (const item of subscribeEvents(socket, { userId: me.id })) items.push(item);
    })().catch((caught: unknown) => caught);
    await until(() => socket.state.status === 'open', 5_000, 'open');
    await api(max, admin, 'DELETE', `/auth/tokens/${doomed.id}`);
    const error = await ended;
    expect(error).toBeInstanceOf(SocketAuthError);
    expect(socket.state.status).toBe('closed');
  });

  it('a revoked session reconnects with a fresh token and the stream goes on without loss', async () => {
    const dir = await dataDir();
    const apiToken = await createApiToken({ dataDir: dir });
    const max = await start({ port: 0, dataDir: dir });
    const me = await api<{ id: string }>(max, apiToken, 'GET', '/me');
    const sessions: { access_token: string; refresh_token: string }[] = [];
    const socket = new MaxSocket({
      url: socketUrl(max),
      backoff: fastBackoff,
      token: async () => {
        const session = await api<{ access_token: string; refresh_token: string }>(max, apiToken, 'POST', '/auth/token', {
          grant_type: 'token_exchange',
          subject_token: apiToken,
        });
        sessions.push(session);
        return session.access_token;
      },
    });
    cleanups.push(() => socket.close());
    const items: StreamItem<EventRecord>[] = [];
    void (async () => {
      for await (const item of subscribeEvents(socket, { userId: me.id })) items.push(item);
    })();
    await until(() => socket.state.status === 'open', 5_000, 'open');
    await api(max, apiToken, 'POST', '/networks', { name: 'before-revoke' });
    await until(() => items.some((item) => item.kind === 'event' && item.data.target.network === 'before-revoke'), 5_000, 'live');
    const first = sessions[0];
    if (!first) throw new Error('no session');
    // Revoking the session's refresh token revokes its access token: the socket is closed (4401) and the
    // client comes back with a new session; events written meanwhile are replayed.
    await api(max, apiToken, 'POST', '/auth/revoke', { token: first.refresh_token });
    await api(max, apiToken, 'POST', '/networks', { name: 'after-revoke' });
    await until(() => items.some((item) => item.kind === 'event' && item.data.target.network === 'after-revoke'), 5_000, 'resumed');
    expect(sessions.length).toBeGreaterThanOrEqual(2);
    const seqs = items.flatMap((item) => (item.kind === 'event' ? [item.seq] : []));
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => (seqs[0] ?? 0) + i));
  });
});
