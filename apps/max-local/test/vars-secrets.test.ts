import { createHash } from 'node:crypto';
import { join } from 'node:path';
import Libsql from 'libsql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

// Behaviour of vars, secrets and the effective environment. Every call goes through the
// spec-validating client, so these double as contract checks.

let t: TestPlatform;
let token: string;

type Ev = { id: string; action: string; target: { type: string; network?: string; app?: string }; details: Record<string, unknown> };
type ErrorBody = { error: { code: string; message: string; details: { fields: { path: string; message: string }[] } } };

const events = async (query: string): Promise<Ev[]> =>
  (await t.call<{ data: Ev[] }>('GET', `/api/v1/events?${query}`, { token })).body.data;

beforeAll(async () => {
  t = await startTestPlatform();
  token = (await deviceLogin(t.max, t.call)).access_token;
  await t.call('POST', '/api/v1/networks', { token, body: { name: 'prod' } });
  await t.call('POST', '/api/v1/networks/prod/apps', { token, body: { name: 'web' } });
});

afterAll(async () => {
  await t.stop();
});

describe('bulk set and unset', () => {
  it('a bulk set with one invalid key applies nothing and names every bad entry', async () => {
    const res = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/vars', {
      token,
      body: { vars: { GOOD_ONE: 'x', MAX_RELEASE: '9', GOOD_TWO: 'y' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields).toEqual([{ path: '/vars/MAX_RELEASE', message: 'MAX_RELEASE is set by the platform and cannot be set' }]);
    const list = await t.call<{ data: unknown[] }>('GET', '/api/v1/networks/prod/vars', { token });
    expect(list.body.data).toEqual([]);
    expect(await events('action=var.')).toEqual([]);
  });

  it('refuses every reserved platform key, for vars and secrets', async () => {
    for (const key of ['PORT', 'MAX_APP', 'MAX_NETWORK', 'MAX_HOSTNAME', 'MAX_RELEASE']) {
      for (const [kind, field] of [['vars', 'vars'], ['secrets', 'secrets']] as const) {
        const res = await t.call<ErrorBody>('POST', `/api/v1/networks/prod/apps/web/${kind}`, { token, body: { [field]: { [key]: 'v' } } });
        expect(res.status).toBe(422);
        expect(res.body.error.message).toContain(key);
      }
    }
  });

  it('validates keys and value sizes (422 with the JSON pointer, value never echoed)', async () => {
    const lower = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/vars', { token, body: { vars: { lower: 'x' } } });
    expect(lower.status).toBe(422);
    const digitFirst = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/vars', { token, body: { vars: { '1ABC': 'x' } } });
    expect(digitFirst.status).toBe(422);
    const big = 'v'.repeat(65537);
    const tooBig = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/secrets', { token, body: { secrets: { BIG: big } } });
    expect(tooBig.status).toBe(422);
    expect(tooBig.text).not.toContain('vvvvvvvvvv');
    const nul = await t.call<ErrorBody>('POST', '/api/v1/networks/prod/vars', { token, body: { vars: { NUL: 'a\u0000b' } } });
    expect(nul.status).toBe(422);
    expect(nul.body.error.details.fields[0]).toEqual({ path: '/vars/NUL', message: 'must not contain NUL characters' });
    const max = await t.call('POST', '/api/v1/networks/prod/vars', { token, body: { vars: { EXACTLY_MAX: 'v'.repeat(65536) } } });
    expect(max.status).toBe(200);
    await t.call('POST', '/api/v1/networks/prod/vars/unset', { token, body: { keys: ['EXACTLY_MAX'] } });
  });

  it('records ONE event per change set, with the keys (and var values) in details', async () => {
    const set = await t.call('POST', '/api/v1/networks/prod/apps/web/vars', {
      token,
      body: { vars: { ALPHA: '1', BETA: '2', GAMMA: '3' } },
    });
    expect(set.status).toBe(200);
    const [event, ...rest] = await events('network=prod&app=web&action=var.set');
    expect(rest).toEqual([]);
    expect(event?.target).toEqual({ type: 'var', network: 'prod', app: 'web' });
    expect(event?.details['keys']).toEqual(['ALPHA', 'BETA', 'GAMMA']);
    expect(event?.details['changes']).toEqual([
      { key: 'ALPHA', change: 'created', from: null, to: '1' },
      { key: 'BETA', change: 'created', from: null, to: '2' },
      { key: 'GAMMA', change: 'created', from: null, to: '3' },
    ]);
    // Setting the same values again changes nothing: no event.
    await t.call('POST', '/api/v1/networks/prod/apps/web/vars', { token, body: { vars: { ALPHA: '1', BETA: '2' } } });
    expect(await events('network=prod&app=web&action=var.set')).toHaveLength(1);
    const unset = await t.call<{ unset: string[] }>('POST', '/api/v1/networks/prod/apps/web/vars/unset', {
      token,
      body: { keys: ['GAMMA', 'BETA', 'NEVER_SET'] },
    });
    expect(unset.body.unset).toEqual(['BETA', 'GAMMA']);
    const unsets = await events('network=prod&app=web&action=var.unset');
    expect(unsets).toHaveLength(1);
    expect(unsets[0]?.details['keys']).toEqual(['BETA', 'GAMMA']);
    // Unsetting keys that are not set is a harmless no-op: 200, nothing unset, no event.
    const again = await t.call<{ unset: string[] }>('POST', '/api/v1/networks/prod/apps/web/vars/unset', { token, body: { keys: ['BETA'] } });
    expect(again.body.unset).toEqual([]);
    expect(await events('network=prod&app=web&action=var.unset')).toHaveLength(1);
  });

  it('secrets: digest is sha256 of the value, updated_at moves only on change, events carry digests only', async () => {
    const value = 'p4ss-w0rd-for-digest';
    const first = await t.call<{ data: { key: string; digest: string; created_at: string; updated_at: string }[] }>(
      'POST',
      '/api/v1/networks/prod/secrets',
      { token, body: { secrets: { DB_PASSWORD: value } } },
    );
    const digest = `sha256:${createHash('sha256').update(value).digest('hex')}`;
    expect(first.body.data).toEqual([expect.objectContaining({ key: 'DB_PASSWORD', digest })]);
    const same = await t.call<{ data: { updated_at: string }[] }>('POST', '/api/v1/networks/prod/secrets', {
      token,
      body: { secrets: { DB_PASSWORD: value } },
    });
    expect(same.body.data[0]?.updated_at).toBe(first.body.data[0]?.updated_at);
    const secretEvents = await events('network=prod&action=secret.');
    expect(secretEvents).toHaveLength(1);
    expect(secretEvents[0]?.details).toEqual({
      keys: ['DB_PASSWORD'],
      changes: [{ key: 'DB_PASSWORD', change: 'created', digest_before: null, digest_after: digest }],
    });
  });

  it('idempotency keys replay a bulk set', async () => {
    const headers = { 'idempotency-key': 'vars-once' };
    const a = await t.call<{ data: unknown[] }>('POST', '/api/v1/networks/prod/vars', { token, headers, body: { vars: { ONCE: '1' } } });
    const b = await t.call<{ data: unknown[] }>('POST', '/api/v1/networks/prod/vars', { token, headers, body: { vars: { ONCE: '1' } } });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(b.body).toEqual(a.body);
  });
});

describe('effective environment', () => {
  it('follows the inheritance table: network var < app var < network secret < app secret < platform', async () => {
    await t.call('POST', '/api/v1/networks', { token, body: { name: 'inherit' } });
    await t.call('POST', '/api/v1/networks/inherit/apps', { token, body: { name: 'api' } });
    await t.call('POST', '/api/v1/networks/inherit/vars', {
      token,
      body: { vars: { ONLY_NETWORK: 'n', NET_AND_APP: 'n', NET_APP_SECRET: 'n', NET_SECRET: 'n' } },
    });
    await t.call('POST', '/api/v1/networks/inherit/apps/api/vars', {
      token,
      body: { vars: { ONLY_APP: 'a', NET_AND_APP: 'a', NET_APP_SECRET: 'a', APP_VS_NET_SECRET: 'a' } },
    });
    await t.call('POST', '/api/v1/networks/inherit/secrets', {
      token,
      body: { secrets: { NET_SECRET: 's', APP_VS_NET_SECRET: 's', BOTH_SECRETS: 's' } },
    });
    await t.call('POST', '/api/v1/networks/inherit/apps/api/secrets', {
      token,
      body: { secrets: { NET_APP_SECRET: 's', BOTH_SECRETS: 'app-wins', ONLY_APP_SECRET: 's' } },
    });
    const env = await t.call<{ data: { key: string; source: string; value: string | null; digest: string | null; overridden: string[] }[] }>(
      'GET',
      '/api/v1/networks/inherit/apps/api/env',
      { token },
    );
    const table = Object.fromEntries(env.body.data.map((e) => [e.key, [e.source, e.value, e.overridden.join('<')]]));
    expect(table).toEqual({
      APP_VS_NET_SECRET: ['secret', null, 'app'],
      BOTH_SECRETS: ['secret', null, 'secret'],
      MAX_APP: ['platform', 'api', ''],
      MAX_HOSTNAME: ['platform', 'api.inherit.localhost', ''],
      MAX_NETWORK: ['platform', 'inherit', ''],
      MAX_RELEASE: ['platform', null, ''],
      NET_AND_APP: ['app', 'a', 'network'],
      NET_APP_SECRET: ['secret', null, 'network<app'],
      NET_SECRET: ['secret', null, 'network'],
      ONLY_APP: ['app', 'a', ''],
      ONLY_APP_SECRET: ['secret', null, ''],
      ONLY_NETWORK: ['network', 'n', ''],
      PORT: ['platform', null, ''],
    });
    // Secrets carry the digest of the winning value (the app's over the network's); nothing else has one.
    const digests = Object.fromEntries(env.body.data.filter((e) => e.digest !== null).map((e) => [e.key, e.digest]));
    const sha = (value: string) => `sha256:${createHash('sha256').update(value).digest('hex')}`;
    expect(digests).toEqual({
      APP_VS_NET_SECRET: sha('s'),
      BOTH_SECRETS: sha('app-wins'),
      NET_APP_SECRET: sha('s'),
      NET_SECRET: sha('s'),
      ONLY_APP_SECRET: sha('s'),
    });
    // Sorted by key, as the spec says.
    const keys = env.body.data.map((e) => e.key);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('deletion', () => {
  it('deleting an app, then a network with force, removes their vars, secrets and secret versions', async () => {
    await t.call('POST', '/api/v1/networks', { token, body: { name: 'doomed' } });
    await t.call('POST', '/api/v1/networks/doomed/apps', { token, body: { name: 'a' } });
    await t.call('POST', '/api/v1/networks/doomed/apps', { token, body: { name: 'b' } });
    for (const base of ['/api/v1/networks/doomed', '/api/v1/networks/doomed/apps/a', '/api/v1/networks/doomed/apps/b']) {
      await t.call('POST', `${base}/vars`, { token, body: { vars: { V: '1' } } });
      await t.call('POST', `${base}/secrets`, { token, body: { secrets: { S: '1' } } });
      await t.call('POST', `${base}/secrets`, { token, body: { secrets: { S: '2' } } });
    }
    expect((await t.call('DELETE', '/api/v1/networks/doomed/apps/a', { token })).status).toBe(204);
    await t.call('POST', '/api/v1/networks/doomed/apps', { token, body: { name: 'a' } });
    expect((await t.call<{ data: unknown[] }>('GET', '/api/v1/networks/doomed/apps/a/secrets', { token })).body.data).toEqual([]);
    expect((await t.call<{ data: unknown[] }>('GET', '/api/v1/networks/doomed/apps/a/vars', { token })).body.data).toEqual([]);
    expect((await t.call('DELETE', '/api/v1/networks/doomed?force=true', { token })).status).toBe(204);
    await t.call('POST', '/api/v1/networks', { token, body: { name: 'doomed' } });
    expect((await t.call<{ data: unknown[] }>('GET', '/api/v1/networks/doomed/secrets', { token })).body.data).toEqual([]);
    const raw = new Libsql(join(t.dataDir, 'max.db'), { readonly: true });
    try {
      const orphans = raw
        .prepare('SELECT COUNT(*) AS n FROM secret_versions v WHERE NOT EXISTS (SELECT 1 FROM networks n WHERE n.id = v.network_id)')
        .get([]) as { n: number };
      expect(orphans.n).toBe(0);
      expect((raw.prepare('SELECT COUNT(*) AS n FROM secret_versions').get([]) as { n: number }).n).toBeGreaterThan(0);
    } finally {
      raw.close();
    }
    // A revert of a change to a deleted scope says so instead of resurrecting it.
    const old = (await events('network=doomed&action=secret.set&limit=1'))[0];
    const res = await t.call<ErrorBody>('POST', `/api/v1/events/${old?.id}/revert`, { token });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/no longer exists/);
  });
});

describe('ownership', () => {
  it("another user's network answers 404 for vars, secrets and env", async () => {
    const { createApiToken } = await import('../src/index.js');
    const other = await createApiToken({ dataDir: t.dataDir, email: 'mallory@example.com', scope: 'admin' });
    expect((await t.call('GET', '/api/v1/networks/prod/vars', { token: other })).status).toBe(404);
    expect((await t.call('POST', '/api/v1/networks/prod/secrets', { token: other, body: { secrets: { X: 'y' } } })).status).toBe(404);
    expect((await t.call('GET', '/api/v1/networks/prod/apps/web/env', { token: other })).status).toBe(404);
    const theirs = await t.call<{ data: unknown[] }>('GET', '/api/v1/events?network=prod', { token: other });
    expect(theirs.body.data).toEqual([]);
  });
});
