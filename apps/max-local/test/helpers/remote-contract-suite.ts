import { describe, expect, it } from 'vitest';
import type { Call } from './api.js';

/** Operations of issue 9 (shell sessions and command runs); the coverage test requires each. */
export const REMOTE_OPERATIONS = [
  'createAppShell',
  'createNetworkShell',
  'listShells',
  'getShell',
  'deleteShell',
  'createAppRun',
  'createNetworkRun',
  'listRuns',
  'getRun',
  'cancelRun',
] as const;

export interface RemoteSuiteContext {
  call: Call;
  admin: string;
  read: string;
}

type ErrorBody = { error: { code: string } };
interface Run {
  id: string;
  state: string;
  exit_code: number | null;
  error: string | null;
  pid: number | null;
}

async function waitForRun(call: Call, token: string, id: string, done: (run: Run) => boolean): Promise<Run> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await call<Run>('GET', `/api/v1/runs/${id}`, { token });
    if (done(res.body)) return res.body;
    if (Date.now() > deadline) throw new Error(`run ${id} stayed ${res.body.state}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every shell and run operation, each with a success and an error status, through the validating client (so the
 * responses are checked against the spec). Behaviour in depth is in test/shells/.
 */
export function remoteContractSuite(context: () => RemoteSuiteContext): void {
  describe('shell and run operations', () => {
    it('shells: create (app and network), list, get, delete, with their errors', async () => {
      const { call, admin, read } = context();
      expect((await call('POST', '/api/v1/networks', { token: admin, body: { name: 'remote-net' } })).status).toBe(201);
      expect((await call('POST', '/api/v1/networks/remote-net/apps', { token: admin, body: { name: 'box' } })).status).toBe(201);
      const base = '/api/v1/networks/remote-net';
      const shell = await call<{ id: string; state: string }>('POST', `${base}/apps/box/shells`, {
        token: admin,
        body: { cols: 80, rows: 24, command: ['sleep', '60'], detach_timeout_seconds: 60 },
      });
      expect(shell.status).toBe(201);
      expect(shell.body.state).toBe('running');
      expect((await call('POST', `${base}/apps/nope/shells`, { token: admin, body: { cols: 80, rows: 24 } })).status).toBe(404);
      expect((await call<ErrorBody>('POST', `${base}/apps/box/shells`, { token: admin, body: { cols: 0, rows: 24 } })).body.error.code).toBe('validation_failed');
      expect((await call('POST', `${base}/apps/box/shells`, { token: read, body: { cols: 80, rows: 24 } })).status).toBe(403);
      const network = await call<{ id: string; app: string | null }>('POST', `${base}/shells`, { token: admin, body: { cols: 80, rows: 24, command: ['true'] } });
      expect(network.status).toBe(201);
      expect(network.body.app).toBeNull();
      expect((await call('POST', '/api/v1/networks/nope/shells', { token: admin, body: { cols: 80, rows: 24 } })).status).toBe(404);
      const list = await call<{ data: { id: string }[] }>('GET', '/api/v1/shells?network=remote-net', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.data.map((s) => s.id)).toEqual(expect.arrayContaining([shell.body.id, network.body.id]));
      expect((await call('GET', '/api/v1/shells?cursor=bm9wZQ', { token: admin })).status).toBe(422);
      expect((await call('GET', `/api/v1/shells/${shell.body.id}`, { token: admin })).status).toBe(200);
      expect((await call('GET', '/api/v1/shells/sh_nope', { token: admin })).status).toBe(404);
      expect((await call('DELETE', `/api/v1/shells/${shell.body.id}`, { token: admin })).status).toBe(204);
      expect((await call('DELETE', '/api/v1/shells/sh_nope', { token: admin })).status).toBe(404);
    });

    it('runs: create (app and network), list, get, cancel, with their errors', async () => {
      const { call, admin, read } = context();
      const base = '/api/v1/networks/remote-net';
      const run = await call<Run>('POST', `${base}/apps/box/runs`, { token: admin, body: { command: ['sleep', '60'], timeout_seconds: 120 } });
      expect(run.status).toBe(201);
      expect(run.body.state).toBe('running');
      expect(run.body.pid).toBeGreaterThan(0);
      expect((await call('POST', `${base}/apps/box/runs`, { token: admin, body: { command: [] } })).status).toBe(422);
      expect((await call('POST', `${base}/apps/box/runs`, { token: read, body: { command: ['true'] } })).status).toBe(403);
      const missing = await call<Run>('POST', `${base}/runs`, { token: admin, body: { command: ['no-such-cmd-contract'] } });
      expect(missing.status).toBe(201);
      expect(missing.body).toMatchObject({ state: 'failed', exit_code: 127, error: 'no-such-cmd-contract: command not found', pid: null });
      expect((await call('POST', '/api/v1/networks/nope/runs', { token: admin, body: { command: ['true'] } })).status).toBe(404);
      const list = await call<{ data: Run[] }>('GET', '/api/v1/runs?network=remote-net&app=box', { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.data.map((r) => r.id)).toEqual([run.body.id]);
      expect((await call('GET', '/api/v1/runs?app=box', { token: admin })).status).toBe(422);
      expect((await call('GET', `/api/v1/runs/${missing.body.id}`, { token: admin })).status).toBe(200);
      expect((await call('GET', '/api/v1/runs/run_nope', { token: admin })).status).toBe(404);
      expect((await call('POST', `/api/v1/runs/${run.body.id}/cancel`, { token: admin })).status).toBe(200);
      expect((await call('POST', '/api/v1/runs/run_nope/cancel', { token: admin })).status).toBe(404);
      const cancelled = await waitForRun(call, admin, run.body.id, (r) => r.state !== 'running');
      expect(cancelled).toMatchObject({ state: 'cancelled', exit_code: null });
    });
  });
}
