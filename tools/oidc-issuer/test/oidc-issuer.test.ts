import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRemoteJWKSet, decodeProtectedHeader, decodeJwt, jwtVerify } from 'jose';
import { startOidcIssuer, type OidcIssuer } from '../src/index.js';

let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(() => issuer.close());

async function verify(token: string, from: OidcIssuer = issuer) {
  const jwks = createRemoteJWKSet(new URL(from.jwksUrl));
  return jwtVerify(token, jwks, { issuer: from.issuer, audience: 'max', algorithms: ['RS256', 'ES256'] });
}

/** What `@actions/core`'s getIDToken does: GET the URL + `&audience=`, bearer the request token, read `value`. */
async function getIDToken(env: { ACTIONS_ID_TOKEN_REQUEST_URL: string; ACTIONS_ID_TOKEN_REQUEST_TOKEN: string }, audience?: string) {
  let url = env.ACTIONS_ID_TOKEN_REQUEST_URL;
  if (audience) url += `&audience=${encodeURIComponent(audience)}`;
  const res = await fetch(url, { headers: { authorization: `Bearer ${env.ACTIONS_ID_TOKEN_REQUEST_TOKEN}`, accept: 'application/json' } });
  const body = (await res.json()) as { value?: string };
  return { status: res.status, body, value: body.value ?? '' };
}

describe('oidc-issuer', () => {
  it('serves discovery and JWKS on loopback', async () => {
    expect(issuer.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const disc = (await (await fetch(issuer.discoveryUrl)).json()) as Record<string, unknown>;
    expect(disc.issuer).toBe(issuer.issuer);
    expect(disc.jwks_uri).toBe(issuer.jwksUrl);
    const jwks = (await (await fetch(issuer.jwksUrl)).json()) as { keys: Array<Record<string, unknown>> };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kid: issuer.kid, alg: 'RS256', kty: 'RSA', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('mints GitHub-shaped tokens that verify against its JWKS', async () => {
    const token = await issuer.sign({ repository: 'acme/web', ref: 'refs/heads/main' });
    const { payload, protectedHeader } = await verify(token);
    expect(protectedHeader).toMatchObject({ alg: 'RS256', kid: issuer.kid, typ: 'JWT' });
    expect(payload).toMatchObject({
      iss: issuer.issuer,
      aud: 'max',
      sub: 'repo:acme/web:ref:refs/heads/main',
      repository: 'acme/web',
      repository_owner: 'acme',
      ref: 'refs/heads/main',
      ref_type: 'branch',
      event_name: 'push',
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(300);
    expect(payload.nbf).toBe(payload.iat);
    const env = decodeJwt(await issuer.sign({ repository: 'acme/web', environment: 'production' }));
    expect(env.sub).toBe('repo:acme/web:environment:production');
    expect(env.environment).toBe('production');
    expect(decodeJwt(await issuer.sign({ event_name: 'pull_request' })).sub).toBe('repo:octo-org/octo-repo:pull_request');
  });

  it('signs bad tokens on request: another key, alg none, HS256, expired, not yet valid', async () => {
    const other = await issuer.sign({}, { key: 'other' });
    expect(decodeProtectedHeader(other).kid).toBe(issuer.kid);
    await expect(verify(other)).rejects.toThrow(/signature verification failed/);
    await expect(verify(await issuer.sign({}, { key: 'other', kid: 'unknown-kid' }))).rejects.toThrow(/no applicable key/);

    const none = await issuer.sign({}, { alg: 'none' });
    expect(none.endsWith('.')).toBe(true);
    expect(decodeProtectedHeader(none).alg).toBe('none');
    await expect(verify(none)).rejects.toThrow();

    const hs = await issuer.sign({}, { alg: 'HS256' });
    expect(decodeProtectedHeader(hs).alg).toBe('HS256');
    await expect(verify(hs)).rejects.toThrow(/alg/);

    await expect(verify(await issuer.sign({}, { expired: true }))).rejects.toThrow(/"exp" claim/);
    await expect(verify(await issuer.sign({}, { notYetValid: true }))).rejects.toThrow(/"nbf" claim/);
    await expect(verify(await issuer.sign({ aud: 'someone-else' }))).rejects.toThrow(/"aud" claim/);
  });

  it('emulates the runner ID-token endpoint as core.getIDToken calls it', async () => {
    const env = issuer.actionsEnv({ repository: 'acme/api', ref: 'refs/heads/release' });
    expect(env.ACTIONS_ID_TOKEN_REQUEST_URL).toContain('?api-version=2.0');
    const ok = await getIDToken(env, 'max');
    expect(ok.status).toBe(200);
    const { payload } = await verify(ok.value);
    expect(payload).toMatchObject({ aud: 'max', repository: 'acme/api', sub: 'repo:acme/api:ref:refs/heads/release' });
    // GitHub's default audience is the owner's URL.
    expect(decodeJwt((await getIDToken(env)).value).aud).toBe('https://github.com/acme');
    // Sign options travel with the env: a runner that hands out expired tokens.
    const stale = issuer.actionsEnv({}, { expired: true });
    await expect(verify((await getIDToken(stale, 'max')).value)).rejects.toThrow(/"exp" claim/);
    // An aud fixed in actionsEnv wins over the requested one (a runner handing out the wrong audience).
    const wrongAud = issuer.actionsEnv({ aud: 'someone-else' });
    expect(decodeJwt((await getIDToken(wrongAud, 'max')).value).aud).toBe('someone-else');
    // A wrong request token is refused.
    expect((await getIDToken({ ...env, ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'nope' }, 'max')).status).toBe(401);
    const calls = issuer.requests.filter((r) => r.path === '/_actions/id-token');
    expect(calls.map((c) => [c.status, c.audience])).toEqual([
      [200, 'max'],
      [200, undefined],
      [200, 'max'],
      [200, 'max'],
      [401, 'max'],
    ]);
  });

  it('rotates keys, fails on demand, supports ES256 and an issuer path', async () => {
    const es = await startOidcIssuer({ alg: 'ES256', issuerPath: '/tenant', claims: { repository: 'x/y' } });
    try {
      expect(es.issuer).toBe(`${es.origin}/tenant`);
      const first = es.kid;
      const t1 = await es.sign();
      const second = await es.rotateKey();
      expect(second).not.toBe(first);
      const t2 = await es.sign();
      expect(decodeProtectedHeader(t2)).toMatchObject({ alg: 'ES256', kid: second });
      expect((await verify(t1, es)).payload.repository).toBe('x/y');
      await verify(t2, es);
      await es.rotateKey({ dropOld: true });
      await expect(verify(t1, es)).rejects.toThrow(/no applicable key/);
      es.fail('jwks', 503);
      expect((await fetch(es.jwksUrl)).status).toBe(503);
      es.fail('jwks', null);
      expect((await fetch(es.jwksUrl)).status).toBe(200);
    } finally {
      await es.close();
    }
  });
});
