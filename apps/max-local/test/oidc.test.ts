// Keyless CI login against a loopback issuer (tools/oidc-issuer: keys made by jose, discovery + JWKS on 127.0.0.1):
// a matching ID token is exchanged for a short-lived token bound to one network and scope; every refusal has a
// clear code, reason and message, and is an audit event; the minted token cannot touch another network (REST and
// channels) or exceed its scope.
import { Socket } from 'phoenix';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

let t: TestPlatform;
let issuer: OidcIssuer;
let admin: string;
let policyId: string;
const REPO = 'acme/web';

interface ErrorBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}
interface Exchanged {
  access_token: string;
  token_type: string;
  expires_in: number;
  scope: string;
  network: string;
  trust_policy_id: string;
}
interface EventPage {
  data: { action: string; actor: { type: string; id: string }; target: { id?: string; network?: string }; details: Record<string, unknown> }[];
}

const exchange = (idToken: string) => t.call<Exchanged & ErrorBody>('POST', '/api/v1/auth/oidc/token', { body: { id_token: idToken } });

async function refusedEvents(): Promise<EventPage['data']> {
  const res = await t.call<EventPage>('GET', '/api/v1/events?action=auth.oidc_exchange_refused&limit=200', { token: admin });
  return res.body.data;
}

/** Asserts a refusal: status, code, reason, a message that says why, and one new audit event with that reason. */
async function expectRefused(idToken: string, status: number, code: string, reason: string, message: RegExp): Promise<void> {
  const before = (await refusedEvents()).length;
  const res = await exchange(idToken);
  expect(res.status).toBe(status);
  expect(res.body.error.code).toBe(code);
  if (code === 'invalid_id_token') expect(res.body.error.details?.['reason']).toBe(reason);
  expect(res.body.error.message).toMatch(message);
  expect(res.text).not.toContain(idToken);
  const events = await refusedEvents();
  expect(events.length).toBe(before + 1);
  const newest = events[0];
  expect(newest?.details['reason']).toBe(reason);
  expect(newest?.details['outcome']).toBe('refused');
  expect(JSON.stringify(newest)).not.toContain(idToken.split('.')[2] || idToken);
}

beforeAll(async () => {
  issuer = await startOidcIssuer();
  t = await startTestPlatform();
  admin = (await deviceLogin(t.max, t.call)).access_token;
  for (const network of ['prod', 'other']) {
    expect((await t.call('POST', '/api/v1/networks', { token: admin, body: { name: network } })).status).toBe(201);
    expect((await t.call('POST', `/api/v1/networks/${network}/apps`, { token: admin, body: { name: 'web' } })).status).toBe(201);
  }
  const created = await t.call<{ id: string; issuer: string; token_ttl_seconds: number; audience: string }>('POST', '/api/v1/oidc/trust-policies', {
    token: admin,
    body: { issuer: issuer.issuer, repository: REPO, ref: 'refs/heads/main', network: 'prod', scope: 'deploy' },
  });
  expect(created.status).toBe(201);
  expect(created.body).toMatchObject({ issuer: issuer.issuer, audience: 'max', token_ttl_seconds: 900 });
  policyId = created.body.id;
});

afterAll(async () => {
  await t?.stop();
  await issuer?.close();
});

