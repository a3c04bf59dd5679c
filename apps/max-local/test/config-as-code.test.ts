import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Platform } from '../src/platform.js';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

type DocSecret = { key: string; digest?: string };
type Doc = {
  version: 1;
  networks: {
    name: string;
    description?: string | null;
    vars?: Record<string, string>;
    secrets?: DocSecret[];
    apps?: { name: string; description?: string | null; health_check_path?: string; vars?: Record<string, string>; secrets?: DocSecret[] }[];
  }[];
};
type SecretValues = Record<string, Record<string, string>>;
type Change = { action: string; resource: string; network: string; app: string | null; key: string | null; fields: { name: string; before: string | null; after: string | null }[] };
type Plan = { digest: string; changes: Change[]; blockers: { reason: string; network: string; app: string | null; key: string | null }[]; summary: Record<string, number> };
type ErrorBody = { error: { code: string; message: string; details: { blockers?: unknown[]; fields?: { path: string; message: string }[] } } };

const digestOf = (value: string) => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;

let source: TestPlatform;
let token: string;

const exportDoc = async (t: TestPlatform, tok: string, query = ''): Promise<Doc> =>
  (await t.call<Doc>('GET', `/api/v1/config/export${query}`, { token: tok })).body;
const plan = async (t: TestPlatform, tok: string, doc: Doc, query = '', secretValues?: SecretValues): Promise<Plan> => {
  const body = { document: doc, ...(secretValues === undefined ? {} : { secret_values: secretValues }) };
  const res = await t.call<Plan>('POST', `/api/v1/config/plan${query}`, { token: tok, body });
  if (res.status !== 200) throw new Error(res.text);
  return res.body;
};

beforeAll(async () => {
  source = await startTestPlatform();
  token = (await deviceLogin(source.max, source.call)).access_token;
  const c = source.call;
  await c('POST', '/api/v1/networks', { token, body: { name: 'shop', description: 'the shop' } });
  await c('POST', '/api/v1/networks/shop/vars', { token, body: { vars: { REGION: 'eu', LOG_LEVEL: 'info' } } });
  await c('POST', '/api/v1/networks/shop/secrets', { token, body: { secrets: { SHARED_KEY: 'shared-value' } } });
  await c('POST', '/api/v1/networks/shop/apps', { token, body: { name: 'web', description: 'storefront', health_check_path: '/healthz' } });
  await c('POST', '/api/v1/networks/shop/apps', { token, body: { name: 'worker' } });
  await c('POST', '/api/v1/networks/shop/apps/web/vars', { token, body: { vars: { LOG_LEVEL: 'debug' } } });
  await c('POST', '/api/v1/networks/shop/apps/web/secrets', { token, body: { secrets: { STRIPE_KEY: 'sk_test_value' } } });
  await c('POST', '/api/v1/networks', { token, body: { name: 'other' } });
});

afterAll(async () => {
  await source.stop();
});

