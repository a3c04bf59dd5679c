import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { MaxClient } from '@max/rig-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDir, runAction, type ActionRun } from './action-runner.js';

// config-apply (secret values from the `secrets` input, masked) and run (a one-off command in the app), bundled.

let max: MaxLocal;
let dataDir: string;
let work: string;
let token: string;
let client: MaxClient;
const SECRET = 'config-apply-secret-4d2a';
const runs: ActionRun[] = [];

async function action(inputs: Record<string, string>): Promise<ActionRun> {
  const run = await runAction({ inputs: { 'api-url': max.url, token, ...inputs }, workspace: work });
  runs.push(run);
  return run;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rig-action-config-'));
  work = mkdtempSync(join(tmpdir(), 'rig-action-config-ws-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, log: false, stabilizationSeconds: 0 });
  token = await createApiToken({ dataDir, name: 'action-config' });
  client = new MaxClient({ apiUrl: max.url, token, retry: false });
  await client.networks.create({ name: 'cfg' });
  await client.apps.create('cfg', { name: 'api' });
}, 60_000);

afterAll(async () => {
  try {
    for (const run of runs) {
      expect(run.masks).toContain(token);
      for (const value of [token, SECRET]) expect(run.everything).not.toContain(value);
    }
  } finally {
    await max?.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  }
});

describe('command: config-apply', () => {
  const document = { version: 1, networks: [{ name: 'cfg', vars: { REGION: 'eu' }, apps: [{ name: 'api', vars: { LOG_LEVEL: 'debug' }, secrets: [{ key: 'API_KEY' }] }] }] };

  it('without the secret’s value the plan is blocked and nothing is applied', async () => {
    writeFileSync(join(work, 'max.json'), JSON.stringify(document));
    const run = await action({ command: 'config-apply', config: 'max.json' });
    expect(run.code).toBe(1);
    expect(run.outputs).toMatchObject({ status: 'plan_blocked', 'exit-code': '5' });
    expect(run.summary).toContain('Plan for max.json');
    expect((await client.vars.list({ network: 'cfg' }).toArray()).map((v) => v.key)).toEqual([]);
  });

  it('applies the plan with the value from the secrets input, masked; again, it is unchanged', async () => {
    const run = await action({ command: 'config-apply', config: 'max.json', secrets: `API_KEY=${SECRET}\n` });
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'applied', 'exit-code': '0' });
    expect(run.masks).toContain(SECRET);
    expect(run.summary).toContain('+ create secret cfg/api API_KEY (value not shown)');
    expect((await client.secrets.list({ network: 'cfg', app: 'api' }).toArray()).map((s) => s.key)).toEqual(['API_KEY']);
    const again = await action({ command: 'config-apply', config: 'max.json', secrets: `API_KEY=${SECRET}\n` });
    expect(again.outputs).toMatchObject({ status: 'unchanged', 'exit-code': '0' });
  });
});

describe('command: run', () => {
  it('runs a command in the app’s environment and ends with its exit code', async () => {
    const deployed = await action({ app: 'cfg/api', dir: exampleDir });
    expect(deployed.code, deployed.stdout).toBe(0);
    const ok = await action({ command: 'run', app: 'cfg/api', args: 'node -e "console.log(process.env.LOG_LEVEL + \' in \' + process.env.MAX_APP)"' });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain('debug in api');
    expect(ok.outputs).toMatchObject({ status: 'exited', 'exit-code': '0' });
    // Output that looks like a workflow command stays text: commands are stopped around it.
    const failing = await action({ command: 'run', app: 'cfg/api', args: '["sh", "-c", "echo ::set-output name=url::evil; exit 3"]' });
    expect(failing.code).toBe(1);
    expect(failing.outputs).toMatchObject({ status: 'exited', 'exit-code': '3' });
    expect(failing.outputs['url']).toBeUndefined();
    expect(failing.stdout).toMatch(/::stop-commands::[0-9a-f]{32}\n[^]*::set-output name=url::evil[^]*\n::[0-9a-f]{32}::/);
  }, 90_000);
});
