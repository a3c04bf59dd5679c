import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretDigest } from '../src/secrets/secret-cipher.js';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

type Ev = { id: string; action: string; revertible?: boolean; details: Record<string, unknown> };
type RevertResult = { event: Ev; releases: unknown[] };
type ErrorBody = { error: { code: string; message: string } };

let t: TestPlatform;
let token: string;

const latest = async (query: string): Promise<Ev> => {
  const res = await t.call<{ data: Ev[] }>('GET', `/api/v1/events?limit=1&${query}`, { token });
  const event = res.body.data[0];
  if (!event) throw new Error(`no event for ${query}`);
  return event;
};
const revert = (id: string) => t.call<RevertResult & ErrorBody>('POST', `/api/v1/events/${id}/revert`, { token });
const vars = async (path: string) =>
  Object.fromEntries((await t.call<{ data: { key: string; value: string }[] }>('GET', `${path}/vars`, { token })).body.data.map((v) => [v.key, v.value]));
const secrets = async (path: string) =>
  Object.fromEntries(
    (await t.call<{ data: { key: string; digest: string }[] }>('GET', `${path}/secrets`, { token })).body.data.map((s) => [s.key, s.digest]),
  );

beforeAll(async () => {
  t = await startTestPlatform();
  token = (await deviceLogin(t.max, t.call)).access_token;
  await t.call('POST', '/api/v1/networks', { token, body: { name: 'hist' } });
  await t.call('POST', '/api/v1/networks/hist/apps', { token, body: { name: 'api', health_check_path: '/up' } });
});

afterAll(async () => {
  await t.stop();
});

describe('revert', () => {
  it('restores previous var values (overwritten and created keys) as a new, itself revertible event', async () => {
    await t.call('POST', '/api/v1/networks/hist/vars', { token, body: { vars: { MODE: 'old', KEEP: 'k' } } });
    await t.call('POST', '/api/v1/networks/hist/vars', { token, body: { vars: { MODE: 'new', ADDED: 'x' } } });
    const change = await latest('action=var.set');
    expect(change.revertible).toBe(true);
    const res = await revert(change.id);
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({ action: 'var.reverted', revertible: true, details: { reverts: change.id, reverted_action: 'var.set' } });
    expect(res.body.releases).toEqual([]);
    expect(await vars('/api/v1/networks/hist')).toEqual({ KEEP: 'k', MODE: 'old' });
    // Undo the undo.
    expect((await revert(res.body.event.id)).status).toBe(201);
    expect(await vars('/api/v1/networks/hist')).toEqual({ ADDED: 'x', KEEP: 'k', MODE: 'new' });
  });

  it('restores an unset var', async () => {
    await t.call('POST', '/api/v1/networks/hist/apps/api/vars/unset', { token, body: { keys: ['NOTHING'] } });
    await t.call('POST', '/api/v1/networks/hist/apps/api/vars', { token, body: { vars: { GONE: 'soon' } } });
    await t.call('POST', '/api/v1/networks/hist/apps/api/vars/unset', { token, body: { keys: ['GONE'] } });
    const unset = await latest('action=var.unset');
    expect((await revert(unset.id)).status).toBe(201);
    expect(await vars('/api/v1/networks/hist/apps/api')).toEqual({ GONE: 'soon' });
  });

  it('restores the previous value of a secret (verified by digest), and an unset secret', async () => {
    await t.call('POST', '/api/v1/networks/hist/apps/api/secrets', { token, body: { secrets: { API_KEY: 'first-value' } } });
    await t.call('POST', '/api/v1/networks/hist/apps/api/secrets', { token, body: { secrets: { API_KEY: 'second-value' } } });
    expect(await secrets('/api/v1/networks/hist/apps/api')).toEqual({ API_KEY: secretDigest('second-value') });
    const rotation = await latest('action=secret.set');
    const res = await revert(rotation.id);
    expect(res.status).toBe(201);
    expect(res.body.event.action).toBe('secret.reverted');
    expect(JSON.stringify(res.body)).not.toMatch(/first-value|second-value/);
    expect(await secrets('/api/v1/networks/hist/apps/api')).toEqual({ API_KEY: secretDigest('first-value') });

    await t.call('POST', '/api/v1/networks/hist/apps/api/secrets/unset', { token, body: { keys: ['API_KEY'] } });
    expect(await secrets('/api/v1/networks/hist/apps/api')).toEqual({});
    expect((await revert((await latest('action=secret.unset')).id)).status).toBe(201);
    expect(await secrets('/api/v1/networks/hist/apps/api')).toEqual({ API_KEY: secretDigest('first-value') });
  });

  it('restores app and network settings', async () => {
    await t.call('PATCH', '/api/v1/networks/hist/apps/api', { token, body: { description: 'v2', health_check_path: '/ready' } });
    const update = await latest('action=app.updated');
    const res = await revert(update.id);
    expect(res.status).toBe(201);
    expect(res.body.event).toMatchObject({
      action: 'app.updated',
      details: { reverts: update.id, changes: { description: { from: 'v2', to: null }, health_check_path: { from: '/ready', to: '/up' } } },
    });
    expect((await t.call<{ description: string | null; health_check_path: string }>('GET', '/api/v1/networks/hist/apps/api', { token })).body).toMatchObject({
      description: null,
      health_check_path: '/up',
    });
    await t.call('PATCH', '/api/v1/networks/hist', { token, body: { description: 'described' } });
    expect((await revert((await latest('action=network.updated')).id)).status).toBe(201);
    expect((await t.call<{ description: string | null }>('GET', '/api/v1/networks/hist', { token })).body.description).toBeNull();
  });

  it('refuses with 409 conflict when the target changed again since, and not_revertible for other events', async () => {
    await t.call('POST', '/api/v1/networks/hist/vars', { token, body: { vars: { RACE: 'a' } } });
    const first = await latest('action=var.set');
    await t.call('POST', '/api/v1/networks/hist/vars', { token, body: { vars: { RACE: 'b' } } });
    const conflict = await revert(first.id);
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('conflict');
    expect(conflict.body.error.message).toContain('RACE');
    expect(await vars('/api/v1/networks/hist')).toMatchObject({ RACE: 'b' });

    const created = await latest('action=app.created');
    expect(created.revertible).toBe(false);
    const refused = await revert(created.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_revertible');
  });

  it("another user's events are not found", async () => {
    const { createApiToken } = await import('../src/index.js');
    const other = await createApiToken({ dataDir: t.dataDir, email: 'trudy@example.com', scope: 'admin' });
    const mine = await latest('action=var.set');
    expect((await t.call('POST', `/api/v1/events/${mine.id}/revert`, { token: other })).status).toBe(404);
    expect((await t.call('GET', `/api/v1/events/${mine.id}`, { token: other })).status).toBe(404);
  });
});
