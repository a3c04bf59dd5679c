// `rig login --oidc` with the BUILT rig against max-local and a loopback OIDC issuer (tools/oidc-issuer): an ID
// token from RIG_OIDC_TOKEN (or --oidc-token-env) or from GitHub's runner endpoint is exchanged for a short-lived
// token bound to one network; whoami says so; an expired login is re-exchanged in the same "job" and refused
// outside it; refusals exit 3 with the platform's reason.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, json } from './harness.js';

let h: Harness;
let issuer: OidcIssuer;

async function api(method: string, path: string, token: string, body?: unknown): Promise<number> {
  const res = await fetch(`${h.max.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  await res.text();
  return res.status;
}

/** An ID token of the loopback issuer, remembered as a secret the transcript must never contain. */
async function idToken(...args: Parameters<OidcIssuer['sign']>): Promise<string> {
  const token = await issuer.sign(...args);
  h.knownSecrets.add(token);
  return token;
}

beforeAll(async () => {
  h = await Harness.start();
  issuer = await startOidcIssuer();
  const admin = await h.apiToken('admin');
  for (const network of ['prod', 'other']) expect(await api('POST', '/api/v1/networks', admin, { name: network })).toBe(201);
  expect(
    await api('POST', '/api/v1/oidc/trust-policies', admin, { issuer: issuer.issuer, repository: 'acme/web', ref: 'refs/heads/main', network: 'prod', scope: 'deploy' }),
  ).toBe(201);
});
afterAll(async () => {
  await h?.close();
  await issuer?.close();
});

describe('rig login --oidc', () => {
  it('exchanges RIG_OIDC_TOKEN for a network-bound token; whoami says how; other networks are out of reach', async () => {
    const configDir = h.configDir();
    const env = { RIG_OIDC_TOKEN: await idToken({ repository: 'acme/web' }) };
    const login = await h.rig(['login', '--oidc'], { configDir, env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toMatch(/Logged in to \S+ as dev@localhost with OIDC \(env:RIG_OIDC_TOKEN\): scope deploy, network prod only, for 15 min; stored in the credentials file\./);
    const stored = readFileSync(join(configDir, 'credentials.json'), 'utf8');
    expect(stored).toContain('"kind": "oidc"');
    expect(stored).not.toContain(env.RIG_OIDC_TOKEN);
    expect(stored).not.toMatch(/refreshToken/);

    const whoami = await h.rig(['whoami', '-o', 'json'], { configDir });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(json(whoami.stdout)).toMatchObject({
      auth: { scope: 'deploy', network: 'prod', oidc: { issuer: issuer.issuer, subject: 'repo:acme/web:ref:refs/heads/main' } },
      credential: { source: 'file', login: 'oidc' },
    });
    const human = await h.rig(['whoami'], { configDir });
    expect(human.stdout).toMatch(/OIDC \(keyless\): repo:acme\/web:ref:refs\/heads\/main from http:\/\/127\.0\.0\.1:\d+/);
    expect(human.stdout).toMatch(/scope deploy, network prod only/);

    expect((await h.rig(['details', 'network', 'prod'], { configDir })).code).toBe(0);
    const other = await h.rig(['details', 'network', 'other'], { configDir });
    expect(other.code).toBe(4);
    expect(other.stderr).toMatch(/not found/i);
  });

  it("on GitHub Actions asks the runner's ID-token endpoint (audience max); -o json names the source", async () => {
    const configDir = h.configDir();
    const env = issuer.actionsEnv({ repository: 'acme/web', ref: 'refs/heads/main' });
    h.knownSecrets.add(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
    // -v traces every request to stderr: the ID token and the runner's request token must not be in it.
    const login = await h.rig(['login', '--oidc', '-o', 'json', '-v'], { configDir, env });
    expect(login.code, login.stderr).toBe(0);
    expect(json(login.stdout)).toMatchObject({ scope: 'deploy', network: 'prod', oidc_source: 'github-actions', credential_store: 'file', expires_in: 900 });
    expect(issuer.requests.filter((r) => r.path === '/_actions/id-token').map((r) => r.audience)).toContain('max');
    expect(login.stderr).toMatch(/POST \S*\/api\/v1\/auth\/oidc\/token/);
  });

  it('re-exchanges a fresh ID token in the same job when the access token expired; outside the job it is expired', async () => {
    const configDir = h.configDir();
    const first = { RIG_OIDC_TOKEN: await idToken({ repository: 'acme/web' }) };
    expect((await h.rig(['login', '--oidc'], { configDir, env: first })).code).toBe(0);
    const path = join(configDir, 'credentials.json');
    const expire = (): string => {
      const before = readFileSync(path, 'utf8');
      const token = /"accessToken": "([^"]+)"/.exec(before)?.[1] ?? '';
      writeFileSync(path, before.replace(/"expiresAt": "[^"]+"/, `"expiresAt": "${new Date(Date.now() - 60_000).toISOString()}"`), { mode: 0o600 });
      return token;
    };
    const old = expire();
    const later = { RIG_OIDC_TOKEN: await idToken({ repository: 'acme/web' }) };
    const again = await h.rig(['details', 'network', 'prod'], { configDir, env: later });
    expect(again.code, again.stderr).toBe(0);
    expect(h.credential(configDir)?.accessToken).not.toBe(old);

    expire();
    const outside = await h.rig(['details', 'network', 'prod'], { configDir });
    expect(outside.code).toBe(3);
    expect(outside.stderr).toMatch(/OIDC login .* has expired and no fresh ID token is available here/);
  });

  it('refusals exit 3 with the reason; usage mistakes exit 2', async () => {
    const configDir = h.configDir();
    const expired = await h.rig(['login', '--oidc'], { configDir, env: { RIG_OIDC_TOKEN: await idToken({ repository: 'acme/web' }, { expired: true }) } });
    expect(expired.code).toBe(3);
    expect(expired.stderr).toMatch(/The ID token expired at/);
    expect(expired.stderr).toMatch(/audience "max"/);

    const wrongRepo = await h.rig(['login', '-v', '--oidc', '--oidc-token-env', 'CI_ID_TOKEN'], { configDir, env: { CI_ID_TOKEN: await idToken({ repository: 'acme/api' }) } });
    expect(wrongRepo.code).toBe(3);
    expect(wrongRepo.stderr).toMatch(/No trust policy .* admits this token \(repository "acme\/api"/);

    const none = await h.rig(['login', '--oidc'], { configDir });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/No OIDC ID token found: RIG_OIDC_TOKEN is not set/);

    const unset = await h.rig(['login', '--oidc', '--oidc-token-env', 'NOPE'], { configDir });
    expect(unset.code).toBe(3);
    expect(unset.stderr).toMatch(/NOPE is not set or empty/);

    expect((await h.rig(['login', '--oidc-token-env', 'X'], { configDir })).code).toBe(2);
    expect((await h.rig(['login', '--oidc', '--oidc-token-env', 'not a name'], { configDir })).code).toBe(2);
    expect(h.credential(configDir)).toBeUndefined();
  });
});

it('every JSON output of this file satisfies its published schema', () => {
  h.assertJsonContracts();
  expect([...h.jsonContractCommands()]).toEqual(expect.arrayContaining(['login', 'whoami']));
});

it('leaks no token: not the ID tokens, the runner request token, nor any Max token', () => {
  h.assertNoSecretsLeaked();
});
