// One `config apply` = at most one release per app (issue 11): a document that changes an app's vars and secrets
// and its network's vars in one go used to make a release per changed scope and kind (var set, var unset, secret
// set, network var…), each restarting the app. Now the whole apply makes one release per affected app, with the
// final config.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestPlatform, type Call, type TestPlatform } from './helpers/api.js';
import { bundleFiles, deployBundle } from './helpers/deploy-client.js';
import { httpGet } from './deploy/helpers.js';
import { deviceLogin } from './helpers/login.js';

let platform: TestPlatform;
let call: Call;
let token: string;

const digest = (value: string) => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;

const envApp = bundleFiles({
  'rig.json': JSON.stringify({ start: 'node server.js' }),
  'server.js': `require('node:http').createServer((q, s) => s.end(JSON.stringify(process.env)))
  .listen(Number(process.env.PORT), '127.0.0.1');\n`,
});

type Release = { version: number; state: string; reason: string };
const releasesOf = async (app: string) => (await call<{ data: Release[] }>('GET', `/api/v1/networks/shop/apps/${app}/releases`, { token })).body.data;

async function waitActive(app: string, version: number): Promise<void> {
  for (let i = 0; i < 600; i += 1) {
    const state = (await call<{ state: string }>('GET', `/api/v1/networks/shop/apps/${app}/releases/${version}`, { token })).body.state;
    if (state === 'active') return;
    if (state === 'failed') throw new Error(`${app} v${version} failed`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${app} v${version} never became active`);
}

beforeAll(async () => {
  platform = await startTestPlatform({ routerPort: 0 });
  call = apiClient(platform.max.url);
  token = (await deviceLogin(platform.max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'shop' } });
  await call('POST', '/api/v1/networks/shop/vars', { token, body: { vars: { REGION: 'eu' } } });
  for (const app of ['web', 'worker']) {
    await call('POST', '/api/v1/networks/shop/apps', { token, body: { name: app } });
    const { deployment } = await deployBundle(call, platform.max.url, token, { network: 'shop', app }, envApp);
    expect(deployment).toMatchObject({ state: 'running', release: 1 });
  }
  await call('POST', '/api/v1/networks/shop/apps/web/vars', { token, body: { vars: { OLD: 'gone soon', KEEP: 'k' } } });
  await waitActive('web', 2);
}, 60_000);

afterAll(async () => {
  await platform.stop();
});

describe('config apply', () => {
  it('changes at network and app scope, vars and secrets, make one release per app', async () => {
    const document = {
      version: 1,
      networks: [
        {
          name: 'shop',
          vars: { REGION: 'us' },
          apps: [
            { name: 'web', vars: { KEEP: 'k', NEW: 'n' }, secrets: [{ key: 'API_KEY', digest: digest('s3cret') }] },
            { name: 'worker' },
          ],
        },
      ],
    };
    const applied = await call<{ releases: { network: string; app: string; version: number }[] }>('POST', '/api/v1/config/apply', {
      token,
      body: { document, secret_values: { 'shop/web': { API_KEY: 's3cret' } } },
    });
    expect(applied.status).toBe(200);
    expect(applied.body.releases).toEqual([
      { network: 'shop', app: 'web', version: 3 },
      { network: 'shop', app: 'worker', version: 2 },
    ]);
    // Exactly one new release per app, nothing else pending behind it.
    expect((await releasesOf('web')).map((r) => [r.version, r.reason])).toEqual([
      [3, 'config'],
      [2, 'config'],
      [1, 'deploy'],
    ]);
    expect((await releasesOf('worker')).map((r) => [r.version, r.reason])).toEqual([
      [2, 'config'],
      [1, 'deploy'],
    ]);
    await waitActive('web', 3);
    await waitActive('worker', 2);
    const env = JSON.parse((await httpGet(Number(new URL(platform.max.routerUrl).port), 'web.shop.localhost', '/')).body) as Record<string, string>;
    expect(env).toMatchObject({ REGION: 'us', KEEP: 'k', NEW: 'n', API_KEY: 's3cret', MAX_RELEASE: '3' });
    expect(env).not.toHaveProperty('OLD');
  }, 60_000);

  it('an apply that changes nothing makes no release', async () => {
    const exported = await call('GET', '/api/v1/config/export?network=shop', { token });
    const applied = await call<{ releases: unknown[] }>('POST', '/api/v1/config/apply', { token, body: { document: exported.body } });
    expect(applied.status).toBe(200);
    expect(applied.body.releases).toEqual([]);
    expect((await releasesOf('web'))[0]?.version).toBe(3);
  });
});
