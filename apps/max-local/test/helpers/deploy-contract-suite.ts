import { describe, expect, it } from 'vitest';
import type { Call } from './api.js';
import { bundleFiles, deployBundle, packOf, sendRaw, sha256, waitForDeployment, type Bundle, type WireDeployment } from './deploy-client.js';
import { makePack } from '../deploy/helpers.js';

/** Operations of issue 6 (blobs, deployments, releases, logs); the coverage test requires each. */
export const DEPLOY_OPERATIONS = [
  'findMissingBlobs',
  'uploadBlob',
  'uploadBlobPack',
  'createDeployment',
  'listDeployments',
  'getDeployment',
  'finalizeDeployment',
  'cancelDeployment',
  'listReleases',
  'getRelease',
  'rollbackRelease',
  'listAppLogs',
  'listNetworkLogs',
  'listBuildLogs',
] as const;

export interface DeploySuiteContext {
  call: Call;
  baseUrl: string;
  admin: string;
  read: string;
}

type ErrorBody = { error: { code: string; details?: Record<string, unknown> } };

/** A tiny app that needs no install: rig.json says how to start it, and it prints its greeting var. */
function tinyApp(greeting: string): Bundle {
  const files: Record<string, string> = {
    'rig.json': JSON.stringify({ start: 'node server.js' }),
    'server.js': `require('node:http').createServer((q, s) => s.end((process.env.GREETING || '${greeting}') + ' v' + process.env.MAX_RELEASE))
  .listen(Number(process.env.PORT), '127.0.0.1', () => console.log('tiny listening'));\n`,
  };
  return bundleFiles(files);
}

/**
 * Every issue-6 operation with a success and at least one documented error, through the spec-validating client.
 * Registered from `contract.test.ts` so the coverage test there sees them.
 */
