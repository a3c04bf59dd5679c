import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyAppConfig, MaxClient, type TraceEvent } from '../src/index.js';

/**
 * copyAppConfig against the real platform: a preview app gets its base app's vars as values and its secrets by
 * reference on the platform — the secret value is in no request or response this process sees.
 */

let max: MaxLocal;
let dataDir: string;
let token: string;
const SECRET = 'base-secret-value-9f3';

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-copy-'));
  max = await startMaxLocal({ port: 0, dataDir });
  token = await createApiToken({ dataDir, name: 'sdk-copy' });
  const setup = new MaxClient({ apiUrl: max.url, token, retry: false });
  for (const name of ['prod', 'previews']) await setup.networks.create({ name });
  await setup.apps.create('prod', { name: 'web' });
  await setup.vars.set({ network: 'prod' }, { REGION: 'eu', LOG_LEVEL: 'info' });
  await setup.vars.set({ network: 'prod', app: 'web' }, { LOG_LEVEL: 'debug' });
  await setup.secrets.set({ network: 'prod', app: 'web' }, { API_KEY: SECRET });
  await setup.secrets.set({ network: 'prod' }, { DB_URL: 'postgres://net' });
});

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('copyAppConfig', () => {
  it('copies vars as values and secrets on the platform, exactly, and again changes nothing', async () => {
    const traces: string[] = [];
    const client = new MaxClient({ apiUrl: max.url, token, retry: false, onTrace: (e: TraceEvent) => traces.push(JSON.stringify(e)) });
    await client.apps.create('previews', { name: 'pr-7' });
    await client.vars.set({ network: 'previews', app: 'pr-7' }, { STALE: 'x' });
    const result = await copyAppConfig(client, { network: 'prod', app: 'web' }, { network: 'previews', app: 'pr-7' });
    expect(result).toMatchObject({ vars: ['LOG_LEVEL', 'REGION'], secrets: ['API_KEY', 'DB_URL'], removed: ['STALE'] });
    const env = await client.apps.env('previews', 'pr-7');
    const view = Object.fromEntries(env.data.filter((e) => e.source !== 'platform').map((e) => [e.key, [e.source, e.value]]));
    expect(view).toEqual({ API_KEY: ['secret', null], DB_URL: ['secret', null], LOG_LEVEL: ['app', 'debug'], REGION: ['app', 'eu'] });
    const base = await client.apps.env('prod', 'web');
    const digest = (e: typeof env, key: string) => e.data.find((x) => x.key === key)?.digest;
    expect(digest(env, 'API_KEY')).toBe(digest(base, 'API_KEY'));

    const events = (await client.events.list({ limit: 200 }).toArray()).length;
    const again = await copyAppConfig(client, { network: 'prod', app: 'web' }, { network: 'previews', app: 'pr-7' });
    expect(again.removed).toEqual([]);
    expect(again.releases).toEqual([]);
    expect((await client.events.list({ limit: 200 }).toArray()).length).toBe(events);
    expect(traces.join('\n')).not.toContain(SECRET);
  });

  it('in the same network copies only the app’s own config (the network’s is inherited)', async () => {
    const client = new MaxClient({ apiUrl: max.url, token, retry: false });
    await client.apps.create('prod', { name: 'pr-8' });
    const result = await copyAppConfig(client, { network: 'prod', app: 'web' }, { network: 'prod', app: 'pr-8' });
    expect(result).toMatchObject({ vars: ['LOG_LEVEL'], secrets: ['API_KEY'], removed: [] });
  });
});
