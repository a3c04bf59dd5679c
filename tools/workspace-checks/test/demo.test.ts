import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function runDemo(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NO_COLOR: '1' };
    delete env['RIG_TOKEN'];
    const child = spawn(process.execPath, [resolve(root, 'tools/scripts/demo.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolvePromise({ code, stdout, stderr }));
  });
}

describe('npm run demo', () => {
  it('walks through login, networks, apps and a friendly error, then exits 0', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    // Narrated steps, in order.
    const steps = ['1. Build', '2. Start max-local', '3. Log in with the device flow', '4. Create a network and an app', '5. Look at them', '6. Make a mistake', '7. Clean up', '8. Done'];
    let at = -1;
    for (const step of steps) {
      const next = stdout.indexOf(step, at + 1);
      expect(next, `step "${step}" missing or out of order`).toBeGreaterThan(at);
      at = next;
    }
    // What rig printed: the device prompt, the login, tables and JSON, the friendly errors.
    expect(stderr).toMatch(/enter the code/i);
    expect(stderr).toMatch(/Logged in to http:\/\/127\.0\.0\.1:\d+ as dev@localhost/);
    expect(stdout).toMatch(/^demo\t2\t/m);
    expect(stdout).toMatch(/"name":"demo"/);
    expect(stderr).toMatch(/Error: Invalid network name "My_Network"/);
    expect(stderr).toMatch(/Error: App "nope" not found in network "demo"/);
    expect(stderr).not.toMatch(/\bat .+\.(m?js|ts):\d+/); // no stack traces
    // No token ever reaches the output.
    expect(`${stdout}${stderr}`).not.toMatch(/mx[arp]_[A-Za-z0-9_-]{10,}/);
  }, 120_000);
});
