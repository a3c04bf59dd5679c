import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMaxError, MaxClient, type TraceEvent } from '../src/index.js';

/**
 * client.auth.exchangeOidcToken and oidcTokenProvider against the real platform and a loopback issuer
 * (tools/oidc-issuer): the minted token works on its network only, refusals are typed errors with the server's
 * reason, and the ID token is in no trace or error.
 */

let max: MaxLocal;
let issuer: OidcIssuer;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-oidc-'));
  max = await startMaxLocal({ port: 0, dataDir });
  issuer = await startOidcIssuer();
  const admin = await createApiToken({ dataDir, name: 'sdk-oidc' });
  const setup = new MaxClient({ apiUrl: max.url, token: admin, retry: false });
  for (const name of ['prod', 'other']) {
    await setup.networks.create({ name });
    await setup.apps.create(name, { name: 'web' });
  }
  const policy = await setup.auth.trustPolicies.create({ issuer: issuer.issuer, repository: 'acme/web', ref: 'refs/heads/main', network: 'prod', scope: 'deploy' });
  expect(policy).toMatchObject({ network: 'prod', scope: 'deploy', audience: 'max', token_ttl_seconds: 900 });
  const listed: string[] = [];
  for await (const p of setup.auth.trustPolicies.list()) listed.push(p.id);
  expect(listed).toEqual([policy.id]);
});

afterAll(async () => {
  await max?.close();
  await issuer?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('client.auth.exchangeOidcToken', () => {
  it('mints a network-bound token; the ID token is in no trace', async () => {
    const traces: string[] = [];
    const anonymous = new MaxClient({ apiUrl: max.url, retry: false, onTrace: (e: TraceEvent) => traces.push(JSON.stringify(e)) });
    const idToken = await issuer.sign({ repository: 'acme/web' });
    const minted = await anonymous.auth.exchangeOidcToken(idToken);
    expect(minted).toMatchObject({ token_type: 'Bearer', scope: 'deploy', network: 'prod' });
    expect(minted.expires_in).toBeLessThanOrEqual(3600);
    expect(traces.length).toBeGreaterThan(0);
    expect(traces.join('\n')).not.toContain(idToken);
    expect(traces.join('\n')).not.toContain(minted.access_token);

    const client = new MaxClient({ apiUrl: max.url, token: minted.access_token, retry: false });
    expect((await client.apps.get('prod', 'web')).name).toBe('web');
    const other = await client.apps.get('other', 'web').catch((e: unknown) => e);
    expect(other).toMatchObject({ name: 'MaxNotFoundError', status: 404 });
    const me = await client.me.get();
    expect(me.auth).toMatchObject({ network: 'prod', oidc: { issuer: issuer.issuer } });
  });

  it('refusals are typed errors with the reason, and never carry the ID token', async () => {
    const client = new MaxClient({ apiUrl: max.url, retry: false });
    const expired = await issuer.sign({ repository: 'acme/web' }, { expired: true });
    const error = await client.auth.exchangeOidcToken(expired).catch((e: unknown) => e);
    expect(isMaxError(error)).toBe(true);
    expect(error).toMatchObject({ name: 'MaxAuthenticationError', status: 401, code: 'invalid_id_token', details: { reason: 'expired' } });
    expect(JSON.stringify(error)).not.toContain(expired);
    expect(String((error as Error).stack)).not.toContain(expired);

    const wrongRepo = await client.auth.exchangeOidcToken(await issuer.sign({ repository: 'acme/api' })).catch((e: unknown) => e);
    expect(wrongRepo).toMatchObject({ name: 'MaxPermissionError', status: 403, code: 'no_matching_trust_policy' });

    const notJwt = await client.auth.exchangeOidcToken('mxp_not-an-id-token').catch((e: unknown) => e);
    expect(notJwt).toMatchObject({ name: 'MaxAuthenticationError', code: 'invalid_id_token' });
    expect(JSON.stringify(notJwt)).not.toContain('mxp_not-an-id-token');
  });

  it('oidcTokenProvider exchanges once, reuses the token, and exchanges a fresh ID token near expiry', async () => {
    let clock = Date.now();
    const asked: string[] = [];
    const minted: string[] = [];
    const anonymous = new MaxClient({ apiUrl: max.url, retry: false });
    const token = anonymous.auth.oidcTokenProvider(
      async () => {
        asked.push('id-token');
        return issuer.sign({ repository: 'acme/web' });
      },
      { now: () => clock, onToken: (m) => minted.push(m.access_token) },
    );
    const client = new MaxClient({ apiUrl: max.url, token, retry: false });
    await Promise.all([client.apps.get('prod', 'web'), client.apps.get('prod', 'web'), client.me.get()]);
    expect(asked).toHaveLength(1);
    expect(minted).toHaveLength(1);
    clock += 15 * 60_000; // the default policy lifetime is 900 s: now within a minute of expiry
    await client.apps.get('prod', 'web');
    expect(asked).toHaveLength(2);
    expect(minted[1]).not.toBe(minted[0]);
  });

  it('trust policy delete revokes the minted tokens; a bad policy is a validation error', async () => {
    const admin = new MaxClient({ apiUrl: max.url, token: await createApiToken({ dataDir, name: 'sdk-oidc-2' }), retry: false });
    const extra = await admin.auth.trustPolicies.create({ issuer: issuer.issuer, repository: 'acme/extra', network: 'prod', scope: 'read' });
    const minted = await new MaxClient({ apiUrl: max.url, retry: false }).auth.exchangeOidcToken(await issuer.sign({ repository: 'acme/extra' }));
    expect(minted).toMatchObject({ trust_policy_id: extra.id, scope: 'read' });
    await admin.auth.trustPolicies.delete(extra.id);
    const after = await new MaxClient({ apiUrl: max.url, token: minted.access_token, retry: false }).me.get().catch((e: unknown) => e);
    expect(after).toMatchObject({ name: 'MaxAuthenticationError', status: 401 });
    const invalid = await admin.auth.trustPolicies
      .create({ issuer: 'http://ci.example.com', repository: 'acme/web', network: 'prod', scope: 'deploy' })
      .catch((e: unknown) => e);
    expect(invalid).toMatchObject({ name: 'MaxValidationError', status: 422 });
  });
});