describe('config as code', () => {
  it('exports every field, sorted, with secret keys and digests and never values', async () => {
    const doc = await exportDoc(source, token, '?network=shop');
    expect(doc).toEqual({
      version: 1,
      networks: [
        {
          name: 'shop',
          description: 'the shop',
          vars: { LOG_LEVEL: 'info', REGION: 'eu' },
          secrets: [{ key: 'SHARED_KEY', digest: digestOf('shared-value') }],
          apps: [
            {
              name: 'web',
              description: 'storefront',
              health_check_path: '/healthz',
              vars: { LOG_LEVEL: 'debug' },
              secrets: [{ key: 'STRIPE_KEY', digest: digestOf('sk_test_value') }],
            },
            { name: 'worker', description: null, health_check_path: '/', vars: {}, secrets: [] },
          ],
        },
      ],
    });
    expect(JSON.stringify(await exportDoc(source, token))).not.toMatch(/shared-value|sk_test_value/);
    expect((await exportDoc(source, token)).networks.map((n) => n.name)).toEqual(['other', 'shop']);
  });

  it('plan on unchanged state is empty; after an API change it shows exactly that change; apply restores', async () => {
    const doc = await exportDoc(source, token);
    const unchanged = await plan(source, token, doc);
    expect(unchanged.changes).toEqual([]);
    expect(unchanged.blockers).toEqual([]);
    expect(unchanged.summary).toEqual({ create: 0, update: 0, delete: 0 });

    await source.call('POST', '/api/v1/networks/shop/apps/web/vars', { token, body: { vars: { LOG_LEVEL: 'trace' } } });
    const drifted = await plan(source, token, doc);
    expect(drifted.changes).toEqual([
      { action: 'update', resource: 'var', network: 'shop', app: 'web', key: 'LOG_LEVEL', fields: [{ name: 'value', before: 'trace', after: 'debug' }] },
    ]);
    expect(drifted.digest).not.toBe(unchanged.digest);

    const applied = await source.call<{ plan: Plan; releases: unknown[] }>('POST', '/api/v1/config/apply', {
      token,
      body: { document: doc, plan_digest: drifted.digest },
    });
    expect(applied.status).toBe(200);
    expect(applied.body.plan.changes).toEqual(drifted.changes);
    expect((await plan(source, token, doc)).changes).toEqual([]);
    const events = await source.call<{ data: { action: string; details: Record<string, unknown> }[] }>('GET', '/api/v1/events?limit=2', { token });
    expect(events.body.data.map((e) => e.action)).toEqual(['config.applied', 'var.set']);
    expect(events.body.data[1]?.details['via']).toBe('config.apply');
  });

  it('plans creates, updates, deletes (secrets by digest), prune, and refuses a stale digest', async () => {
    const doc = await exportDoc(source, token, '?network=shop');
    const shop = doc.networks[0];
    if (!shop?.apps) throw new Error('unexpected export');
    shop.description = null;
    shop.vars = { REGION: 'us', NEW_ONE: '1' };
    shop.secrets = [];
    shop.apps = [{ name: 'api', vars: { A: 'b' } }, ...shop.apps.filter((a) => a.name === 'web')];
    const p = await plan(source, token, doc, '?prune=true');
    expect(p.changes.map((c) => [c.action, c.resource, c.app, c.key])).toEqual([
      ['update', 'network', null, null],
      ['delete', 'var', null, 'LOG_LEVEL'],
      ['create', 'var', null, 'NEW_ONE'],
      ['update', 'var', null, 'REGION'],
      ['delete', 'secret', null, 'SHARED_KEY'],
      ['create', 'app', 'api', null],
      ['create', 'var', 'api', 'A'],
      ['delete', 'app', 'worker', null],
    ]);
    expect(p.changes[0]?.fields).toEqual([{ name: 'description', before: 'the shop', after: null }]);
    expect(p.changes[4]?.fields).toEqual([{ name: 'digest', before: digestOf('shared-value'), after: null }]);
    expect(p.summary).toEqual({ create: 3, update: 2, delete: 3 });
    const withoutPrune = await plan(source, token, doc);
    expect(withoutPrune.changes.some((c) => c.action === 'delete' && c.resource === 'app')).toBe(false);

    // The platform moves on after the plan: applying the reviewed digest is refused, nothing changes.
    await source.call('POST', '/api/v1/networks/shop/vars', { token, body: { vars: { REGION: 'ap' } } });
    const stale = await source.call<ErrorBody>('POST', '/api/v1/config/apply', {
      token,
      body: { document: doc, plan_digest: p.digest, prune: true },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('plan_stale');
    expect((await source.call('GET', '/api/v1/networks/shop/apps/api', { token })).status).toBe(404);
    // Re-set a secret to another value: the change list is the same but the digest is not.
    const before = await plan(source, token, await exportDoc(source, token, '?network=shop'));
    await source.call('POST', '/api/v1/networks/shop/secrets', { token, body: { secrets: { SHARED_KEY: 'rotated' } } });
    const after = await plan(source, token, await exportDoc(source, token, '?network=shop'));
    expect(after.changes).toEqual(before.changes);
    expect(after.digest).not.toBe(before.digest);
    await source.call('POST', '/api/v1/networks/shop/vars', { token, body: { vars: { REGION: 'eu' } } });
  });

  it('validates documents beyond the schema: duplicates and platform keys, with JSON pointers', async () => {
    const bad = await source.call<ErrorBody>('POST', '/api/v1/config/plan', {
      token,
      body: {
        document: {
          version: 1,
          networks: [
            { name: 'dup', vars: { PORT: '1' } },
            { name: 'dup', apps: [{ name: 'a', secrets: [{ key: 'MAX_APP' }, { key: 'TWICE' }, { key: 'TWICE' }] }] },
          ],
        },
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.fields?.map((f) => f.path)).toEqual([
      '/document/networks/0/vars/PORT',
      '/document/networks/1/name',
      '/document/networks/1/apps/0/secrets',
      '/document/networks/1/apps/0/secrets/0/key',
    ]);
    const applyBad = await source.call<ErrorBody>('POST', '/api/v1/config/apply', {
      token,
      body: { document: { version: 1, networks: [{ name: 'x', vars: { MAX_NETWORK: 'y' } }] } },
    });
    expect(applyBad.body.error.details.fields?.map((f) => f.path)).toEqual(['/document/networks/0/vars/MAX_NETWORK']);
  });

  it('a secret changed through the API is an update by digest; apply needs its value and sets it in the same transaction', async () => {
    const doc = await exportDoc(source, token, '?network=shop');
    await source.call('POST', '/api/v1/networks/shop/apps/web/secrets', { token, body: { secrets: { STRIPE_KEY: 'sk_rotated_by_api' } } });
    const drifted = await plan(source, token, doc);
    const update = {
      action: 'update',
      resource: 'secret',
      network: 'shop',
      app: 'web',
      key: 'STRIPE_KEY',
      fields: [{ name: 'digest', before: digestOf('sk_rotated_by_api'), after: digestOf('sk_test_value') }],
    };
    expect(drifted.changes).toEqual([update]);
    expect(drifted.blockers).toEqual([expect.objectContaining({ reason: 'secret_changed', network: 'shop', app: 'web', key: 'STRIPE_KEY' })]);
    const blocked = await source.call<ErrorBody>('POST', '/api/v1/config/apply', { token, body: { document: doc } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('plan_blocked');

    // Values are checked against the document (by digest), by scope and key; errors name keys, never values.
    const wrong = await source.call<ErrorBody>('POST', '/api/v1/config/plan', {
      token,
      body: { document: doc, secret_values: { 'shop/web': { STRIPE_KEY: 'not-the-documented-value' }, 'shop/nope': { A: 'x' }, shop: { UNLISTED: 'x' } } },
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.details.fields?.map((f) => f.path)).toEqual([
      '/secret_values/shop~1web/STRIPE_KEY',
      '/secret_values/shop~1nope',
      '/secret_values/shop/UNLISTED',
    ]);
    expect(wrong.body.error.message).toContain('STRIPE_KEY');
    expect(wrong.text).not.toContain('not-the-documented-value');
    const wrongApply = await source.call<ErrorBody>('POST', '/api/v1/config/apply', {
      token,
      body: { document: doc, secret_values: { 'shop/web': { STRIPE_KEY: 'not-the-documented-value' } } },
    });
    expect(wrongApply.status).toBe(422);
    expect(wrongApply.text).not.toContain('not-the-documented-value');

    const values = { 'shop/web': { STRIPE_KEY: 'sk_test_value' } };
    const withValues = await plan(source, token, doc, '', values);
    expect(withValues.changes).toEqual([update]);
    expect(withValues.blockers).toEqual([]);
    expect(withValues.digest).not.toBe(drifted.digest);
    // The plan digest covers the supplied values: another (valid, digest-free) value would not match it.
    const applied = await source.call<{ plan: Plan }>('POST', '/api/v1/config/apply', {
      token,
      body: { document: doc, secret_values: values, plan_digest: withValues.digest },
    });
    expect(applied.status).toBe(200);
    expect(applied.body.plan.changes).toEqual([update]);
    expect(applied.text).not.toContain('sk_test_value');
    expect(await plan(source, token, doc)).toMatchObject({ changes: [], blockers: [] });
    const events = await source.call<{ data: { action: string; details: Record<string, unknown> }[] }>('GET', '/api/v1/events?limit=2', { token });
    expect(events.body.data.map((e) => e.action)).toEqual(['config.applied', 'secret.set']);
    expect(events.body.data[1]?.details).toMatchObject({
      via: 'config.apply',
      changes: [{ key: 'STRIPE_KEY', change: 'updated', digest_before: digestOf('sk_rotated_by_api'), digest_after: digestOf('sk_test_value') }],
    });
    expect(events.text).not.toMatch(/sk_test_value|sk_rotated_by_api/);

    // Without a digest an entry accepts any value; with a supplied value it still converges to that value.
    const anyValue: Doc = structuredClone(doc);
    const web = anyValue.networks[0]?.apps?.find((a) => a.name === 'web');
    if (!web) throw new Error('unexpected export');
    web.secrets = [{ key: 'STRIPE_KEY' }];
    await source.call('POST', '/api/v1/networks/shop/apps/web/secrets', { token, body: { secrets: { STRIPE_KEY: 'sk_rotated_again' } } });
    expect(await plan(source, token, anyValue)).toMatchObject({ changes: [], blockers: [] });
    const restore = await source.call('POST', '/api/v1/config/apply', { token, body: { document: anyValue, secret_values: values } });
    expect(restore.status).toBe(200);
    expect(await plan(source, token, doc)).toMatchObject({ changes: [], blockers: [] });
  });

  it('import in one apply: a fresh max-local gets the document and its secret values together', async () => {
    const doc = await exportDoc(source, token);
    const target = await startTestPlatform();
    try {
      const tok = (await deviceLogin(target.max, target.call)).access_token;
      const values = { shop: { SHARED_KEY: 'rotated' }, 'shop/web': { STRIPE_KEY: 'sk_test_value' } };
      const planned = await plan(target, tok, doc, '', values);
      expect(planned.blockers).toEqual([]);
      expect(planned.changes.filter((c) => c.resource === 'secret').map((c) => [c.action, c.app, c.key, c.fields[0]?.after])).toEqual([
        ['create', null, 'SHARED_KEY', digestOf('rotated')],
        ['create', 'web', 'STRIPE_KEY', digestOf('sk_test_value')],
      ]);
      const applied = await target.call('POST', '/api/v1/config/apply', {
        token: tok,
        body: { document: doc, secret_values: values, plan_digest: planned.digest },
      });
      expect(applied.status).toBe(200);
      expect(await exportDoc(target, tok)).toEqual(doc);
    } finally {
      await target.stop();
    }
  });

  it('round trip: into a fresh max-local, blocked until the secrets are re-entered, then identical', async () => {
    const doc = await exportDoc(source, token);
    const target = await startTestPlatform();
    try {
      const tok = (await deviceLogin(target.max, target.call)).access_token;
      const first = await plan(target, tok, doc);
      expect(first.blockers.map((b) => [b.reason, b.network, b.app, b.key])).toEqual([
        ['secret_missing', 'shop', null, 'SHARED_KEY'],
        ['secret_missing', 'shop', 'web', 'STRIPE_KEY'],
      ]);
      const blocked = await target.call<ErrorBody>('POST', '/api/v1/config/apply', { token: tok, body: { document: doc } });
      expect(blocked.status).toBe(409);
      expect(blocked.body.error.code).toBe('plan_blocked');
      expect(blocked.body.error.details.blockers).toHaveLength(2);
      expect((await target.call<{ data: unknown[] }>('GET', '/api/v1/networks', { token: tok })).body.data).toEqual([]);

      // Import everything but the secrets, re-enter the secrets by name, then the full document applies cleanly.
      const withoutSecrets: Doc = {
        version: 1,
        networks: doc.networks.map((n) => ({ ...n, secrets: [], apps: (n.apps ?? []).map((a) => ({ ...a, secrets: [] })) })),
      };
      expect((await target.call('POST', '/api/v1/config/apply', { token: tok, body: { document: withoutSecrets } })).status).toBe(200);
      await target.call('POST', '/api/v1/networks/shop/secrets', { token: tok, body: { secrets: { SHARED_KEY: 'rotated' } } });
      await target.call('POST', '/api/v1/networks/shop/apps/web/secrets', { token: tok, body: { secrets: { STRIPE_KEY: 'sk_test_value' } } });
      const final = await plan(target, tok, doc);
      expect(final.changes).toEqual([]);
      expect(final.blockers).toEqual([]);
      expect(await exportDoc(target, tok)).toEqual(doc);
      const digests = async (t: TestPlatform, tk: string) =>
        (await t.call<{ data: { key: string; digest: string }[] }>('GET', '/api/v1/networks/shop/apps/web/secrets', { token: tk })).body.data.map(
          (s) => [s.key, s.digest],
        );
      expect(await digests(target, tok)).toEqual(await digests(source, token));
    } finally {
      await target.stop();
    }
  });

  it('a network name owned by someone else is a name_taken blocker', async () => {
    const { createApiToken } = await import('../src/index.js');
    const other = await createApiToken({ dataDir: source.dataDir, email: 'eve@example.com', scope: 'admin' });
    const p = await plan(source, other, { version: 1, networks: [{ name: 'shop' }] });
    expect(p.blockers).toEqual([expect.objectContaining({ reason: 'name_taken', network: 'shop', app: null, key: null })]);
    expect(p.changes).toEqual([]);
  });

  it('apply is atomic: a failure midway (here: the release hook of the last app) leaves nothing behind', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'max-local-atomic-'));
    const platform = Platform.open({ dataDir });
    try {
      const owner = platform.users.ensureOwner();
      const actor = { type: 'user' as const, id: owner.id, email: owner.email };
      platform.configReleases.register((changes) => {
        if (changes.some((change) => change.scope.app === 'two')) throw new Error('release failed');
        return [];
      });
      const doc: Doc = {
        version: 1,
        networks: [
          { name: 'atomic-a', vars: { X: '1' }, secrets: [{ key: 'S1' }], apps: [{ name: 'one', vars: { Y: '2' }, secrets: [{ key: 'S2' }] }] },
          { name: 'atomic-b', apps: [{ name: 'two', vars: { Z: '3' } }] },
        ],
      };
      const secretValues = { 'atomic-a': { S1: 'atomic-value-1' }, 'atomic-a/one': { S2: 'atomic-value-2' } };
      expect(() => platform.config.apply(owner.id, actor, { document: doc, secret_values: secretValues })).toThrow('release failed');
      expect(platform.networks.list(owner.id, { limit: 10, sort: 'name' }).items).toEqual([]);
      expect(platform.events.query(owner.id, {}, undefined, 10)).toEqual([]);
      expect(platform.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM vars')?.n).toBe(0);
      expect(platform.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM secrets')?.n).toBe(0);
      expect(platform.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM secret_versions')?.n).toBe(0);
      // Without the failing hook the same call sets both secrets, in the one transaction.
      platform.configReleases.register(() => []);
      platform.config.apply(owner.id, actor, { document: doc, secret_values: secretValues });
      expect(platform.env.forProcess(owner.id, 'atomic-a', 'one', { port: 1 })).toMatchObject({ S1: 'atomic-value-1', S2: 'atomic-value-2' });
    } finally {
      platform.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