describe('OIDC exchange', () => {
  let minted: Exchanged;

  it('exchanges a matching ID token for a short-lived token bound to the policy network and scope', async () => {
    const idToken = await issuer.sign({ repository: REPO, ref: 'refs/heads/main' });
    const res = await exchange(idToken);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'deploy', network: 'prod', trust_policy_id: policyId });
    expect(res.body.expires_in).toBeGreaterThan(0);
    expect(res.body.expires_in).toBeLessThanOrEqual(3600);
    expect(res.body).not.toHaveProperty('refresh_token');
    minted = res.body;

    const me = await t.call<{ auth: Record<string, unknown> }>('GET', '/api/v1/me', { token: minted.access_token });
    expect(me.status).toBe(200);
    expect(me.body.auth).toMatchObject({
      type: 'access_token',
      scope: 'deploy',
      network: 'prod',
      oidc: { trust_policy_id: policyId, issuer: issuer.issuer, subject: `repo:${REPO}:ref:refs/heads/main` },
    });

    // The grant is an audit event in the policy owner's history, with the claims and never the token.
    const granted = await t.call<EventPage>('GET', '/api/v1/events?action=auth.oidc_exchange', { token: admin });
    const event = granted.body.data[0];
    expect(event?.target).toMatchObject({ id: policyId, network: 'prod' });
    expect(event?.details).toMatchObject({ outcome: 'granted', repository: REPO, ref: 'refs/heads/main', scope: 'deploy', issuer: issuer.issuer });
    expect(granted.text).not.toContain(minted.access_token);
    expect(granted.text).not.toContain(idToken);
    // The discovery document and the JWKS were fetched, once each so far.
    expect(issuer.requests.filter((r) => r.path.endsWith('/jwks'))).toHaveLength(1);
  });

  it('works on its own network, within its scope', async () => {
    const token = minted.access_token;
    expect((await t.call('GET', '/api/v1/networks/prod/apps/web', { token })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/networks/prod/apps/web/vars', { token, body: { vars: { MODE: 'ci' } } })).status).toBe(200);
    expect((await t.call('POST', '/api/v1/networks/prod/apps', { token, body: { name: 'pr-7' } })).status).toBe(201);
    const networks = await t.call<{ data: { name: string }[] }>('GET', '/api/v1/networks', { token });
    expect(networks.body.data.map((n) => n.name)).toEqual(['prod']);
    // Every app of every network: only its own network's.
    const apps = await t.call<{ data: { network: string }[] }>('GET', '/api/v1/apps?limit=5000', { token });
    expect(apps.status).toBe(200);
    expect(apps.body.data.length).toBeGreaterThan(0);
    expect(apps.body.data.every((a) => a.network === 'prod')).toBe(true);
    const events = await t.call<EventPage>('GET', '/api/v1/events?limit=200', { token });
    expect(events.status).toBe(200);
    expect(events.body.data.length).toBeGreaterThan(0);
    expect(events.body.data.every((e) => e.target.network === 'prod')).toBe(true);
    const exported = await t.call<{ networks: { name: string }[] }>('GET', '/api/v1/config/export', { token });
    expect(exported.status).toBe(200);
    expect(exported.body.networks.map((n) => n.name)).toEqual(['prod']);
  });

  it('cannot touch another network: 404 as for a network that does not exist', async () => {
    const token = minted.access_token;
    for (const [method, path, body] of [
      ['GET', '/api/v1/networks/other', undefined],
      ['GET', '/api/v1/networks/other/apps/web', undefined],
      ['POST', '/api/v1/networks/other/apps/web/vars', { vars: { MODE: 'ci' } }],
      ['GET', '/api/v1/networks/other/apps/web/env', undefined],
      ['GET', '/api/v1/events?network=other', undefined],
      ['GET', '/api/v1/apps?network=other', undefined],
      ['GET', '/api/v1/config/export?network=other', undefined],
      ['POST', '/api/v1/config/plan', { document: { version: 1, networks: [{ name: 'other' }] } }],
      ['POST', '/api/v1/config/apply', { document: { version: 1, networks: [{ name: 'prod' }, { name: 'other' }] } }],
    ] as const) {
      const res = await t.call<ErrorBody>(method, path, { token, ...(body ? { body } : {}) });
      expect([method, path, res.status, res.body.error.code]).toEqual([method, path, 404, 'not_found']);
    }
    // Copying secrets from another network into its own would read across networks.
    expect((await t.call('POST', '/api/v1/networks/other/apps/web/secrets', { token: admin, body: { secrets: { API_KEY: 'other-secret' } } })).status).toBe(200);
    const copy = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/apps/web/secrets/copy', { token, body: { from: { network: 'other', app: 'web' } } });
    expect([copy.status, copy.body.error.code]).toEqual([404, 'not_found']);
    const copyInto = await t.call<ErrorBody>('POST', '/api/v1/networks/other/apps/web/secrets/copy', { token, body: { from: { network: 'prod', app: 'web' } } });
    expect(copyInto.status).toBe(404);
    // The admin's view is unchanged: nothing was written to the other network.
    const vars = await t.call<{ data: unknown[] }>('GET', '/api/v1/networks/other/apps/web/vars', { token: admin });
    expect(vars.body.data).toEqual([]);
  });

  it('runs commands on its network only, and sees only its own runs', async () => {
    const token = minted.access_token;
    const mine = await t.call<{ id: string }>('POST', '/api/v1/networks/prod/runs', { token, body: { command: ['true'] } });
    expect(mine.status).toBe(201);
    const theirs = await t.call<{ id: string }>('POST', '/api/v1/networks/other/runs', { token: admin, body: { command: ['true'] } });
    expect(theirs.status).toBe(201);
    expect((await t.call('GET', `/api/v1/runs/${mine.body.id}`, { token })).status).toBe(200);
    expect((await t.call<ErrorBody>('GET', `/api/v1/runs/${theirs.body.id}`, { token })).status).toBe(404);
    expect((await t.call<ErrorBody>('POST', `/api/v1/runs/${theirs.body.id}/cancel`, { token })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/networks/other/runs', { token, body: { command: ['true'] } })).status).toBe(404);
    const runs = await t.call<{ data: { id: string; network: string }[] }>('GET', '/api/v1/runs', { token });
    expect(runs.status).toBe(200);
    expect(runs.body.data.map((r) => r.network)).toEqual(['prod']);
    expect((await t.call('GET', '/api/v1/runs?network=other', { token })).status).toBe(404);
  });

  it('cannot exceed its scope or escape its binding', async () => {
    const token = minted.access_token;
    const deleteNetwork = await t.call<ErrorBody>('DELETE', '/api/v1/networks/prod', { token });
    expect(deleteNetwork.status).toBe(403);
    expect(deleteNetwork.body.error.message).toMatch(/"admin" scope/);
    for (const [method, path, body] of [
      ['POST', '/api/v1/networks', { name: 'mine' }],
      ['GET', '/api/v1/dashboard', undefined],
      ['GET', '/api/v1/auth/tokens', undefined],
    ] as const) {
      const res = await t.call<ErrorBody>(method, path, { token, ...(body ? { body } : {}) });
      expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'forbidden']);
      expect(res.body.error.message).toMatch(/bound to network "prod"/);
    }
  });

  it('joins only channel topics of its network', async () => {
    const socket = new Socket(`${t.max.url.replace('http', 'ws')}/socket`, { transport: WebSocket, authToken: minted.access_token });
    socket.connect();
    try {
      const join = (topic: string) =>
        new Promise<{ status: string; response: Record<string, unknown> }>((resolve) => {
          const channel = socket.channel(topic, {});
          channel
            .join()
            .receive('ok', (response: Record<string, unknown>) => resolve({ status: 'ok', response }))
            .receive('error', (response: Record<string, unknown>) => {
              channel.leave();
              resolve({ status: 'error', response });
            });
        });
      expect((await join('logs:network:prod')).status).toBe('ok');
      expect((await join('logs:app:prod/web')).status).toBe('ok');
      expect(await join('logs:network:other')).toMatchObject({ status: 'error', response: { reason: 'not_found' } });
      expect(await join('logs:app:other/web')).toMatchObject({ status: 'error', response: { reason: 'not_found' } });
      const me = await t.call<{ id: string }>('GET', '/api/v1/me', { token: admin });
      expect(await join(`events:${me.body.id}`)).toMatchObject({ status: 'error', response: { reason: 'unauthorized' } });
    } finally {
      socket.disconnect();
    }
  });

  it('refuses wrong repo, wrong ref and wrong audience with a clear message and an audit event', async () => {
    await expectRefused(await issuer.sign({ repository: 'acme/other', ref: 'refs/heads/main' }), 403, 'no_matching_trust_policy', 'no_matching_policy', /repository "acme\/other"/);
    await expectRefused(await issuer.sign({ repository: REPO, ref: 'refs/heads/feature' }), 403, 'no_matching_trust_policy', 'no_matching_policy', /ref "refs\/heads\/feature"/);
    await expectRefused(await issuer.sign({ repository: REPO, aud: 'someone-else' }), 401, 'invalid_id_token', 'wrong_audience', /audience \["someone-else"\].*"max"/);
    // The refusal does not say which policies exist: only the token's own claims are echoed.
    const res = await exchange(await issuer.sign({ repository: 'acme/other' }));
    expect(res.text).not.toContain(policyId);
    expect(res.text).not.toContain('prod');
  });

  it('refuses expired, not yet valid, another key, alg none and HMAC tokens', async () => {
    await expectRefused(await issuer.sign({ repository: REPO }, { expired: true }), 401, 'invalid_id_token', 'expired', /expired at .*clock skew/);
    await expectRefused(await issuer.sign({ repository: REPO }, { notYetValid: true }), 401, 'invalid_id_token', 'not_yet_valid', /not valid before/);
    await expectRefused(await issuer.sign({ repository: REPO }, { key: 'other' }), 401, 'invalid_id_token', 'bad_signature', /signature does not verify/);
    await expectRefused(await issuer.sign({ repository: REPO }, { key: 'other', kid: 'not-published' }), 401, 'invalid_id_token', 'unknown_key', /key its issuer does not publish/);
    await expectRefused(await issuer.sign({ repository: REPO }, { alg: 'none' }), 401, 'invalid_id_token', 'alg_not_allowed', /alg "none".*never accepted/);
    await expectRefused(await issuer.sign({ repository: REPO }, { alg: 'HS256' }), 401, 'invalid_id_token', 'alg_not_allowed', /HMAC algorithms are never accepted/);
    await expectRefused('not-a-jwt', 401, 'invalid_id_token', 'malformed', /not a compact JWT/);
    // A small clock skew is tolerated: nbf 30 s ahead is fine.
    const now = Math.floor(Date.now() / 1000);
    expect((await exchange(await issuer.sign({ repository: REPO, nbf: now + 30, iat: now + 30 }))).status).toBe(200);
  });

  it('refuses an unknown issuer without fetching anything from it, and records it for the platform owner', async () => {
    const stranger = await startOidcIssuer();
    try {
      await expectRefused(await stranger.sign({ repository: REPO }), 401, 'invalid_id_token', 'unknown_issuer', /No trust policy names the issuer/);
      expect(stranger.requests).toEqual([]);
    } finally {
      await stranger.close();
    }
  });

  it('answers 503 when a trusted issuer cannot be reached', async () => {
    const flaky = await startOidcIssuer();
    const policy = await t.call<{ id: string }>('POST', '/api/v1/oidc/trust-policies', {
      token: admin,
      body: { issuer: flaky.issuer, repository: REPO, network: 'prod', scope: 'read' },
    });
    flaky.fail('discovery', 500);
    const res = await exchange(await flaky.sign({ repository: REPO }));
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ code: 'unavailable', details: { reason: 'issuer_unreachable' } });
    expect(res.body.error.message).toMatch(/HTTP 500/);
    flaky.fail('discovery', null);
    const ok = await exchange(await flaky.sign({ repository: REPO }));
    expect(ok.status).toBe(200);
    expect(ok.body.scope).toBe('read');
    await flaky.close();
    expect((await t.call('DELETE', `/api/v1/oidc/trust-policies/${policy.body.id}`, { token: admin })).status).toBe(204);
  });

  it('deleting the policy revokes its tokens and refuses new exchanges', async () => {
    const idToken = await issuer.sign({ repository: REPO });
    const fresh = await exchange(idToken);
    expect(fresh.status).toBe(200);
    const list = await t.call<{ data: { id: string }[] }>('GET', '/api/v1/oidc/trust-policies', { token: admin });
    expect(list.body.data.map((p) => p.id)).toContain(policyId);
    expect((await t.call('DELETE', `/api/v1/oidc/trust-policies/${policyId}`, { token: admin })).status).toBe(204);
    expect((await t.call('GET', '/api/v1/me', { token: fresh.body.access_token })).status).toBe(401);
    expect((await t.call('GET', '/api/v1/me', { token: minted.access_token })).status).toBe(401);
    await expectRefused(idToken, 401, 'invalid_id_token', 'unknown_issuer', /No trust policy names the issuer/);
  });
});

