import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  isMaxError,
  MaxClient,
  MaxConflictError,
  MaxNotFoundError,
  MaxValidationError,
  type ConfigDocument,
  type MaxError,
  type TraceEvent,
} from '../src/index.js';

/**
 * The issue-5 resources against the real platform (max-local in this process, port 0, temp data dir): vars and
 * secrets at both scopes, the effective environment, the dashboard, config export/plan/apply, event revert, and
 * the promise that a secret value never comes back out of anything the SDK produces.
 */

let max: MaxLocal;
let dataDir: string;
let apiToken: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-it5-'));
  max = await startMaxLocal({ port: 0, dataDir });
  apiToken = await createApiToken({ dataDir, name: 'sdk-it5' });
});

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const client = (onTrace?: (e: TraceEvent) => void) =>
  new MaxClient({ apiUrl: max.url, token: apiToken, retry: false, ...(onTrace ? { onTrace } : {}) });

async function rejection(promise: Promise<unknown>): Promise<MaxError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  if (!isMaxError(error)) throw error;
  return error;
}

const sha256 = (value: string) => `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;

/** Creates a network with one app `web`. */
async function networkWithApp(sdk: MaxClient, network: string): Promise<void> {
  await sdk.networks.create({ name: network });
  await sdk.apps.create(network, { name: 'web' });
}

describe('vars and secrets against max-local', () => {
  it('vars: bulk set at both scopes, list, get, bulk unset, atomic rejection', async () => {
    const sdk = client();
    await networkWithApp(sdk, 'it5-vars');
    const net = { network: 'it5-vars' };
    const app = { network: 'it5-vars', app: 'web' };

    const set = await sdk.vars.set(net, { REGION: 'eu', LOG_LEVEL: 'info' });
    expect(set.data.map((v) => [v.key, v.value])).toEqual([
      ['LOG_LEVEL', 'info'],
      ['REGION', 'eu'],
    ]);
    await sdk.vars.set(app, { LOG_LEVEL: 'debug' });

    expect((await sdk.vars.list(net).toArray()).map((v) => v.key)).toEqual(['LOG_LEVEL', 'REGION']);
    expect((await sdk.vars.list(app).toArray()).map((v) => `${v.key}=${v.value}`)).toEqual(['LOG_LEVEL=debug']);
    expect((await sdk.vars.get(app, 'LOG_LEVEL')).value).toBe('debug');
    const pages = [];
    for await (const page of sdk.vars.list(net, { limit: 1 }).pages()) pages.push(page.data.map((v) => v.key));
    expect(pages).toEqual([['LOG_LEVEL'], ['REGION']]);

    // One bad entry rejects the whole request: nothing of it is applied.
    const refused = await rejection(sdk.vars.set(net, { NEW_ONE: '1', PORT: '8080' }));
    expect(refused).toBeInstanceOf(MaxValidationError);
    expect(refused.details).toEqual({ fields: [{ path: '/vars/PORT', message: expect.stringContaining('platform') }] });
    expect(await rejection(sdk.vars.get(net, 'NEW_ONE'))).toBeInstanceOf(MaxNotFoundError);

    const unset = await sdk.vars.unset(net, ['REGION', 'NEVER_SET', 'REGION']);
    expect(unset.unset).toEqual(['REGION']);
    expect(await rejection(sdk.vars.get(net, 'REGION'))).toBeInstanceOf(MaxNotFoundError);
    // Unsetting again is harmless.
    expect((await sdk.vars.unset(net, ['REGION'])).unset).toEqual([]);
  });

  it('apps.env: network var, app var overriding it, secret, platform var', async () => {
    const sdk = client();
    await networkWithApp(sdk, 'it5-env');
    await sdk.vars.set({ network: 'it5-env' }, { SHARED: 'from-network', ONLY_NETWORK: 'n', TOKEN_HINT: 'plain' });
    await sdk.vars.set({ network: 'it5-env', app: 'web' }, { SHARED: 'from-app' });
    await sdk.secrets.set({ network: 'it5-env', app: 'web' }, { TOKEN_HINT: 'secret-value-env-1' });

    const env = await sdk.apps.env('it5-env', 'web');
    const byKey = new Map(env.data.map((e) => [e.key, e]));
    expect(env.data.map((e) => e.key)).toEqual([...env.data.map((e) => e.key)].sort());
    expect(byKey.get('ONLY_NETWORK')).toEqual({ key: 'ONLY_NETWORK', source: 'network', value: 'n', digest: null, overridden: [] });
    expect(byKey.get('SHARED')).toEqual({ key: 'SHARED', source: 'app', value: 'from-app', digest: null, overridden: ['network'] });
    expect(byKey.get('TOKEN_HINT')).toEqual({
      key: 'TOKEN_HINT',
      source: 'secret',
      value: null,
      digest: sha256('secret-value-env-1'),
      overridden: ['network'],
    });
    expect(byKey.get('MAX_APP')).toMatchObject({ source: 'platform', value: 'web' });
    expect(byKey.get('MAX_NETWORK')).toMatchObject({ source: 'platform', value: 'it5-env' });
    expect(JSON.stringify(env)).not.toContain('secret-value-env-1');
  });

  it('a secret value never comes back: not in results, lists, env, events, export, dashboard, traces or errors', async () => {
    const VALUE = 'it5-correct-horse-battery-staple';
    const traces: TraceEvent[] = [];
    const sdk = client((e) => traces.push(e));
    await networkWithApp(sdk, 'it5-secret');
    const scope = { network: 'it5-secret', app: 'web' };
    const seen: unknown[] = [];

    const set = await sdk.secrets.set(scope, { DATABASE_URL: VALUE });
    expect(set.data).toEqual([expect.objectContaining({ key: 'DATABASE_URL', digest: sha256(VALUE) })]);
    seen.push(set);
    seen.push(await sdk.secrets.list(scope).toArray());
    seen.push(await sdk.secrets.get(scope, 'DATABASE_URL'));
    seen.push(await sdk.apps.env('it5-secret', 'web'));
    seen.push(await sdk.events.list({ network: 'it5-secret' }).toArray());
    seen.push(await sdk.config.export({ network: 'it5-secret' }));
    seen.push(await sdk.dashboard.get());

    // Failures while sending the value: rejected by the server (reserved key), unknown network, bad key locally.
    const errors = [
      await rejection(sdk.secrets.set(scope, { MAX_APP: VALUE })),
      await rejection(sdk.secrets.set({ network: 'it5-nowhere' }, { DATABASE_URL: VALUE })),
      await rejection(sdk.secrets.set(scope, { 'not-a-key': VALUE })),
    ];
    expect(errors.map((e) => e.name)).toEqual(['MaxValidationError', 'MaxNotFoundError', 'MaxValidationError']);
    for (const error of errors) seen.push(error.message, String(error), error.toJSON(), error.stack);

    expect(traces.filter((t) => t.type === 'request' && t.method === 'POST' && t.url.includes('/secrets')).length).toBe(3);
    seen.push(traces);
    expect(JSON.stringify(seen)).not.toContain(VALUE);
    expect(JSON.stringify(traces)).toContain('"DATABASE_URL":"[REDACTED]"');
  });

  const serverAnswer = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${max.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${apiToken}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.status).toBe(422);
    return ((await response.json()) as { error: { code: string; details: unknown } }).error;
  };

  it.each([
    ['lowercase', { log_level: 'x' }],
    ['several bad keys', { OK: '1', 'bad-key': '2', '1ST': '3' }],
    ['empty key', { '': 'x' }],
    ['256 characters', { ['A'.repeat(256)]: 'x' }],
  ])('client-side key validation of a bulk set (%s) matches the server’s answer', async (_label, values) => {
    await client()
      .networks.create({ name: 'it5-keys' })
      .catch(() => undefined);
    for (const [kind, field] of [
      ['vars', 'vars'],
      ['secrets', 'secrets'],
    ] as const) {
      const local = await rejection(
        kind === 'vars' ? client().vars.set({ network: 'it5-keys' }, values) : client().secrets.set({ network: 'it5-keys' }, values),
      );
      const remote = await serverAnswer('POST', `/api/v1/networks/it5-keys/${kind}`, { [field]: values });
      expect({ code: local.code, details: local.details }).toEqual({ code: remote.code, details: remote.details });
    }
  });

  it('client-side key validation of unset and get matches the server’s answer', async () => {
    await client()
      .networks.create({ name: 'it5-keys2' })
      .catch(() => undefined);
    const keys = ['OK', 'no', 'A-B'];
    const localUnset = await rejection(client().vars.unset({ network: 'it5-keys2' }, keys));
    const remoteUnset = await serverAnswer('POST', '/api/v1/networks/it5-keys2/vars/unset', { keys });
    expect({ code: localUnset.code, details: localUnset.details }).toEqual({ code: remoteUnset.code, details: remoteUnset.details });

    const localGet = await rejection(client().secrets.get({ network: 'it5-keys2' }, 'a b'));
    const remoteGet = await serverAnswer('GET', `/api/v1/networks/it5-keys2/secrets/${encodeURIComponent('a b')}`);
    expect({ code: localGet.code, details: localGet.details }).toEqual({ code: remoteGet.code, details: remoteGet.details });
  });
});

describe('dashboard, config and revert against max-local', () => {
  it('dashboard.get: networks, apps with latest deployment, recent events, counts', async () => {
    const sdk = client();
    await networkWithApp(sdk, 'it5-dash');
    const dashboard = await sdk.dashboard.get({ events: 3 });
    expect(dashboard.networks.map((n) => n.name)).toContain('it5-dash');
    expect(dashboard.apps.find((a) => a.network === 'it5-dash')).toMatchObject({ name: 'web', latest_deployment: null });
    expect(dashboard.recent_events).toHaveLength(3);
    expect(dashboard.counts.networks).toBe(dashboard.networks.length);
    expect(dashboard.counts.apps).toBe(dashboard.apps.length);
    expect(Object.values(dashboard.counts.apps_by_status).reduce((a, b) => a + b, 0)).toBe(dashboard.counts.apps);
    expect(dashboard.truncated).toBe(false);
    expect((await sdk.dashboard.get({ events: 0 })).recent_events).toEqual([]);
  });

  it('config: export → plan is empty → a change shows in the plan → apply with its digest restores; stale digest refused', async () => {
    const sdk = client();
    await networkWithApp(sdk, 'it5-cfg');
    await sdk.vars.set({ network: 'it5-cfg' }, { LOG_LEVEL: 'info' });
    await sdk.secrets.set({ network: 'it5-cfg', app: 'web' }, { API_KEY: 'it5-cfg-secret-value' });

    const document = await sdk.config.export({ network: 'it5-cfg' });
    expect(document).toMatchObject({ version: 1, networks: [{ name: 'it5-cfg', vars: { LOG_LEVEL: 'info' } }] });
    expect(document.networks[0]?.apps?.[0]).toMatchObject({ name: 'web', secrets: [{ key: 'API_KEY', digest: sha256('it5-cfg-secret-value') }] });
    const unchanged = await sdk.config.plan(document);
    expect(unchanged.changes).toEqual([]);
    expect(unchanged.blockers).toEqual([]);

    await sdk.vars.set({ network: 'it5-cfg' }, { LOG_LEVEL: 'debug' });
    const plan = await sdk.config.plan(document);
    expect(plan.changes).toEqual([
      expect.objectContaining({ action: 'update', resource: 'var', network: 'it5-cfg', app: null, key: 'LOG_LEVEL' }),
    ]);
    expect(plan.summary).toEqual({ create: 0, update: 1, delete: 0 });
    expect(plan.digest).not.toBe(unchanged.digest);

    const applied = await sdk.config.apply(document, { planDigest: plan.digest });
    expect(applied.plan.digest).toBe(plan.digest);
    expect((await sdk.vars.get({ network: 'it5-cfg' }, 'LOG_LEVEL')).value).toBe('info');
    expect((await sdk.config.plan(document)).changes).toEqual([]);

    // A plan reviewed before someone else's change is not applied.
    const reviewed = await sdk.config.plan(document);
    await sdk.vars.set({ network: 'it5-cfg' }, { LOG_LEVEL: 'warn' });
    const stale = await rejection(sdk.config.apply(document, { planDigest: reviewed.digest }));
    expect(stale).toBeInstanceOf(MaxConflictError);
    expect(stale.code).toBe('plan_stale');
    expect((await sdk.vars.get({ network: 'it5-cfg' }, 'LOG_LEVEL')).value).toBe('warn');
  });

  it('config: a secret changed through the API is an update by digest; apply with secretValues restores it atomically', async () => {
    const sdk = client();
    const document = await sdk.config.export({ network: 'it5-cfg' });
    await sdk.secrets.set({ network: 'it5-cfg', app: 'web' }, { API_KEY: 'it5-cfg-rotated-value' });
    const drifted = await sdk.config.plan(document);
    expect(drifted.changes).toEqual([
      {
        action: 'update',
        resource: 'secret',
        network: 'it5-cfg',
        app: 'web',
        key: 'API_KEY',
        fields: [{ name: 'digest', before: sha256('it5-cfg-rotated-value'), after: sha256('it5-cfg-secret-value') }],
      },
    ]);
    expect(drifted.blockers.map((b) => b.reason)).toEqual(['secret_changed']);
    const wrong = await rejection(sdk.config.plan(document, { secretValues: { 'it5-cfg/web': { API_KEY: 'it5-cfg-wrong-value' } } }));
    expect(wrong).toBeInstanceOf(MaxValidationError);
    expect(JSON.stringify(wrong)).not.toContain('it5-cfg-wrong-value');
    const secretValues = { 'it5-cfg/web': { API_KEY: 'it5-cfg-secret-value' } };
    const plan = await sdk.config.plan(document, { secretValues });
    expect(plan.blockers).toEqual([]);
    await sdk.config.apply(document, { planDigest: plan.digest, secretValues });
    expect((await sdk.secrets.get({ network: 'it5-cfg', app: 'web' }, 'API_KEY')).digest).toBe(sha256('it5-cfg-secret-value'));
    expect((await sdk.config.plan(document)).changes).toEqual([]);
  });

  it('config: a secret named but not set blocks the plan, and apply refuses with plan_blocked', async () => {
    const sdk = client();
    const document: ConfigDocument = {
      version: 1,
      networks: [{ name: 'it5-cfg-new', vars: { A: '1' }, apps: [{ name: 'api', secrets: [{ key: 'MISSING_SECRET' }] }] }],
    };
    const plan = await sdk.config.plan(document);
    expect(plan.blockers).toEqual([
      expect.objectContaining({ reason: 'secret_missing', network: 'it5-cfg-new', app: 'api', key: 'MISSING_SECRET' }),
    ]);
    expect(plan.summary.create).toBeGreaterThan(0);
    const blocked = await rejection(sdk.config.apply(document));
    expect(blocked).toBeInstanceOf(MaxConflictError);
    expect(blocked.code).toBe('plan_blocked');
    expect(await rejection(sdk.networks.get('it5-cfg-new'))).toBeInstanceOf(MaxNotFoundError);

    // Without the secret, applying to a platform that lacks the network is the import.
    const importable: ConfigDocument = { version: 1, networks: [{ name: 'it5-cfg-new', vars: { A: '1' }, apps: [{ name: 'api' }] }] };
    await sdk.config.apply(importable);
    expect((await sdk.vars.get({ network: 'it5-cfg-new' }, 'A')).value).toBe('1');
    expect((await sdk.apps.get('it5-cfg-new', 'api')).name).toBe('api');
  });

  it('events.revert restores the previous var value and secret digest, as a new event', async () => {
    const sdk = client();
    await networkWithApp(sdk, 'it5-rev');
    const scope = { network: 'it5-rev', app: 'web' };
    await sdk.vars.set(scope, { MODE: 'one' });
    await sdk.vars.set(scope, { MODE: 'two' });
    await sdk.secrets.set(scope, { TOKEN: 'it5-rev-first-value' });
    await sdk.secrets.set(scope, { TOKEN: 'it5-rev-second-value' });

    const [latestVarSet] = await sdk.events.list({ network: 'it5-rev', action: 'var.set' }).toArray({ max: 1 });
    expect(latestVarSet?.revertible).toBe(true);
    expect((await sdk.events.get(latestVarSet?.id ?? '')).id).toBe(latestVarSet?.id);
    const reverted = await sdk.events.revert(latestVarSet?.id ?? '');
    expect(reverted.event.details['reverts']).toBe(latestVarSet?.id);
    expect((await sdk.vars.get(scope, 'MODE')).value).toBe('one');

    const [latestSecretSet] = await sdk.events.list({ network: 'it5-rev', action: 'secret.set' }).toArray({ max: 1 });
    const secretRevert = await sdk.events.revert(latestSecretSet?.id ?? '');
    expect((await sdk.secrets.get(scope, 'TOKEN')).digest).toBe(sha256('it5-rev-first-value'));
    expect(JSON.stringify(secretRevert)).not.toContain('it5-rev-');

    const [created] = await sdk.events.list({ network: 'it5-rev', action: 'network.created' }).toArray({ max: 1 });
    const refused = await rejection(sdk.events.revert(created?.id ?? ''));
    expect(refused).toBeInstanceOf(MaxConflictError);
    expect(refused.code).toBe('not_revertible');
    expect(await rejection(sdk.events.revert('evt_does_not_exist'))).toBeInstanceOf(MaxNotFoundError);
  });

  it('replays a bulk set with the same Idempotency-Key', async () => {
    const sdk = client();
    await sdk.networks.create({ name: 'it5-idem' });
    const first = await sdk.vars.set({ network: 'it5-idem' }, { A: '1' }, { idempotencyKey: 'it5-idem-1' });
    const again = await sdk.vars.set({ network: 'it5-idem' }, { A: '1' }, { idempotencyKey: 'it5-idem-1' });
    expect(again).toEqual(first);
    const reused = await rejection(sdk.vars.set({ network: 'it5-idem' }, { A: '2' }, { idempotencyKey: 'it5-idem-1' }));
    expect(reused.code).toBe('idempotency_key_reused');
    expect(await sdk.events.list({ network: 'it5-idem', action: 'var.set' }).toArray()).toHaveLength(1);
  });
});
