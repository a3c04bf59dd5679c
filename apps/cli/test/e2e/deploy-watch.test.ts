import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '@max/fault-proxy';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Harness } from './harness.js';

/**
 * What `rig deploy` says while it watches (issue 11), with the BUILT rig against a real max-local:
 * - build output and release lines come out in the order they happened;
 * - the stabilization window is announced (a line when stderr is not a terminal) instead of a silent wait;
 * - Ctrl-C after the upload says that the deployment carries on and how to watch it — not "Error: Interrupted.";
 * - a platform that dies mid-deploy is noticed within seconds: exit 7, with the deployment id.
 */

let h: Harness;
let configDir: string;
let work: string;
let token: string;
const WINDOW_SECONDS = 3;

/** A source tree: rig.json with `build` and a server that answers on PORT. */
function appTree(name: string, build: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'rig.json'), JSON.stringify({ build, start: 'node server.js' }));
  writeFileSync(join(dir, 'server.js'), "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n");
  return dir;
}

beforeAll(async () => {
  h = await Harness.start({ routerPort: 0, stabilizationSeconds: WINDOW_SECONDS });
  configDir = h.configDir();
  work = mkdtempSync(join(tmpdir(), 'rig-e2e-deploy-watch-'));
  await h.loginWithToken(configDir);
  token = await h.apiToken('deploy');
  expect((await h.rig(['create', 'network', 'watch'], { configDir })).code).toBe(0);
}, 60_000);

afterAll(async () => {
  try {
    h.assertNoSecretsLeaked();
  } finally {
    await h?.close();
    rmSync(work, { recursive: true, force: true });
  }
});

describe('rig deploy while it watches', () => {
  it('build lines, then the release, then the stabilization window, in order', async () => {
    const build = `node -e "for (let i = 0; i < 300; i++) console.log('build line ' + i)"`;
    const result = await h.rig(['deploy', appTree('ordered', build), '--app', 'watch/ordered', '--create'], { configDir });
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stderr.split('\n');
    const at = (pattern: RegExp): number => lines.findIndex((l) => pattern.test(l));
    const lastBuildLine = at(/\[build\] build line 299$/);
    const release = at(/Release v1 created/);
    const window = at(new RegExp(`Watching release v1 for ${WINDOW_SECONDS} s`));
    const live = at(/is live \(release v1\)/);
    expect(lastBuildLine, result.stderr).toBeGreaterThan(0);
    // Every build line before the release line, in order.
    const buildLines = lines.filter((l) => /\[build\] build line \d+$/.test(l)).map((l) => Number(/(\d+)$/.exec(l)?.[1]));
    expect(buildLines).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect(release, result.stderr).toBeGreaterThan(lastBuildLine);
    expect(window, result.stderr).toBeGreaterThan(release);
    expect(live, result.stderr).toBeGreaterThan(window);
  }, 120_000);

  it('Ctrl-C after the upload: the deployment carries on, rig says how to watch it (exit 130, no error)', async () => {
    const running = await h.start(['deploy', appTree('slow', 'sleep 20'), '--app', 'watch/slow', '--create'], { configDir });
    onTestFinished(() => void running.child.kill('SIGKILL'));
    const [, id] = await running.waitForStderr(/Deployment (dep_\w+): \S+ → building/, 60_000);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).not.toMatch(/Error|Interrupted/);
    expect(result.stderr).toContain(`Stopped watching deployment ${id ?? ''}`);
    expect(result.stderr).toContain(`rig logs build ${id ?? ''} --follow`);
    // It really does carry on.
    const status = await h.rig(['logs', 'build', id ?? '', '-o', 'jsonl'], { configDir });
    expect(status.code, status.stderr).toBe(0);
  }, 120_000);

  it('a platform that dies mid-deploy is noticed within seconds: exit 7 with the deployment id', async () => {
    const proxy: FaultProxy = await startFaultProxy({ targetPort: Number(new URL(h.apiUrl).port) });
    onTestFinished(() => proxy.close());
    const apiUrl = `http://127.0.0.1:${proxy.port}`;
    // Logins are per API URL: through the proxy the token comes from the environment. --timeout is far away,
    // so only noticing the dead platform can end this deploy within the test's time.
    const running = await h.start(['deploy', appTree('orphaned', 'sleep 60'), '--app', 'watch/orphaned', '--create', '--timeout', '30m'], {
      configDir,
      apiUrl,
      env: { RIG_TOKEN: token },
    });
    onTestFinished(() => void running.child.kill('SIGKILL'));
    const [, id] = await running.waitForStderr(/Deployment (dep_\w+): \S+ → building/, 60_000);
    // The platform goes away: every connection cut, and nothing listens any more.
    proxy.cutAll();
    await proxy.close();
    const result = await running.done;
    expect(result.code, result.stderr).toBe(7);
    expect(result.stderr).toContain(id ?? 'dep_');
    expect(result.stderr).toMatch(/unreachable|lost/i);
    expect(result.stderr).not.toMatch(/\bat .+\.(m?js|ts):\d+/);
  }, 120_000);
});
