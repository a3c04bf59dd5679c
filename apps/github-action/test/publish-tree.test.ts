import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { MaxClient } from '@max/rig-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDir, repoRoot, runAction } from './action-runner.js';

// tools/scripts/assemble-action.mjs makes the publishable max/rig-action tree; the Action runs from that tree
// alone, far from the monorepo and its node_modules.

let max: MaxLocal;
let dataDir: string;
let tree: string;
let token: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rig-action-tree-data-'));
  tree = join(mkdtempSync(join(tmpdir(), 'rig-action-tree-')), 'rig-action');
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, log: false, stabilizationSeconds: 0 });
  token = await createApiToken({ dataDir, name: 'action-tree' });
  await new MaxClient({ apiUrl: max.url, token }).networks.create({ name: 'pub' });
}, 60_000);

afterAll(async () => {
  await max?.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(join(tree, '..'), { recursive: true, force: true });
});

describe('the publishable tree', () => {
  it('holds action.yml, dist, README and LICENSE only, and the Action deploys from it', async () => {
    // The staleness of dist/ is test/dist.test.ts's to report; this test is about the tree.
    const assembled = spawnSync(process.execPath, [join(repoRoot, 'tools', 'scripts', 'assemble-action.mjs'), '--out', tree, '--no-check'], { encoding: 'utf8' });
    expect(assembled.status, assembled.stderr).toBe(0);
    expect(readdirSync(tree).sort()).toEqual(['LICENSE', 'README.md', 'action.yml', 'dist']);
    const run = await runAction({ inputs: { 'api-url': max.url, token, app: 'pub/site', dir: exampleDir, create: 'true' }, entry: join(tree, 'dist', 'index.mjs'), workspace: tree });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', release: '1' });
    expect(run.masks).toContain(token);
    expect(run.everything).not.toContain(token);
  }, 90_000);

  it('refuses to run without --out', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'tools', 'scripts', 'assemble-action.mjs')], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('usage:');
  });
});
