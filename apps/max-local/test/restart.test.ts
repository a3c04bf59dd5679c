import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/index.js';
import { startTestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

describe('restart', () => {
  let dataDir = '';
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps users, networks, apps, tokens, sessions and events across a restart on the same data dir', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'max-local-restart-'));
    const first = await startTestPlatform({ dataDir });
    const apiToken = await createApiToken({ dataDir, email: 'carol@example.com', scope: 'admin' });
    const session = await deviceLogin(first.max, first.call);
    await first.call('POST', '/api/v1/networks', { token: apiToken, body: { name: 'durable', description: 'survives' } });
    await first.call('POST', '/api/v1/networks/durable/apps', { token: apiToken, body: { name: 'api' } });
    const firstAdminUrl = first.max.adminLoginUrl;
    await first.stop();

    const second = await startTestPlatform({ dataDir });
    try {
      const me = await second.call<{ email: string }>('GET', '/api/v1/me', { token: apiToken });
      expect(me.body.email).toBe('carol@example.com');
      expect((await second.call('GET', '/api/v1/me', { token: session.access_token })).status).toBe(200);
      const refreshed = await second.call('POST', '/api/v1/auth/token', {
        body: { grant_type: 'refresh_token', refresh_token: session.refresh_token },
      });
      expect(refreshed.status).toBe(200);
      const network = await second.call<{ description: string; app_count: number }>('GET', '/api/v1/networks/durable', {
        token: apiToken,
      });
      expect(network.body).toMatchObject({ description: 'survives', app_count: 1 });
      expect((await second.call('GET', '/api/v1/networks/durable/apps/api', { token: apiToken })).status).toBe(200);
      const events = await second.call<{ data: { seq: number; action: string }[] }>('GET', '/api/v1/events', { token: apiToken });
      expect(events.body.data.map((e) => e.action)).toEqual(['app.created', 'network.created', 'api_token.created']);
      // A fresh one-time link each start; the old one is dead.
      expect(second.max.adminLoginUrl).not.toBe(firstAdminUrl);
      const oldLinkOnNewServer = new URL(new URL(firstAdminUrl).pathname + new URL(firstAdminUrl).search, second.max.url);
      expect((await fetch(oldLinkOnNewServer, { redirect: 'manual' })).status).toBe(401);
      // seq continues after the restart.
      await second.call('POST', '/api/v1/networks', { token: apiToken, body: { name: 'durable-2' } });
      const latest = await second.call<{ data: { seq: number }[] }>('GET', '/api/v1/events?limit=1', { token: apiToken });
      expect(latest.body.data[0]?.seq).toBe(4);
    } finally {
      await second.stop();
    }
  });
});
