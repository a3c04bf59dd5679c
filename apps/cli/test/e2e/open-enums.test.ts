import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt } from './harness.js';

/**
 * A platform newer than this rig (ADR 0012): it answers with enum values rig has never heard of — an app status
 * `hibernating`, a release state `archived`, made for the reason `autoscale` by an actor of type `autoscaler`. The built rig accepts them and shows them as-is,
 * in tables and in JSON. (max-local cannot play this part: it is exactly as old as rig.)
 */

let server: Server;
let apiUrl: string;
let configDir: string;

const app = {
  id: 'app_1',
  name: 'web',
  network: 'prod',
  hostname: 'web.prod.localhost',
  url: 'http://web.prod.localhost:4080',
  description: null,
  health_check_path: '/',
  status: 'hibernating',
  current_release: 3,
  created_at: '2026-12-03T00:00:00Z',
  updated_at: '2026-12-03T00:00:00Z',
};
const release = {
  version: 3,
  network: 'prod',
  app: 'web',
  state: 'archived',
  reason: 'autoscale',
  deployment_id: 'dep_1',
  rollback_of: null,
  config_digest: `sha256:${'0'.repeat(64)}`,
  description: 'scaled to zero',
  created_by: { type: 'autoscaler', id: 'sys', email: null },
  created_at: '2026-12-03T00:00:00Z',
};

beforeAll(async () => {
  ensureBuilt();
  configDir = mkdtempSync(join(tmpdir(), 'rig-open-enums-'));
  server = createServer((req, res) => {
    const path = (req.url ?? '').split('?')[0];
    const body =
      path === '/api/v1/networks/prod/apps/web'
        ? app
        : path === '/api/v1/networks/prod/apps/web/releases'
          ? { data: [release], next_cursor: null }
          : undefined;
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json', 'x-request-id': 'req_1' });
    res.end(JSON.stringify(body ?? { error: { code: 'not_found', message: `no ${path}`, request_id: 'req_1' } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server?.close(() => resolve()));
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

function rig(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [binPath, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: configDir, RIG_CONFIG_DIR: configDir, RIG_API_URL: apiUrl, RIG_TOKEN: 'not-a-real-token' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('enum values from a newer platform', () => {
  it('status app: shown as-is in the table and in JSON', async () => {
    const table = await rig(['status', 'app', 'prod/web']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain('hibernating');
    const asJson = await rig(['status', 'app', 'prod/web', '-o', 'json']);
    expect(asJson.code, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ name: 'web', status: 'hibernating' });
  });

  it('releases: an unknown state and reason pass through too', async () => {
    const asJson = await rig(['releases', 'prod/web', '-o', 'json']);
    expect(asJson.code, asJson.stderr).toBe(0);
    expect(JSON.parse(asJson.stdout)).toMatchObject([{ version: 3, state: 'archived', reason: 'autoscale', created_by: { type: 'autoscaler' } }]);
    const table = await rig(['releases', 'prod/web']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/archived/);
  });
});
