import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveDeviceLogin, createApiToken } from '../src/index.js';
import { manualClock, startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin, type Tokens } from './helpers/login.js';

type ErrorBody = { error: { code: string } };

let t: TestPlatform;
const clock = manualClock();

beforeAll(async () => {
  // An injected clock makes expiry instant to test; the TTL is the real default (3600 s).
  t = await startTestPlatform({ clock });
});
afterAll(async () => {
  await t.stop();
});

const me = (token: string) => t.call<ErrorBody & { email: string }>('GET', '/api/v1/me', { token });
const refresh = (refreshToken: string) =>
  t.call<Tokens & ErrorBody>('POST', '/api/v1/auth/token', { body: { grant_type: 'refresh_token', refresh_token: refreshToken } });

describe('access and refresh tokens', () => {
  it('an expired access token answers 401 token_expired; refreshing gives a working one', async () => {
    const tokens = await deviceLogin(t.max, t.call);
    expect(tokens.expires_in).toBe(3600);
    expect((await me(tokens.access_token)).status).toBe(200);
    clock.advance(3601 * 1000);
    const expired = await me(tokens.access_token);
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe('token_expired');
    const rotated = await refresh(tokens.refresh_token);
    expect(rotated.status).toBe(200);
    expect(rotated.body.refresh_token).not.toBe(tokens.refresh_token);
    expect((await me(rotated.body.access_token)).status).toBe(200);
  });

  it('a reused refresh token is rejected and revokes the whole family', async () => {
    const tokens = await deviceLogin(t.max, t.call);
    const rotated = await refresh(tokens.refresh_token);
    expect(rotated.status).toBe(200);
    const reuse = await refresh(tokens.refresh_token);
    expect(reuse.status).toBe(401);
    expect(reuse.body.error.code).toBe('unauthenticated');
    // The family is dead: the new pair no longer works either.
    expect((await me(rotated.body.access_token)).body.error.code).toBe('unauthenticated');
    expect((await refresh(rotated.body.refresh_token)).status).toBe(401);
    const events = await t.call<{ data: { action: string }[] }>('GET', '/api/v1/events?action=auth.refresh_token_reused', {
      token: await createApiToken({ dataDir: t.dataDir, scope: 'read' }),
    });
    expect(events.body.data.length).toBeGreaterThanOrEqual(1);
  });

  it('revoking a refresh token kills its access tokens; revoking an access token kills only it', async () => {
    const a = await deviceLogin(t.max, t.call);
    expect((await t.call('POST', '/api/v1/auth/revoke', { body: { token: a.access_token } })).status).toBe(204);
    expect((await me(a.access_token)).body.error.code).toBe('unauthenticated');
    expect((await refresh(a.refresh_token)).status).toBe(200);

    const b = await deviceLogin(t.max, t.call);
    expect((await t.call('POST', '/api/v1/auth/revoke', { body: { token: b.refresh_token } })).status).toBe(204);
    expect((await me(b.access_token)).status).toBe(401);
    expect((await refresh(b.refresh_token)).status).toBe(401);
  });

  it('a refresh token is not a bearer token', async () => {
    const tokens = await deviceLogin(t.max, t.call);
    expect((await me(tokens.refresh_token)).status).toBe(401);
  });
});

