import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

// POST …/apps/{app}/secrets/copy: a preview app re-references a base app's secrets on the platform, so a CI runner
// never holds the values. Every call goes through the spec-validating client.

let t: TestPlatform;
let token: string;
const VALUE = 'hunter2-copy-secret-value';

type SecretList = { data: { key: string; digest: string }[] };
type Ev = { action: string; target: { type: string; network?: string; app?: string }; details: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; details?: { fields: { path: string; message: string }[] } } };
type Env = { data: { key: string; source: string; value: string | null; digest: string | null }[] };

beforeAll(async () => {
  t = await startTestPlatform();
  token = (await deviceLogin(t.max, t.call)).access_token;
  for (const network of ['prod', 'previews']) await t.call('POST', '/api/v1/networks', { token, body: { name: network } });
  await t.call('POST', '/api/v1/networks/prod/apps', { token, body: { name: 'web' } });
  await t.call('POST', '/api/v1/networks/previews/apps', { token, body: { name: 'pr-7' } });
  await t.call('POST', '/api/v1/networks/prod/apps/web/secrets', { token, body: { secrets: { API_KEY: VALUE, OTHER: 'o-value' } } });
  await t.call('POST', '/api/v1/networks/prod/secrets', { token, body: { secrets: { DB_URL: 'postgres://db' } } });
});

afterAll(async () => {
  await t.stop();
});

describe('copying secrets between scopes', () => {
  it('copies the listed keys with their digests, never echoing a value, and records one event', async () => {
    const res = await t.call<SecretList & { releases: unknown[] }>('POST', '/api/v1/networks/previews/apps/pr-7/secrets/copy', {
      token,
      body: { from: { network: 'prod', app: 'web' }, keys: ['API_KEY'] },
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).not.toContain(VALUE);
    const base = await t.call<SecretList>('GET', '/api/v1/networks/prod/apps/web/secrets', { token });
    const baseDigest = base.body.data.find((s) => s.key === 'API_KEY')?.digest;
    expect(res.body.data).toEqual([expect.objectContaining({ key: 'API_KEY', digest: baseDigest })]);
    const events = (await t.call<{ data: Ev[] }>('GET', '/api/v1/events?action=secret.', { token })).body.data;
    const copy = events.find((e) => e.target.app === 'pr-7');
    expect(copy?.details).toMatchObject({ copied_from: 'app "prod/web"', keys: ['API_KEY'] });
    expect(JSON.stringify(events)).not.toContain(VALUE);
  });

  it('copies every secret of a network scope when no keys are given, and a second copy changes nothing', async () => {
    const first = await t.call<SecretList>('POST', '/api/v1/networks/previews/apps/pr-7/secrets/copy', { token, body: { from: { network: 'prod' } } });
    expect(first.body.data.map((s) => s.key)).toEqual(['DB_URL']);
    const before = (await t.call<{ data: Ev[] }>('GET', '/api/v1/events?action=secret.', { token })).body.data.length;
    const again = await t.call<SecretList>('POST', '/api/v1/networks/previews/apps/pr-7/secrets/copy', { token, body: { from: { network: 'prod' } } });
    expect(again.status).toBe(200);
    expect((await t.call<{ data: Ev[] }>('GET', '/api/v1/events?action=secret.', { token })).body.data.length).toBe(before);
    const env = await t.call<Env>('GET', '/api/v1/networks/previews/apps/pr-7/env', { token });
    expect(env.body.data.filter((e) => e.source === 'secret').map((e) => [e.key, e.value])).toEqual([
      ['API_KEY', null],
      ['DB_URL', null],
    ]);
  });

  it('refuses keys the source does not have, a copy onto itself, and scopes the caller cannot see', async () => {
    const missing = await t.call<ErrorBody>('POST', '/api/v1/networks/previews/apps/pr-7/secrets/copy', {
      token,
      body: { from: { network: 'prod', app: 'web' }, keys: ['NOPE'] },
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.message).toContain('NOPE is not set on app "prod/web"');
    const self = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/apps/web/secrets/copy', { token, body: { from: { network: 'prod', app: 'web' } } });
    expect(self.status).toBe(422);
    const unknown = await t.call<ErrorBody>('POST', '/api/v1/networks/previews/apps/pr-7/secrets/copy', { token, body: { from: { network: 'ghost', app: 'web' } } });
    expect(unknown.status).toBe(404);
    const { createApiToken } = await import('../src/index.js');
    const other = await createApiToken({ dataDir: t.dataDir, email: 'mallory@example.com', scope: 'admin' });
    await t.call('POST', '/api/v1/networks', { token: other, body: { name: 'mal' } });
    await t.call('POST', '/api/v1/networks/mal/apps', { token: other, body: { name: 'grab' } });
    const stranger = await t.call<ErrorBody>('POST', '/api/v1/networks/mal/apps/grab/secrets/copy', { token: other, body: { from: { network: 'prod', app: 'web' } } });
    expect(stranger.status).toBe(404);
    const theirs = await t.call<SecretList>('GET', '/api/v1/networks/mal/apps/grab/secrets', { token: other });
    expect(theirs.body.data).toEqual([]);
  });
});
