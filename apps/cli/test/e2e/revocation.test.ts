import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './harness.js';

/**
 * A token revoked in ANOTHER process (`max-local token revoke` on the same data dir) ends a running
 * `rig logs app --follow` that is authenticated with it: the platform notices the revocation, closes the
 * socket (4401 token_revoked), rig's refresh is refused, and rig exits 3. No duration is asserted (a loaded
 * machine); the generous timeout is the bound.
 */

const maxLocalDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'max-local');
const maxLocalBin = join(maxLocalDir, 'bin', 'max-local.mjs');
const run = promisify(execFile);

let h: Harness;
let configDir: string;

beforeAll(async () => {
  // The max-local bin runs its bundle, built if stale (serialised with other builds on a shared machine when flock exists).
  await run('sh', ['-c', 'if command -v flock >/dev/null; then flock /tmp/build.lock node build.mjs --if-stale; else node build.mjs --if-stale; fi'], { cwd: maxLocalDir });
  h = await Harness.start();
  configDir = h.configDir();
  await h.loginWithToken(configDir);
  for (const args of [['create', 'network', 'prod'], ['create', 'app', 'prod/web']]) {
    const result = await h.rig(args, { configDir });
    expect(result.code, result.stderr).toBe(0);
  }
});
afterAll(async () => {
  await h?.close();
});

describe('revocation from another process', () => {
  it('ends a running logs --follow with exit 3', async () => {
    const follow = await h.start(['logs', 'app', 'prod/web', '--follow'], { configDir });
    // Live: the socket is open (its upgrade went through the recording proxy).
    const started = Date.now();
    while (!h.requests.some((r) => r.includes('/socket/websocket'))) {
      if (follow.child.exitCode !== null || Date.now() - started > 20_000) throw new Error('rig logs --follow never opened its socket');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    // The login's API token is the newest one (`token list` is newest first, tab-separated, id first).
    const listed = await run(process.execPath, [maxLocalBin, 'token', 'list', '--data-dir', h.max.dataDir]);
    const id = listed.stdout.split('\n')[0]?.split('\t')[0] ?? '';
    expect(id).toMatch(/^tok_/);
    await run(process.execPath, [maxLocalBin, 'token', 'revoke', id, '--data-dir', h.max.dataDir]);

    const result = await follow.done;
    expect(result.code, result.stderr).toBe(3);
    expect(result.stderr).toMatch(/log in|login/i);
  }, 60_000);
});
