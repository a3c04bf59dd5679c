// `max-local oidc trust add|list|remove` on the data dir of a running platform: the server honours a policy the
// CLI added at the next exchange, and removing it revokes the tokens minted through it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { main } from '../src/cli.js';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

let t: TestPlatform;
let issuer: OidcIssuer;

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main([...args, '--data-dir', t.dataDir], {
    stdout: { write: (c: string) => (stdout += c) },
    stderr: { write: (c: string) => (stderr += c) },
    env: {},
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  issuer = await startOidcIssuer();
  t = await startTestPlatform();
  const admin = (await deviceLogin(t.max, t.call)).access_token;
  expect((await t.call('POST', '/api/v1/networks', { token: admin, body: { name: 'prod' } })).status).toBe(201);
});
afterAll(async () => {
  await t?.stop();
  await issuer?.close();
});

describe('max-local oidc trust', () => {
  it('adds, lists and removes trust policies the running server uses', async () => {
    const added = await cli(['oidc', 'trust', 'add', '--issuer', issuer.issuer, '--repo', 'acme/web', '--ref', 'refs/heads/main', '--network', 'prod', '--scope', 'deploy', '--token-ttl', '600']);
    expect(added.stderr).toMatch(/for acme\/web ref refs\/heads\/main now get 600s "deploy" tokens for network prod/);
    expect(added.code).toBe(0);
    const id = added.stdout.trim();
    expect(id).toMatch(/^tp_/);

    const listed = await cli(['oidc', 'trust', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\t')).toEqual([id, issuer.issuer, 'acme/web', 'refs/heads/main', '*', 'prod', 'deploy', '600s', 'dev@localhost']);

    const exchanged = await t.call<{ access_token: string; expires_in: number }>('POST', '/api/v1/auth/oidc/token', {
      body: { id_token: await issuer.sign({ repository: 'acme/web' }) },
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.expires_in).toBe(600);
    expect((await t.call('GET', '/api/v1/me', { token: exchanged.body.access_token })).status).toBe(200);

    const removed = await cli(['oidc', 'trust', 'remove', id]);
    expect(removed.code).toBe(0);
    expect((await t.call('GET', '/api/v1/me', { token: exchanged.body.access_token })).status).toBe(401);
    expect((await cli(['oidc', 'trust', 'list'])).stdout).toBe('');
    const again = await cli(['oidc', 'trust', 'remove', id]);
    expect(again).toMatchObject({ code: 1, stderr: `max-local: no trust policy ${id}\n` });
  });

  it('refuses bad input with the flag that is wrong (exit 2) and a missing network with exit 1', async () => {
    const usage = async (args: string[], message: RegExp) => {
      const res = await cli(['oidc', 'trust', ...args]);
      expect(res.code).toBe(2);
      expect(res.stderr).toMatch(message);
    };
    const base = ['--issuer', 'https://token.actions.githubusercontent.com', '--repo', 'acme/web', '--network', 'prod', '--scope', 'deploy'];
    await usage(['add', '--repo', 'acme/web'], /needs --issuer, --network, --scope/);
    await usage(['add', ...base, '--scope', 'admin'], /--scope must be read or deploy/);
    await usage(['add', ...base, '--issuer', 'http://ci.example.com'], /--issuer must use https:\/\//);
    await usage(['add', ...base, '--repo', 'web'], /--repo must be owner\/name/);
    await usage(['add', ...base, '--token-ttl', '99999'], /--token-ttl must be an integer from 60 to 3600/);
    await usage(['remove', 'nope'], /one trust policy id/);
    await usage(['grant'], /unknown oidc command/);
    const missing = await cli(['oidc', 'trust', 'add', ...base, '--network', 'staging']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Network "staging" not found/);
  });
});
