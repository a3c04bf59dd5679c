// `POST …/releases/rollback` restores the stored config too, not only the process environment: after a rollback
// the app's vars and secrets, its effective env and the config export say what the process runs with, and the
// next unrelated config change keeps the restored values (issue 11). The whole rollback is one audited change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestPlatform, type Call, type TestPlatform } from './helpers/api.js';
import { bundleFiles, deployBundle, type Bundle } from './helpers/deploy-client.js';
import { httpGet } from './deploy/helpers.js';
import { deviceLogin } from './helpers/login.js';

let platform: TestPlatform;
let call: Call;
let token: string;
const APP = '/api/v1/networks/demo/apps/web';

/** Answers its whole environment as JSON (test-only: it shows secret values, which is the point here). */
const envApp = (): Bundle =>
  bundleFiles({
    'rig.json': JSON.stringify({ start: 'node server.js', health: { path: '/healthz' } }),
    'server.js': `require('node:http').createServer((q, s) => s.end(JSON.stringify(process.env)))
  .listen(Number(process.env.PORT), '127.0.0.1');\n`,
  });

async function processEnv(): Promise<Record<string, string>> {
  const res = await httpGet(Number(new URL(platform.max.routerUrl).port), 'web.demo.localhost', '/');
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Record<string, string>;
}

