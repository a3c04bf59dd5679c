// `kill -9` of max-local leaves its app processes running (they are in process groups of their own); the next
// max-local on the same data dir finds them through its process-group records and stops them before it starts
// the app again (issue 11). The app here is `sh -c 'node server.js'` whose server forks a grandchild.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { startMaxLocal, type MaxLocal } from '../src/index.js';
import { apiClient } from './helpers/api.js';
import { bundleFiles, deployBundle } from './helpers/deploy-client.js';
import { deviceLogin } from './helpers/login.js';
import { httpGet } from './deploy/helpers.js';

const root = fileURLToPath(new URL('..', import.meta.url));
let dataDir = '';
let child: ChildProcess | undefined;
let restarted: MaxLocal | undefined;
/** The first family's pids: killed in afterAll whatever happened, so a failing run leaves nothing behind. */
let leftovers: number[] = [];

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** max-local in its own process, as a user runs it; resolves with its URLs once it listens. */
function spawnMaxLocal(dir: string): Promise<{ url: string; routerUrl: string; adminLoginUrl: string; pid: number }> {
  const proc = spawn(process.execPath, ['--conditions=@max/source', '--import', 'tsx', 'test/fixtures/max-local-process.ts', dir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child = proc;
  let out = '';
  let err = '';
  return new Promise((resolve, reject) => {
    proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    proc.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve(JSON.parse(line) as { url: string; routerUrl: string; adminLoginUrl: string; pid: number });
    });
    proc.once('exit', (code) => reject(new Error(`max-local exited early (${code}): ${err}`)));
  });
}

/** Serves its own pid, its parent's (the group's `sh`, unless sh exec'd it) and a forked grandchild's. */
const familyApp = bundleFiles({
  'rig.json': JSON.stringify({ start: 'node server.js' }),
  'server.js': `const { spawn } = require('node:child_process');
const grandchild = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
require('node:http').createServer((q, s) => s.end(JSON.stringify({ pid: process.pid, ppid: process.ppid, grandchild: grandchild.pid })))
  .listen(Number(process.env.PORT), '127.0.0.1');\n`,
});

afterAll(async () => {
  for (const pid of leftovers.filter(alive)) process.kill(pid, 'SIGKILL');
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await restarted?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('after kill -9 of max-local', () => {
  it('the next start stops the app processes the killed one left running, then starts the app again', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'max-orphans-'));
    const first = await spawnMaxLocal(dataDir);
    const call = apiClient(first.url);
    const { access_token: token } = await deviceLogin(first as unknown as MaxLocal, call);
    await call('POST', '/api/v1/networks', { token, body: { name: 'demo' } });
    await call('POST', '/api/v1/networks/demo/apps', { token, body: { name: 'web' } });
    const { deployment } = await deployBundle(call, first.url, token, { network: 'demo', app: 'web' }, familyApp);
    expect(deployment.state).toBe('running');
    const res = await httpGet(Number(new URL(first.routerUrl).port), 'web.demo.localhost', '/');
    const family = JSON.parse(res.body) as { pid: number; ppid: number; grandchild: number };
    const pids = [family.pid, family.grandchild, ...(family.ppid === first.pid ? [] : [family.ppid])];
    leftovers = pids;

    child?.kill('SIGKILL');
    await waitFor('the killed max-local to exit', () => child?.signalCode === 'SIGKILL');
    // The bug's precondition: the whole family outlived its platform.
    expect(pids.filter(alive)).toEqual(pids);

    const lines: string[] = [];
    restarted = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0, log: { write: (chunk: string) => lines.push(chunk) } });
    await waitFor('the orphans to be stopped', () => pids.every((pid) => !alive(pid)));
    expect(lines.join('')).toMatch(/Stopped release process group left by an earlier max-local: app demo\/web v1 \(pids /);

    // The app comes back, as a new family.
    const again = apiClient(restarted.url);
    await waitFor('the app to run again', async () => (await again<{ status: string }>('GET', '/api/v1/networks/demo/apps/web', { token })).body.status === 'running');
    const back = JSON.parse((await httpGet(Number(new URL(restarted.routerUrl).port), 'web.demo.localhost', '/')).body) as { pid: number };
    expect(pids).not.toContain(back.pid);
  }, 120_000);
});
