import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { API, memoryStore, tempDir } from '../test/helpers.js';
import { parseCredentialRecord, type CredentialRecord } from './credential-record.js';
import { NotAuthenticatedError, OidcTokenUnavailableError } from './errors.js';
import { createOidcTokenProvider, detectOidcSource, fetchIdToken, loginWithOidc } from './oidc-login.js';
import { resolveCredentials } from './resolve-credentials.js';
import type { Me, OidcTokenResponse } from './sdk-contract.js';

let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(() => issuer.close());

const me: Me = {
  id: 'usr_1',
  email: 'ci@example.com',
  name: null,
  created_at: '2026-11-01T00:00:00Z',
  auth: { type: 'access_token', scope: 'deploy', expires_at: null, network: 'prod' },
};

function fakeExchange() {
  let n = 0;
  const seen: string[] = [];
  const exchangeOidcToken = vi.fn(async (idToken: string): Promise<OidcTokenResponse> => {
    seen.push(idToken);
    n += 1;
    return { access_token: `mxa_minted${n}`, token_type: 'Bearer', expires_in: 900, scope: 'deploy', network: 'prod', trust_policy_id: 'tp_1' };
  });
  return { auth: { exchangeOidcToken }, seen };
}

describe('detectOidcSource / fetchIdToken', () => {
  it('prefers the named env var, then GitHub Actions, else nothing', () => {
    const gh = issuer.actionsEnv();
    expect(detectOidcSource({ env: { RIG_OIDC_TOKEN: 'x.y.z', ...gh } })).toEqual({ kind: 'env', name: 'RIG_OIDC_TOKEN', audience: 'max' });
    expect(detectOidcSource({ env: gh, audience: 'custom' })).toEqual({ kind: 'github-actions', audience: 'custom' });
    expect(detectOidcSource({ env: gh, tokenEnv: 'CI_JOB_JWT' })).toEqual({ kind: 'env', name: 'CI_JOB_JWT', audience: 'max' });
    expect(detectOidcSource({ env: {} })).toBeNull();
  });

  it('reads an env var, refusing what is not a JWT without echoing it', async () => {
    const token = await issuer.sign();
    await expect(fetchIdToken({ kind: 'env', name: 'T', audience: 'max' }, { env: { T: ` ${token}\n` } })).resolves.toBe(token);
    const unset = fetchIdToken({ kind: 'env', name: 'T', audience: 'max' }, { env: {} });
    await expect(unset).rejects.toBeInstanceOf(OidcTokenUnavailableError);
    await expect(unset).rejects.toThrow(/T is not set or empty/);
    const wrong: Error = await fetchIdToken({ kind: 'env', name: 'T', audience: 'max' }, { env: { T: 'mxp_secret-looking' } }).then(() => new Error('resolved'), (e: unknown) => e as Error);
    expect(wrong.message).toMatch(/does not hold an OIDC ID token/);
    expect(JSON.stringify(wrong)).not.toContain('mxp_secret-looking');
  });

  it("asks GitHub's ID-token endpoint with the audience, as core.getIDToken does", async () => {
    const env = issuer.actionsEnv({ repository: 'acme/web' });
    const token = await fetchIdToken({ kind: 'github-actions', audience: 'max' }, { env });
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toMatchObject({ aud: 'max', repository: 'acme/web' });
    const bad: Error = await fetchIdToken({ kind: 'github-actions', audience: 'max' }, { env: { ...env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'wrong-request-token' } }).then(
      () => new Error('resolved'),
      (e: unknown) => e as Error,
    );
    expect(bad.message).toMatch(/HTTP 401/);
    expect(JSON.stringify(bad) + bad.message).not.toContain('wrong-request-token');
  });
});

describe('loginWithOidc', () => {
  it('exchanges, verifies and stores an oidc record (no ID token, no refresh token) that resolves back', async () => {
    const configDir = await tempDir();
    const client = fakeExchange();
    const env = { RIG_CREDENTIAL_STORE: 'file', RIG_CONFIG_DIR: configDir, ...issuer.actionsEnv() };
    const result = await loginWithOidc({ apiUrl: API, client, env, configDir, clientForToken: () => ({ me: { get: async () => me } }) });
    expect(result).toMatchObject({ network: 'prod', scope: 'deploy', storeKind: 'file', trustPolicyId: 'tp_1', source: { kind: 'github-actions' } });
    const file = await readFile(join(configDir, 'credentials.json'), 'utf8');
    expect(file).not.toContain(client.seen[0]);
    expect(file).not.toContain('refresh');
    const resolved = await resolveCredentials({ env, configDir });
    expect(resolved.credential.record).toMatchObject({ kind: 'oidc', oidc: { network: 'prod', source: { kind: 'github-actions', audience: 'max' } } });
    await expect(resolved.tokenProvider?.({ forceRefresh: false })).resolves.toBe('mxa_minted1');
  });

  it('says what is missing when the job provides no ID token', async () => {
    const error = await loginWithOidc({ apiUrl: API, client: fakeExchange(), env: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OidcTokenUnavailableError);
    expect((error as Error).message).toMatch(/RIG_OIDC_TOKEN is not set.*id-token: write/);
  });
});

describe('createOidcTokenProvider', () => {
  const record = (expiresAt: string): CredentialRecord => ({
    apiUrl: API,
    kind: 'oidc',
    accessToken: 'mxa_old',
    expiresAt,
    scope: 'deploy',
    oidc: { source: { kind: 'env', name: 'RIG_OIDC_TOKEN', audience: 'max' }, network: 'prod', trustPolicyId: 'tp_1' },
  });

  it('uses the stored token until it expires, then exchanges a fresh ID token once and stores it', async () => {
    const store = memoryStore();
    const client = fakeExchange();
    let now = Date.now();
    const idToken = await issuer.sign();
    const provider = createOidcTokenProvider({
      apiUrl: API,
      store,
      record: record(new Date(now + 600_000).toISOString()),
      env: { RIG_OIDC_TOKEN: idToken },
      authApi: () => client.auth,
      now: () => now,
    });
    await expect(provider({ forceRefresh: false })).resolves.toBe('mxa_old');
    now += 600_000;
    const [a, b] = await Promise.all([provider({ forceRefresh: false }), provider({ forceRefresh: false })]);
    expect([a, b]).toEqual(['mxa_minted1', 'mxa_minted1']);
    expect(client.auth.exchangeOidcToken).toHaveBeenCalledTimes(1);
    expect(store.data.get(API)).toMatchObject({ kind: 'oidc', accessToken: 'mxa_minted1' });
    // A forced refresh for the token it already replaced does not exchange again.
    await expect(provider({ forceRefresh: true, rejectedToken: 'mxa_old' })).resolves.toBe('mxa_minted1');
    expect(parseCredentialRecord(JSON.parse(JSON.stringify(store.data.get(API))))).toMatchObject({ kind: 'oidc' });
  });

  it('outside the job (no ID token any more) an expired login is NotAuthenticated, with what to do', async () => {
    const provider = createOidcTokenProvider({
      apiUrl: API,
      store: memoryStore(),
      record: record(new Date(Date.now() - 1000).toISOString()),
      env: {},
      authApi: () => fakeExchange().auth,
    });
    const error = await provider({ forceRefresh: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotAuthenticatedError);
    expect((error as Error).message).toMatch(/expired and no fresh ID token is available here.*rig login --oidc/);
  });
});