describe('trust policies', () => {
  it('validates input and ownership', async () => {
    const bad = async (body: Record<string, unknown>, status: number, pattern: RegExp) => {
      const res = await t.call<ErrorBody>('POST', '/api/v1/oidc/trust-policies', { token: admin, body });
      expect(res.status).toBe(status);
      expect(JSON.stringify(res.body.error)).toMatch(pattern);
    };
    const base = { issuer: 'https://token.actions.githubusercontent.com', repository: REPO, network: 'prod', scope: 'deploy' };
    await bad({ ...base, issuer: 'http://issuer.example.com' }, 422, /https:\/\/.*loopback/);
    await bad({ ...base, issuer: 'https://issuer.example.com/?x=1' }, 422, /query or fragment/);
    await bad({ ...base, scope: 'admin' }, 422, /\/scope/);
    await bad({ ...base, repository: 'no-slash' }, 422, /\/repository/);
    await bad({ ...base, ref: 'refs/*/main' }, 422, /\/ref/);
    await bad({ ...base, token_ttl_seconds: 7200 }, 422, /token_ttl_seconds/);
    await bad({ ...base, network: 'nope' }, 404, /not found/);
    const ok = await t.call<{ ref: string | null; environment: string | null }>('POST', '/api/v1/oidc/trust-policies', {
      token: admin,
      body: { ...base, ref: 'refs/tags/v*', environment: 'production', token_ttl_seconds: 300 },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ ref: 'refs/tags/v*', environment: 'production' });
  });

  it('matches environment and ref prefixes, most specific policy first', async () => {
    const env = await startOidcIssuer();
    try {
      const create = async (body: Record<string, unknown>) =>
        (await t.call<{ id: string }>('POST', '/api/v1/oidc/trust-policies', {
          token: admin,
          body: { issuer: env.issuer, repository: REPO, scope: 'deploy', ...body },
        })).body.id;
      const anyRef = await create({ network: 'other', scope: 'read' });
      const tagged = await create({ network: 'prod', ref: 'refs/tags/v*', environment: 'production' });
      const viaTag = await exchange(await env.sign({ repository: 'ACME/Web', ref: 'refs/tags/v1.2.0', environment: 'production' }));
      expect(viaTag.body).toMatchObject({ trust_policy_id: tagged, network: 'prod', scope: 'deploy' });
      const viaBranch = await exchange(await env.sign({ repository: REPO, ref: 'refs/heads/dev' }));
      expect(viaBranch.body).toMatchObject({ trust_policy_id: anyRef, network: 'other', scope: 'read' });
      // A read-scoped token cannot write, even on its own network.
      const write = await t.call<ErrorBody>('POST', '/api/v1/networks/other/vars', { token: viaBranch.body.access_token, body: { vars: { A: '1' } } });
      expect(write.status).toBe(403);
    } finally {
      await env.close();
    }
  });

  it('needs the admin scope, and a network-bound token can never manage them', async () => {
    const res = await t.call<ErrorBody>('GET', '/api/v1/oidc/trust-policies');
    expect(res.status).toBe(401);
  });
});