describe('API tokens and exchange', () => {
  it('exchanges an API token for a session with its scope; deleting the API token ends the session', async () => {
    const admin = await createApiToken({ dataDir: t.dataDir, scope: 'admin' });
    const created = await t.call<{ id: string; token: string }>('POST', '/api/v1/auth/tokens', {
      token: admin,
      body: { name: 'exchange-me', scope: 'read' },
    });
    const session = await t.call<Tokens>('POST', '/api/v1/auth/token', {
      body: { grant_type: 'token_exchange', subject_token: created.body.token },
    });
    expect(session.status).toBe(200);
    expect(session.body.scope).toBe('read');
    expect((await me(session.body.access_token)).status).toBe(200);
    await t.call('DELETE', `/api/v1/auth/tokens/${created.body.id}`, { token: admin });
    expect((await me(created.body.token)).status).toBe(401);
    expect((await me(session.body.access_token)).status).toBe(401);
    expect((await refresh(session.body.refresh_token)).status).toBe(401);
  });

  it('an expired API token is rejected as unauthenticated (not refreshable)', async () => {
    const admin = await createApiToken({ dataDir: t.dataDir, scope: 'admin' });
    const created = await t.call<{ token: string }>('POST', '/api/v1/auth/tokens', {
      token: admin,
      body: { name: 'short', scope: 'read', expires_in: 60 },
    });
    expect((await me(created.body.token)).status).toBe(200);
    clock.advance(61 * 1000);
    const res = await me(created.body.token);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('a read token cannot create (403 forbidden)', async () => {
    const reader = await createApiToken({ dataDir: t.dataDir, scope: 'read' });
    const res = await t.call<ErrorBody>('POST', '/api/v1/networks', { token: reader, body: { name: 'read-only' } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('ownership', () => {
  it("another user's network looks absent (404) but its name is taken (409)", async () => {
    const alice = await createApiToken({ dataDir: t.dataDir, email: 'alice@example.com' });
    const bob = await createApiToken({ dataDir: t.dataDir, email: 'bob@example.com' });
    expect((await t.call('POST', '/api/v1/networks', { token: alice, body: { name: 'alice-net' } })).status).toBe(201);
    await t.call('POST', '/api/v1/networks/alice-net/apps', { token: alice, body: { name: 'web' } });
    expect((await t.call('GET', '/api/v1/networks/alice-net', { token: bob })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/networks/alice-net/apps', { token: bob })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/networks/alice-net/apps/web', { token: bob })).status).toBe(404);
    expect((await t.call('PATCH', '/api/v1/networks/alice-net', { token: bob, body: { description: 'x' } })).status).toBe(404);
    expect((await t.call('DELETE', '/api/v1/networks/alice-net?force=true', { token: bob })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/networks/alice-net/apps', { token: bob, body: { name: 'evil' } })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/networks', { token: bob, body: { name: 'alice-net' } })).status).toBe(409);
    const bobsList = await t.call<{ data: { name: string }[] }>('GET', '/api/v1/networks', { token: bob });
    expect(bobsList.body.data.map((n) => n.name)).not.toContain('alice-net');
    const bobsEvents = await t.call<{ data: { target: { network?: string } }[] }>('GET', '/api/v1/events', { token: bob });
    expect(bobsEvents.body.data.some((e) => e.target.network === 'alice-net')).toBe(false);
    const aliceTokens = await t.call<{ data: { id: string }[] }>('GET', '/api/v1/auth/tokens', { token: alice });
    const aliceTokenId = aliceTokens.body.data[0]?.id ?? '';
    expect((await t.call('DELETE', `/api/v1/auth/tokens/${aliceTokenId}`, { token: bob })).status).toBe(404);
  });
});

describe('device flow states', () => {
  const start = () =>
    t.call<{ device_code: string; user_code: string; interval: number; expires_in: number }>('POST', '/api/v1/auth/device/code', {
      body: { client_name: 'states', scope: 'deploy' },
    });
  const poll = (deviceCode: string) =>
    t.call<Tokens & ErrorBody>('POST', '/api/v1/auth/device/token', { body: { device_code: deviceCode } });

  it('pending → slow_down when polled too fast → success once → expired_token (single use)', async () => {
    const code = await start();
    expect(code.body.user_code).toMatch(/^[BCDFGHJKLMNPQRSTVWXZ]{4}-[BCDFGHJKLMNPQRSTVWXZ]{4}$/);
    expect(code.body.interval).toBe(1);
    expect(code.body.expires_in).toBe(600);
    expect((await poll(code.body.device_code)).body.error.code).toBe('authorization_pending');
    expect((await poll(code.body.device_code)).body.error.code).toBe('slow_down');
    await approveDeviceLogin({ baseUrl: t.max.url, adminLoginUrl: t.max.adminLoginUrl, userCode: code.body.user_code });
    const granted = await poll(code.body.device_code);
    expect(granted.status).toBe(200);
    expect(granted.body.scope).toBe('deploy');
    const again = await poll(code.body.device_code);
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('expired_token');
  });

  it('access_denied when the person denies', async () => {
    const code = await start();
    await approveDeviceLogin({ baseUrl: t.max.url, adminLoginUrl: t.max.adminLoginUrl, userCode: code.body.user_code, deny: true });
    expect((await poll(code.body.device_code)).body.error.code).toBe('access_denied');
  });

  it('expired_token after 600 s, and the code can no longer be approved', async () => {
    const code = await start();
    clock.advance(601 * 1000);
    expect((await poll(code.body.device_code)).body.error.code).toBe('expired_token');
    await expect(
      approveDeviceLogin({ baseUrl: t.max.url, adminLoginUrl: t.max.adminLoginUrl, userCode: code.body.user_code }),
    ).rejects.toThrow(/unknown, already used, or expired/);
  });

  it('an unknown device code is expired_token', async () => {
    expect((await poll('mxd_unknown')).body.error.code).toBe('expired_token');
  });

  it('the admin login link is single use', async () => {
    const first = await fetch(t.max.adminLoginUrl, { redirect: 'manual' });
    // Already redeemed by approveDeviceLogin above: without a session cookie it is refused.
    expect(first.status).toBe(401);
  });
});