async function waitActive(version: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const res = await call<{ state: string }>('GET', `${APP}/releases/${version}`, { token });
    if (res.body.state === 'active') return;
    if (res.body.state === 'failed') throw new Error(`release v${version} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`release v${version} never became active`);
}

const setVars = (vars: Record<string, string>) =>
  call<{ releases: { version: number }[] }>('POST', `${APP}/vars`, { token, body: { vars } });
const setSecrets = (secrets: Record<string, string>) =>
  call<{ releases: { version: number }[] }>('POST', `${APP}/secrets`, { token, body: { secrets } });
const storedVars = async () =>
  Object.fromEntries((await call<{ data: { key: string; value: string }[] }>('GET', `${APP}/vars`, { token })).body.data.map((v) => [v.key, v.value]));
const storedSecrets = async () =>
  Object.fromEntries((await call<{ data: { key: string; digest: string }[] }>('GET', `${APP}/secrets`, { token })).body.data.map((s) => [s.key, s.digest]));

/** The release a config change made (one per change here: the app has a live release). */
async function settle(res: { status: number; body: { releases: { version: number }[] } }): Promise<number> {
  expect(res.status).toBe(200);
  const version = res.body.releases[0]?.version;
  if (version === undefined) throw new Error('the change made no release');
  await waitActive(version);
  return version;
}

beforeAll(async () => {
  platform = await startTestPlatform({ routerPort: 0 });
  call = apiClient(platform.max.url);
  token = (await deviceLogin(platform.max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'demo' } });
  await call('POST', '/api/v1/networks/demo/vars', { token, body: { vars: { REGION: 'eu' } } });
  await call('POST', '/api/v1/networks/demo/apps', { token, body: { name: 'web' } });
  await call('POST', `${APP}/vars`, { token, body: { vars: { GREETING: 'hello', KEEP: 'same' } } });
  await call('POST', `${APP}/secrets`, { token, body: { secrets: { API_KEY: 'key-one' } } });
}, 30_000);

afterAll(async () => {
  await platform.stop();
});

describe('rollback restores the stored config', () => {
  it('vars and secrets, the effective env and the export match the rolled-back process, in one audited change', async () => {
    const { deployment } = await deployBundle(call, platform.max.url, token, { network: 'demo', app: 'web' }, envApp());
    expect(deployment).toMatchObject({ state: 'running', release: 1 });
    const v1Secrets = await storedSecrets();
    const v1 = await call<{ config_digest: string }>('GET', `${APP}/releases/1`, { token });

    // Later config: a changed var, a new var, a changed secret, a new secret.
    await settle(await setVars({ GREETING: 'howdy', EXTRA: 'later' }));
    await settle(await setSecrets({ API_KEY: 'key-two', LATER_SECRET: 'shh' }));
    expect(await processEnv()).toMatchObject({ GREETING: 'howdy', EXTRA: 'later', API_KEY: 'key-two', LATER_SECRET: 'shh' });
    const before = await call<{ data: { seq: number }[] }>('GET', '/api/v1/events?limit=1', { token });
    const seqBefore = before.body.data[0]?.seq ?? 0;

    const rolled = await call<{ version: number; rollback_of: number; config_digest: string }>('POST', `${APP}/releases/rollback`, {
      token,
      body: { to: 1 },
    });
    expect(rolled.status).toBe(201);
    expect(rolled.body.rollback_of).toBe(1);
    await waitActive(rolled.body.version);
    expect(rolled.body.config_digest).toBe(v1.body.config_digest);

    // The process runs v1's config …
    const env = await processEnv();
    expect(env).toMatchObject({ GREETING: 'hello', KEEP: 'same', REGION: 'eu', API_KEY: 'key-one' });
    expect(env).not.toHaveProperty('EXTRA');
    expect(env).not.toHaveProperty('LATER_SECRET');
    // … and so do the stored vars and secrets,
    expect(await storedVars()).toEqual({ GREETING: 'hello', KEEP: 'same' });
    expect(await storedSecrets()).toEqual(v1Secrets);
    // the effective env,
    const effective = await call<{ data: { key: string; value: string | null; digest?: string | null }[] }>('GET', `${APP}/env`, { token });
    const byKey = new Map(effective.body.data.map((e) => [e.key, e]));
    expect(byKey.get('GREETING')?.value).toBe('hello');
    expect(byKey.has('EXTRA')).toBe(false);
    expect(byKey.has('LATER_SECRET')).toBe(false);
    // and the config export.
    const exported = await call<{ networks: { name: string; apps: { name: string; vars: Record<string, string>; secrets: { key: string; digest: string }[] }[] }[] }>(
      'GET',
      '/api/v1/config/export?network=demo',
      { token },
    );
    const web = exported.body.networks[0]?.apps.find((a) => a.name === 'web');
    expect(web?.vars).toEqual({ GREETING: 'hello', KEEP: 'same' });
    expect(Object.fromEntries((web?.secrets ?? []).map((s) => [s.key, s.digest]))).toEqual(v1Secrets);

    // One audited change: a single release.rolled_back event that lists the restored keys (secret digests only).
    const after = await call<{ data: { seq: number; action: string; details: Record<string, unknown> }[] }>('GET', '/api/v1/events?limit=20', {
      token,
    });
    const since = after.body.data.filter((e) => e.seq > seqBefore);
    expect(since.map((e) => e.action)).toEqual(['release.rolled_back']);
    const details = since[0]?.details ?? {};
    expect(details).toMatchObject({ version: rolled.body.version, rollback_of: 1 });
    expect(JSON.stringify(details)).not.toContain('key-one');
    expect(JSON.stringify(details)).not.toContain('key-two');
    const changes = details['config_changes'] as { kind: string; key: string; change: string }[];
    expect(changes.map((c) => [c.kind, c.key, c.change])).toEqual([
      ['var', 'EXTRA', 'deleted'],
      ['var', 'GREETING', 'updated'],
      ['secret', 'API_KEY', 'updated'],
      ['secret', 'LATER_SECRET', 'deleted'],
    ]);
    expect(details['network_kept']).toEqual([]);
  }, 120_000);

  it('the next unrelated var change keeps the restored config instead of bringing the rolled-back values back', async () => {
    const version = await settle(await setVars({ UNRELATED: '1' }));
    const env = await processEnv();
    expect(env).toMatchObject({ MAX_RELEASE: String(version), UNRELATED: '1', GREETING: 'hello', API_KEY: 'key-one' });
    expect(env).not.toHaveProperty('EXTRA');
    expect(env).not.toHaveProperty('LATER_SECRET');
    expect(await storedVars()).toEqual({ GREETING: 'hello', KEEP: 'same', UNRELATED: '1' });
  }, 60_000);
});
