import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { MaxClient, MaxNotFoundError } from '@max/rig-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDir, fetchThroughRouter, runAction, type ActionRun } from './action-runner.js';

// Keyless login: no `token` input; the runner's ID-token endpoint (tools/oidc-issuer emulating GitHub's) hands
// core.getIDToken('max') a token that a trust policy on max-local matches.

let max: MaxLocal;
let dataDir: string;
let admin: string;
let issuer: OidcIssuer;
const runs: ActionRun[] = [];

async function keyless(inputs: Record<string, string>, env: Record<string, string>, event: Record<string, unknown> = {}): Promise<ActionRun> {
  const run = await runAction({ inputs: { 'api-url': max.url, ...inputs }, env, event });
  runs.push(run);
  return run;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rig-action-oidc-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, log: false, stabilizationSeconds: 0 });
  admin = await createApiToken({ dataDir, name: 'action-oidc-admin', scope: 'admin' });
  issuer = await startOidcIssuer();
  const client = new MaxClient({ apiUrl: max.url, token: admin, retry: false });
  for (const name of ['prod', 'other']) await client.networks.create({ name });
  await client.apps.create('other', { name: 'web' });
  await client.secrets.set({ network: 'other', app: 'web' }, { API_KEY: 'other-network-secret' });
  const response = await fetch(`${max.url}/api/v1/oidc/trust-policies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ issuer: issuer.issuer, repository: 'acme/web', ref: 'refs/heads/main', network: 'prod', scope: 'deploy' }),
  });
  expect(response.status, await response.text()).toBe(201);
}, 60_000);

afterAll(async () => {
  try {
    for (const run of runs) {
      // The ID token and the minted access token were masked, and neither appears anywhere.
      const idTokens = run.masks.filter((m) => m.split('.').length === 3);
      for (const value of run.masks) expect(run.everything).not.toContain(value);
      expect(run.everything).not.toContain(admin);
      if (run.code === 0) expect(idTokens.length).toBeGreaterThan(0);
    }
  } finally {
    await issuer?.close();
    await max?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('keyless OIDC login', () => {
  it('a matching ID token deploys with no token input', async () => {
    const run = await keyless({ app: 'prod/web', dir: exampleDir, create: 'true' }, { ...issuer.actionsEnv({ repository: 'acme/web', ref: 'refs/heads/main' }) });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', release: '1' });
    expect(run.stdout).toContain('Logged in with OIDC: a deploy token for network prod');
    // The ID token and the minted token were both masked (two masks beyond none for a token input).
    expect(run.masks.length).toBeGreaterThanOrEqual(2);
    expect(await fetchThroughRouter(max.routerUrl, 'web.prod.localhost')).toEqual({ status: 200, body: 'Hello from node-http (release v1)\n' });
  }, 90_000);

  it('a token from another repository is refused with the platform’s reason', async () => {
    const run = await keyless({ app: 'prod/web', dir: exampleDir }, { ...issuer.actionsEnv({ repository: 'acme/other', ref: 'refs/heads/main' }) });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^::error::.*trust polic/im);
    expect(run.outputs['status']).toBe('failed');
  }, 60_000);

  it('the minted token cannot reach another network, not even as the source of a secrets copy', async () => {
    const env = { ...issuer.actionsEnv({ repository: 'acme/web', ref: 'refs/heads/main' }) };
    const elsewhere = await keyless({ app: 'other/web', dir: exampleDir }, env);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.outputs['status']).toBe('failed');
    const pr = { action: 'opened', number: 9, pull_request: { number: 9, title: 'x', head: { sha: 'abc1234' } }, repository: { name: 'web', owner: { login: 'acme' } } };
    const preview = await runAction({
      inputs: { 'api-url': max.url, command: 'preview', app: 'other/web', 'preview-network': 'prod', dir: exampleDir },
      env: { ...issuer.actionsEnv({ repository: 'acme/web', ref: 'refs/heads/main' }), GITHUB_EVENT_NAME: 'pull_request' },
      event: pr,
      eventName: 'pull_request',
    });
    runs.push(preview);
    expect(preview.code).toBe(1);
    const secrets = await new MaxClient({ apiUrl: max.url, token: admin }).secrets.list({ network: 'prod', app: 'pr-9' }).toArray().catch(() => []);
    expect(secrets).toEqual([]);
    // Straight at the API: the minted token may not name another network as the source of a copy either.
    const minted = await new MaxClient({ apiUrl: max.url }).auth.exchangeOidcToken(await issuer.sign({ repository: 'acme/web', ref: 'refs/heads/main' }));
    const bound = new MaxClient({ apiUrl: max.url, token: minted.access_token, retry: false });
    await expect(bound.secrets.copy({ network: 'prod', app: 'web' }, { network: 'other', app: 'web' })).rejects.toThrow(MaxNotFoundError);
    await expect(bound.secrets.copy({ network: 'prod', app: 'web' }, { network: 'other', app: 'web' })).rejects.toThrow(/Network other not found/);
    expect(await new MaxClient({ apiUrl: max.url, token: admin }).secrets.list({ network: 'prod', app: 'web' }).toArray()).toEqual([]);
  }, 60_000);
});