export function deployContractSuite(context: () => DeploySuiteContext): void {
  describe('blobs, deployments, releases and logs (contract)', () => {
    it('blobs: missing, single uploads, packs, with their error statuses', async () => {
      const { call, baseUrl, admin, read } = context();
      const data = Buffer.from('contract blob');
      const digest = sha256(data);
      const missing = await call<{ missing: string[] }>('POST', '/api/v1/blobs/missing', { token: admin, body: { digests: [digest, digest] } });
      expect(missing.status).toBe(200);
      expect(missing.body.missing).toEqual([digest]);
      expect((await call('POST', '/api/v1/blobs/missing', { token: admin, body: { digests: ['nope'] } })).status).toBe(422);
      expect((await call('POST', '/api/v1/blobs/missing', { token: read, body: { digests: [digest] } })).status).toBe(403);

      expect((await sendRaw(baseUrl, 'PUT', `/api/v1/blobs/${digest}`, admin, data, 'application/octet-stream')).status).toBe(201);
      const again = await sendRaw(baseUrl, 'PUT', `/api/v1/blobs/${digest}`, admin, data, 'application/octet-stream');
      expect(again.status).toBe(200);
      expect(again.body).toEqual({ digest, size: data.length });
      const lying = await sendRaw(baseUrl, 'PUT', `/api/v1/blobs/${sha256('other')}`, admin, data, 'application/octet-stream');
      expect(lying.status).toBe(422);
      expect(lying.body.error?.code).toBe('digest_mismatch');
      const wrongType = await sendRaw(baseUrl, 'PUT', `/api/v1/blobs/${digest}`, admin, data, 'text/plain');
      expect(wrongType.status).toBe(415);
      expect(wrongType.body.error?.code).toBe('unsupported_media_type');

      const a = Buffer.from('pack a');
      const b = Buffer.from('pack b');
      const blobs = new Map([
        [sha256(a), a],
        [sha256(b), b],
        [digest, data],
      ]);
      const pack = await sendRaw(baseUrl, 'POST', '/api/v1/blobs/packs', admin, packOf(blobs, [sha256(a), sha256(b), digest]), 'application/gzip');
      expect(pack.status).toBe(200);
      expect(pack.body).toEqual({ stored: [sha256(a), sha256(b)], already_present: [digest] });
      const badPack = makePack([{ name: sha256('x'), data: 'y' }]);
      const mismatch = await sendRaw(baseUrl, 'POST', '/api/v1/blobs/packs', admin, badPack, 'application/gzip');
      expect(mismatch.status).toBe(422);
      expect(mismatch.body.error?.code).toBe('digest_mismatch');
      const linkPack = makePack([{ name: sha256('l'), type: '2', linkname: '/etc/passwd' }]);
      expect((await sendRaw(baseUrl, 'POST', '/api/v1/blobs/packs', admin, linkPack, 'application/gzip')).status).toBe(400);
      // Blobs are per user: another user's store does not answer for them (here: the same user sees them).
      expect((await call<{ missing: string[] }>('POST', '/api/v1/blobs/missing', { token: admin, body: { digests: [sha256(a)] } })).body.missing).toEqual([]);
    });

    it('deployments: create, finalize, get, list, cancel, build logs', async () => {
      const { call, baseUrl, admin, read } = context();
      await call('POST', '/api/v1/networks', { token: admin, body: { name: 'dep' } });
      await call('POST', '/api/v1/networks/dep/apps', { token: admin, body: { name: 'api' } });
      const app = tinyApp('hello');
      const base = '/api/v1/networks/dep/apps/api';

      const created = await call<WireDeployment>('POST', `${base}/deployments`, { token: admin, body: { manifest: app.manifest, message: 'first' } });
      expect(created.status).toBe(201);
      expect(created.body.state).toBe('uploading');
      expect([...created.body.missing_blobs].sort()).toEqual([...app.blobs.keys()].sort());
      const early = await call<ErrorBody>('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token: admin });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('blobs_missing');
      expect(early.body.error.details?.['missing']).toHaveLength(2);
      await sendRaw(baseUrl, 'POST', '/api/v1/blobs/packs', admin, packOf(app.blobs, created.body.missing_blobs), 'application/gzip');
      const finalized = await call<WireDeployment>('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token: admin });
      expect(finalized.status).toBe(200);
      expect(['queued', 'building', 'releasing', 'running']).toContain(finalized.body.state);
      const done = await waitForDeployment(call, admin, created.body.id);
      expect(done).toMatchObject({ state: 'running', release: 1, failure: null });
      const again = await call<WireDeployment>('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token: admin });
      expect(again.body.state).toBe('running');

      expect((await call('POST', `${base}/deployments`, { token: admin, body: { manifest: [{ path: '../x', sha256: sha256(''), size: 0, mode: 420 }] } })).status).toBe(422);
      const escaping = await call<ErrorBody>('POST', `${base}/deployments`, {
        token: admin,
        body: { manifest: [{ path: 'link', type: 'symlink', target: '../../etc', sha256: sha256('../../etc'), size: 9, mode: 511 }] },
      });
      expect(escaping.status).toBe(400);
      expect(escaping.body.error.details?.['reason']).toBe('escaping_link');
      expect((await call('POST', '/api/v1/networks/dep/apps/nope/deployments', { token: admin, body: { manifest: app.manifest } })).status).toBe(404);
      expect((await call('POST', `/api/v1/deployments/dep_missing/finalize`, { token: admin })).status).toBe(404);

      const got = await call<WireDeployment>('GET', `/api/v1/deployments/${created.body.id}`, { token: read });
      expect(got.status).toBe(200);
      expect((await call('GET', '/api/v1/deployments/dep_nope', { token: read })).status).toBe(404);
      const list = await call<{ data: WireDeployment[] }>('GET', `${base}/deployments?state=running`, { token: read });
      expect(list.status).toBe(200);
      expect(list.body.data.map((d) => d.id)).toEqual([created.body.id]);
      expect((await call('GET', `${base}/deployments?state=done`, { token: read })).status).toBe(422);
      expect((await call('GET', '/api/v1/networks/dep/apps/nope/deployments', { token: read })).status).toBe(404);

      // A second deployment that never gets its blobs: cancelled (twice: harmless); a running one cannot be.
      const pending = await call<WireDeployment>('POST', `${base}/deployments`, {
        token: admin,
        body: { manifest: [{ path: 'x.txt', sha256: sha256('never uploaded'), size: 14, mode: 420 }] },
      });
      const cancelled = await call<WireDeployment>('POST', `/api/v1/deployments/${pending.body.id}/cancel`, { token: admin });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body.state).toBe('cancelled');
      expect((await call<WireDeployment>('POST', `/api/v1/deployments/${pending.body.id}/cancel`, { token: admin })).body.state).toBe('cancelled');
      const notCancellable = await call<ErrorBody>('POST', `/api/v1/deployments/${created.body.id}/cancel`, { token: admin });
      expect(notCancellable.status).toBe(409);
      expect(notCancellable.body.error.code).toBe('invalid_state');

      const logs = await call<{ data: { seq: number; line: string }[]; latest_seq: number; earliest_seq: number; has_more: boolean }>(
        'GET',
        `/api/v1/deployments/${created.body.id}/logs`,
        { token: read },
      );
      expect(logs.status).toBe(200);
      expect(logs.body.data.map((l) => l.seq)).toEqual(Array.from({ length: logs.body.data.length }, (_, i) => i + 1));
      expect(logs.body.data.some((l) => l.line.includes('Release v1 is live'))).toBe(true);
      const later = await call<{ data: { seq: number }[] }>('GET', `/api/v1/deployments/${created.body.id}/logs?after_seq=2&limit=1`, { token: read });
      expect(later.body.data.map((l) => l.seq)).toEqual([3]);
      expect((await call('GET', `/api/v1/deployments/${created.body.id}/logs?limit=0`, { token: read })).status).toBe(422);
      expect((await call('GET', '/api/v1/deployments/dep_nope/logs', { token: read })).status).toBe(404);
    });

    it('releases and runtime logs: list, get, rollback, app and network logs', async () => {
      const { call, baseUrl, admin, read } = context();
      const base = '/api/v1/networks/dep/apps/api';
      const nothing = await call<ErrorBody>('POST', `${base}/releases/rollback`, { token: admin, body: {} });
      expect(nothing.status).toBe(409);
      expect(nothing.body.error.code).toBe('invalid_state');
      const second = await deployBundle(call, baseUrl, admin, { network: 'dep', app: 'api' }, tinyApp('second'));
      expect(second.deployment).toMatchObject({ state: 'running', release: 2 });
      expect(second.uploaded).toHaveLength(1); // only server.js changed

      const rolled = await call<{ version: number; state: string; reason: string; rollback_of: number }>('POST', `${base}/releases/rollback`, {
        token: admin,
        body: {},
      });
      expect(rolled.status).toBe(201);
      expect(rolled.body).toMatchObject({ version: 3, state: 'pending', reason: 'rollback', rollback_of: 1 });
      for (let i = 0; i < 100; i += 1) {
        const r = await call<{ state: string }>('GET', `${base}/releases/3`, { token: read });
        if (r.body.state !== 'pending') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const list = await call<{ data: { version: number; state: string }[] }>('GET', `${base}/releases`, { token: read });
      expect(list.status).toBe(200);
      expect(list.body.data.map((r) => [r.version, r.state])).toEqual([
        [3, 'active'],
        [2, 'superseded'],
        [1, 'superseded'],
      ]);
      const page = await call<{ data: { version: number }[]; next_cursor: string }>('GET', `${base}/releases?limit=1`, { token: read });
      const next = await call<{ data: { version: number }[] }>('GET', `${base}/releases?limit=1&cursor=${page.body.next_cursor}`, { token: read });
      expect(next.body.data.map((r) => r.version)).toEqual([2]);
      expect((await call('GET', `${base}/releases/9`, { token: read })).status).toBe(404);
      expect((await call('GET', '/api/v1/networks/dep/apps/nope/releases', { token: read })).status).toBe(404);
      expect((await call('POST', `${base}/releases/rollback`, { token: admin, body: { to: 3 } })).status).toBe(409);
      expect((await call('POST', `${base}/releases/rollback`, { token: admin, body: { to: 0 } })).status).toBe(422);

      const appLogs = await call<{ data: { line: string; source: string }[] }>('GET', `${base}/logs?stream=stdout`, { token: read });
      expect(appLogs.status).toBe(200);
      expect(appLogs.body.data.some((l) => l.line === 'tiny listening' && l.source === 'app')).toBe(true);
      const tail = await call<{ data: { seq: number }[]; latest_seq: number }>('GET', `${base}/logs?tail=true&limit=2`, { token: read });
      expect(tail.body.data.map((l) => l.seq)).toEqual([tail.body.latest_seq - 1, tail.body.latest_seq]);
      expect((await call('GET', `${base}/logs?stream=stdin`, { token: read })).status).toBe(422);
      const networkLogs = await call<{ data: { app: string }[] }>('GET', '/api/v1/networks/dep/logs', { token: read });
      expect(networkLogs.status).toBe(200);
      expect(networkLogs.body.data.every((l) => l.app === 'api')).toBe(true);
      expect((await call('GET', '/api/v1/networks/nope/logs', { token: read })).status).toBe(404);
    });
  });
}
