import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Platform } from '../src/platform.js';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

type Dashboard = {
  networks: { name: string; app_count: number }[];
  apps: { name: string; network: string; status: string; current_release: number | null; latest_deployment: unknown }[];
  recent_events: { action: string }[];
  counts: { networks: number; apps: number; apps_by_status: Record<string, number>; deployments_in_progress: number };
  truncated: boolean;
};

/** 50 networks × 20 apps, seeded in one config apply (which is itself exercised at scale). */
const bigDocument = () => ({
  version: 1 as const,
  networks: Array.from({ length: 50 }, (_, n) => ({
    name: `net-${String(n).padStart(2, '0')}`,
    apps: Array.from({ length: 20 }, (_, a) => ({ name: `app-${String(a).padStart(2, '0')}` })),
  })),
});

let t: TestPlatform;
let token: string;

beforeAll(async () => {
  t = await startTestPlatform();
  token = (await deviceLogin(t.max, t.call)).access_token;
});

afterAll(async () => {
  await t.stop();
});

describe('dashboard', () => {
  it('answers 1,000 apps across 50 networks in one request with correct counts', async () => {
    const applied = await t.call<{ plan: { summary: { create: number } } }>('POST', '/api/v1/config/apply', {
      token,
      body: { document: bigDocument() },
    });
    expect(applied.status).toBe(200);
    expect(applied.body.plan.summary.create).toBe(1050);
    const res = await t.call<Dashboard>('GET', '/api/v1/dashboard?events=10', { token });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.counts).toEqual({
      networks: 50,
      apps: 1000,
      apps_by_status: { created: 1000, deploying: 0, running: 0, crashed: 0, stopped: 0 },
      deployments_in_progress: 0,
    });
    expect(d.networks).toHaveLength(50);
    expect(d.networks.every((n) => n.app_count === 20)).toBe(true);
    // The spec caps the app list at 500 and says so.
    expect(d.apps).toHaveLength(500);
    expect(d.truncated).toBe(true);
    expect(d.apps[0]).toMatchObject({ network: 'net-00', name: 'app-00', status: 'created', current_release: null, latest_deployment: null });
    expect(d.apps[499]).toMatchObject({ network: 'net-24', name: 'app-19' });
    expect(d.recent_events.map((e) => e.action)[0]).toBe('config.applied');
    expect(d.recent_events).toHaveLength(10);
    const none = await t.call<Dashboard>('GET', '/api/v1/dashboard?events=0', { token });
    expect(none.body.recent_events).toEqual([]);
  });
});

describe('dashboard queries', () => {
  let dataDir = '';
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs the same small number of SQL statements for 1 app and for 1,000 (no N+1)', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'max-local-dash-'));
    const platform = Platform.open({ dataDir });
    try {
      const owner = platform.users.ensureOwner();
      const actor = { type: 'user' as const, id: owner.id, email: owner.email };
      const count = () => {
        const all = vi.spyOn(platform.db, 'all');
        const get = vi.spyOn(platform.db, 'get');
        const dashboard = platform.dashboard.get(owner.id, { events: 20 });
        const statements = all.mock.calls.length + get.mock.calls.length;
        all.mockRestore();
        get.mockRestore();
        return { statements, apps: dashboard.counts.apps };
      };
      platform.config.apply(owner.id, actor, { document: { version: 1, networks: [{ name: 'small', apps: [{ name: 'one' }] }] } });
      const small = count();
      platform.config.apply(owner.id, actor, { document: bigDocument() });
      const big = count();
      expect(small.apps).toBe(1);
      expect(big.apps).toBe(1001);
      expect(big.statements).toBe(small.statements);
      // Four dashboard queries plus the deployment provider's two bulk ones (latest per app, in progress).
      expect(big.statements).toBeLessThanOrEqual(6);
    } finally {
      platform.close();
    }
  });
});
