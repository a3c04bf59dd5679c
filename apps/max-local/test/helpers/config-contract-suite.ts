import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Call } from './api.js';

/** Operations of issue 5 (vars, secrets, env, dashboard, config, history); the coverage test requires each. */
export const CONFIG_OPERATIONS = [
  'listNetworkVars',
  'setNetworkVars',
  'unsetNetworkVars',
  'getNetworkVar',
  'listNetworkSecrets',
  'setNetworkSecrets',
  'unsetNetworkSecrets',
  'getNetworkSecret',
  'listAppVars',
  'setAppVars',
  'unsetAppVars',
  'getAppVar',
  'listAppSecrets',
  'setAppSecrets',
  'unsetAppSecrets',
  'getAppSecret',
  'getAppEnv',
  'getDashboard',
  'exportConfig',
  'planConfig',
  'applyConfig',
  'getEvent',
  'revertEvent',
] as const;

export interface SuiteTokens {
  call: Call;
  admin: string;
  deploy: string;
  read: string;
}

type ErrorBody = { error: { code: string; message: string; details?: { fields?: { path: string }[] } } };

/**
 * Every issue-5 operation with a success and at least one documented error, through the spec-
 * validating client. Registered from `contract.test.ts` so the coverage test there sees them.
 */
export function configContractSuite(tokens: () => SuiteTokens): void {
  describe('vars, secrets and env (contract)', () => {
    it('network and app vars: set, get, list, unset with their error statuses', async () => {
      const { call, admin, deploy, read } = tokens();
      await call('POST', '/api/v1/networks', { token: admin, body: { name: 'cfg' } });
      await call('POST', '/api/v1/networks/cfg/apps', { token: admin, body: { name: 'web' } });
      for (const base of ['/api/v1/networks/cfg', '/api/v1/networks/cfg/apps/web']) {
        const set = await call<{ data: { key: string; value: string }[]; releases: unknown[] }>('POST', `${base}/vars`, {
          token: deploy,
          body: { vars: { B_KEY: 'b', A_KEY: 'a' } },
        });
        expect(set.status).toBe(200);
        expect(set.body.data.map((v) => v.key)).toEqual(['A_KEY', 'B_KEY']);
        expect(set.body.releases).toEqual([]);
        const reserved = await call<ErrorBody>('POST', `${base}/vars`, { token: deploy, body: { vars: { PORT: '1' } } });
        expect(reserved.status).toBe(422);
        expect(reserved.body.error.details?.fields?.[0]?.path).toBe('/vars/PORT');
        expect(reserved.body.error.message).toContain('PORT');
        expect((await call('POST', `${base}/vars`, { token: read, body: { vars: { X: '1' } } })).status).toBe(403);
        const page = await call<{ data: { key: string }[]; next_cursor: string }>('GET', `${base}/vars?limit=1`, { token: read });
        expect(page.body.data.map((v) => v.key)).toEqual(['A_KEY']);
        const next = await call<{ data: { key: string }[]; next_cursor: null }>('GET', `${base}/vars?cursor=${page.body.next_cursor}`, {
          token: read,
        });
        expect(next.body).toMatchObject({ data: [{ key: 'B_KEY' }], next_cursor: null });
        expect((await call('GET', `${base}/vars?cursor=nonsense`, { token: read })).status).toBe(422);
        expect((await call<{ value: string }>('GET', `${base}/vars/A_KEY`, { token: read })).body.value).toBe('a');
        expect((await call('GET', `${base}/vars/NOPE`, { token: read })).status).toBe(404);
        const unset = await call<{ unset: string[] }>('POST', `${base}/vars/unset`, { token: deploy, body: { keys: ['A_KEY', 'ABSENT'] } });
        expect(unset.body.unset).toEqual(['A_KEY']);
        expect((await call('POST', `${base}/vars/unset`, { token: deploy, body: { keys: [] } })).status).toBe(422);
      }
      expect((await call('GET', '/api/v1/networks/missing/vars', { token: read })).status).toBe(404);
      expect((await call('POST', '/api/v1/networks/missing/vars/unset', { token: deploy, body: { keys: ['A'] } })).status).toBe(404);
      expect((await call('GET', '/api/v1/networks/cfg/apps/nope/vars', { token: read })).status).toBe(404);
      expect((await call('POST', '/api/v1/networks/cfg/apps/nope/vars/unset', { token: deploy, body: { keys: ['A'] } })).status).toBe(404);
    });

    it('network and app secrets: write-only, with their error statuses', async () => {
      const { call, deploy, read } = tokens();
      for (const base of ['/api/v1/networks/cfg', '/api/v1/networks/cfg/apps/web']) {
        const set = await call<{ data: { key: string; digest: string }[] }>('POST', `${base}/secrets`, {
          token: deploy,
          body: { secrets: { TOKEN: 'contract-secret-value' } },
        });
        expect(set.status).toBe(200);
        expect(set.body.data[0]?.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
        expect(set.text).not.toContain('contract-secret-value');
        expect((await call('POST', `${base}/secrets`, { token: deploy, body: { secrets: { 'bad-key': 'x' } } })).status).toBe(422);
        expect((await call('GET', `${base}/secrets`)).status).toBe(401);
        const list = await call<{ data: { key: string }[] }>('GET', `${base}/secrets`, { token: read });
        expect(list.body.data.map((s) => s.key)).toEqual(['TOKEN']);
        expect(list.text).not.toContain('contract-secret-value');
        expect((await call('GET', `${base}/secrets/TOKEN`, { token: read })).status).toBe(200);
        expect((await call('GET', `${base}/secrets/NOPE`, { token: read })).status).toBe(404);
        expect((await call('POST', `${base}/secrets/unset`, { token: read, body: { keys: ['TOKEN'] } })).status).toBe(403);
        const unset = await call<{ unset: string[] }>('POST', `${base}/secrets/unset`, { token: deploy, body: { keys: ['TOKEN'] } });
        expect(unset.body.unset).toEqual(['TOKEN']);
      }
      expect((await call('GET', '/api/v1/networks/cfg/apps/nope/secrets', { token: read })).status).toBe(404);
    });

    it('copyAppSecrets: 200 re-sealed on the platform, 422 for a key the source lacks, 404 for an unknown source', async () => {
      const { call, deploy, read } = tokens();
      await call('POST', '/api/v1/networks/cfg/secrets', { token: deploy, body: { secrets: { COPY_ME: 'contract-copy-value' } } });
      const copied = await call<{ data: { key: string; digest: string }[] }>('POST', '/api/v1/networks/cfg/apps/web/secrets/copy', {
        token: deploy,
        body: { from: { network: 'cfg' }, keys: ['COPY_ME'] },
      });
      expect(copied.status).toBe(200);
      expect(copied.body.data.map((s) => s.key)).toContain('COPY_ME');
      expect(copied.text).not.toContain('contract-copy-value');
      const missing = await call('POST', '/api/v1/networks/cfg/apps/web/secrets/copy', {
        token: deploy,
        body: { from: { network: 'cfg' }, keys: ['NOT_THERE'] },
      });
      expect(missing.status).toBeGreaterThanOrEqual(400);
      const unknown = await call('POST', '/api/v1/networks/cfg/apps/web/secrets/copy', { token: deploy, body: { from: { network: 'nope-net' } } });
      expect(unknown.status).toBe(404);
      expect((await call('POST', '/api/v1/networks/cfg/apps/web/secrets/copy', { token: read, body: { from: { network: 'cfg' } } })).status).toBe(403);
      await call('POST', '/api/v1/networks/cfg/apps/web/secrets/unset', { token: deploy, body: { keys: ['COPY_ME'] } });
      await call('POST', '/api/v1/networks/cfg/secrets/unset', { token: deploy, body: { keys: ['COPY_ME'] } });
    });

    it('getAppEnv: 200 with sources and secret digests, 404 for an unknown app', async () => {
      const { call, deploy, read } = tokens();
      const set = await call<{ data: { digest: string }[] }>('POST', '/api/v1/networks/cfg/apps/web/secrets', {
        token: deploy,
        body: { secrets: { ENV_SECRET: 'contract-env-secret' } },
      });
      const env = await call<{ data: { key: string; source: string; value: string | null; digest: string | null }[] }>(
        'GET',
        '/api/v1/networks/cfg/apps/web/env',
        { token: read },
      );
      expect(env.status).toBe(200);
      expect(env.body.data.find((e) => e.key === 'MAX_APP')).toMatchObject({ source: 'platform', value: 'web', digest: null });
      expect(env.body.data.find((e) => e.key === 'ENV_SECRET')).toMatchObject({ source: 'secret', value: null, digest: set.body.data[0]?.digest });
      // No process runs yet: PORT is a platform value that is not known, null like a secret but without a digest.
      expect(env.body.data.find((e) => e.key === 'PORT')).toMatchObject({ source: 'platform', value: null, digest: null });
      expect(env.text).not.toContain('contract-env-secret');
      await call('POST', '/api/v1/networks/cfg/apps/web/secrets/unset', { token: deploy, body: { keys: ['ENV_SECRET'] } });
      expect((await call('GET', '/api/v1/networks/cfg/apps/nope/env', { token: read })).status).toBe(404);
    });
  });

  describe('dashboard, config and history (contract)', () => {
    it('getDashboard: 200, 422 on an out-of-range events count', async () => {
      const { call, read } = tokens();
      const dash = await call<{ counts: { networks: number } }>('GET', '/api/v1/dashboard?events=5', { token: read });
      expect(dash.status).toBe(200);
      expect(dash.body.counts.networks).toBeGreaterThan(0);
      expect((await call('GET', '/api/v1/dashboard?events=101', { token: read })).status).toBe(422);
    });

    it('exportConfig, planConfig, applyConfig with their error statuses', async () => {
      const { call, deploy, read } = tokens();
      const exported = await call<{ version: 1; networks: { name: string }[] }>('GET', '/api/v1/config/export?network=cfg', { token: read });
      expect(exported.status).toBe(200);
      expect(exported.body.networks.map((n) => n.name)).toEqual(['cfg']);
      expect((await call('GET', '/api/v1/config/export?network=missing', { token: read })).status).toBe(404);
      const plan = await call<{ digest: string; changes: unknown[] }>('POST', '/api/v1/config/plan', { token: deploy, body: { document: exported.body } });
      expect(plan.status).toBe(200);
      expect(plan.body.changes).toEqual([]);
      expect((await call('POST', '/api/v1/config/plan', { token: deploy, body: { document: { version: 2, networks: [] } } })).status).toBe(422);
      expect((await call('POST', '/api/v1/config/plan', { token: deploy, body: exported.body })).status).toBe(422);
      expect((await call('POST', '/api/v1/config/plan', { token: read, body: { document: exported.body } })).status).toBe(403);
      const applied = await call<{ plan: { digest: string } }>('POST', '/api/v1/config/apply', {
        token: deploy,
        body: { document: exported.body, plan_digest: plan.body.digest },
      });
      expect(applied.status).toBe(200);
      const stale = await call<ErrorBody>('POST', '/api/v1/config/apply', {
        token: deploy,
        body: { document: exported.body, plan_digest: `sha256:${'0'.repeat(64)}` },
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.code).toBe('plan_stale');
      expect((await call('POST', '/api/v1/config/apply', { token: deploy, body: { document: exported.body, extra: 1 } })).status).toBe(422);
    });

    it('planConfig and applyConfig with secret_values: a secret entry by digest, set in the apply, 422 on a mismatch', async () => {
      const { call, deploy, read } = tokens();
      const value = 'contract-config-secret';
      const digest = `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
      const document = { version: 1, networks: [{ name: 'cfg-secrets', secrets: [{ key: 'DB_PASSWORD', digest }], apps: [{ name: 'api', secrets: [{ key: 'TOKEN' }] }] }] };
      const secret_values = { 'cfg-secrets': { DB_PASSWORD: value }, 'cfg-secrets/api': { TOKEN: value } };
      const blocked = await call<{ blockers: { reason: string; key: string }[] }>('POST', '/api/v1/config/plan', { token: deploy, body: { document } });
      expect(blocked.body.blockers.map((b) => [b.reason, b.key])).toEqual([
        ['secret_missing', 'DB_PASSWORD'],
        ['secret_missing', 'TOKEN'],
      ]);
      const plan = await call<{ digest: string; blockers: unknown[]; changes: { resource: string; fields: unknown[] }[] }>('POST', '/api/v1/config/plan', {
        token: deploy,
        body: { document, secret_values },
      });
      expect(plan.status).toBe(200);
      expect(plan.body.blockers).toEqual([]);
      expect(plan.body.changes.find((c) => c.resource === 'secret')?.fields).toEqual([{ name: 'digest', before: null, after: digest }]);
      expect(plan.text).not.toContain(value);
      const mismatch = await call<ErrorBody>('POST', '/api/v1/config/apply', {
        token: deploy,
        body: { document, secret_values: { 'cfg-secrets': { DB_PASSWORD: 'another-value' } } },
      });
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.error.details?.fields?.map((f) => f.path)).toEqual(['/secret_values/cfg-secrets/DB_PASSWORD']);
      expect(mismatch.text).not.toContain('another-value');
      const applied = await call<{ plan: { digest: string } }>('POST', '/api/v1/config/apply', {
        token: deploy,
        body: { document, secret_values, plan_digest: plan.body.digest },
      });
      expect(applied.status).toBe(200);
      expect(applied.text).not.toContain(value);
      const secret = await call<{ digest: string }>('GET', '/api/v1/networks/cfg-secrets/secrets/DB_PASSWORD', { token: read });
      expect(secret.body.digest).toBe(digest);
      const exported = await call<{ networks: { secrets: unknown[]; apps: { secrets: unknown[] }[] }[] }>('GET', '/api/v1/config/export?network=cfg-secrets', {
        token: read,
      });
      expect(exported.body.networks[0]?.secrets).toEqual([{ key: 'DB_PASSWORD', digest }]);
      expect(exported.body.networks[0]?.apps[0]?.secrets).toEqual([{ key: 'TOKEN', digest }]);
      await call('DELETE', '/api/v1/networks/cfg-secrets?force=true', { token: deploy });
    });

    it('getEvent and revertEvent with their error statuses', async () => {
      const { call, deploy, read } = tokens();
      await call('POST', '/api/v1/networks/cfg/vars', { token: deploy, body: { vars: { REVERT_ME: 'v1' } } });
      const events = await call<{ data: { id: string; action: string; revertible?: boolean }[] }>(
        'GET',
        '/api/v1/events?network=cfg&action=var.set&limit=1',
        { token: read },
      );
      const latest = events.body.data[0];
      expect(latest?.revertible).toBe(true);
      const got = await call<{ id: string }>('GET', `/api/v1/events/${latest?.id}`, { token: read });
      expect(got.body.id).toBe(latest?.id);
      expect((await call('GET', '/api/v1/events/evt_missing', { token: read })).status).toBe(404);
      const reverted = await call<{ event: { action: string; details: { reverts: string } } }>('POST', `/api/v1/events/${latest?.id}/revert`, {
        token: deploy,
      });
      expect(reverted.status).toBe(201);
      expect(reverted.body.event.details.reverts).toBe(latest?.id);
      expect((await call('POST', `/api/v1/events/${latest?.id}/revert`, { token: deploy })).status).toBe(409);
      const created = await call<{ data: { id: string }[] }>('GET', '/api/v1/events?action=network.created&network=cfg', { token: read });
      const notRevertible = await call<ErrorBody>('POST', `/api/v1/events/${created.body.data[0]?.id}/revert`, { token: deploy });
      expect(notRevertible.status).toBe(409);
      expect(notRevertible.body.error.code).toBe('not_revertible');
      expect((await call('POST', '/api/v1/events/evt_missing/revert', { token: deploy })).status).toBe(404);
      expect((await call('POST', `/api/v1/events/${latest?.id}/revert`, { token: read })).status).toBe(403);
    });
  });
}
