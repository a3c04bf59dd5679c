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
  it('walks through login, networks, apps, a deploy, a config release, a rollback and a friendly error, then exits 0', async () => {
    const { code, stdout, stderr } = await runDemo();
    expect(code, `${stdout}\n${stderr}`).toBe(0);
    // Narrated steps, in order.
    const steps = [
      '1. Build',
      '2. Start max-local',
      '3. Log in with the device flow',
      '4. Create a network and an app',
      '5. Deploy an app',
      '6. Change a var: a new release',
      '7. Roll back',
      '8. Look at them',
      '9. Make a mistake',
      '10. Clean up',
      '11. Done',
    ];
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
    // The deploy, served through the router by hostname; the var makes release v2; the rollback v3 without it.
    expect(stderr).toContain('✓ demo/web is live (release v1).');
    expect(stdout).toMatch(/^http:\/\/web\.demo\.localhost:\d+$/m);
    expect(stdout).toContain('Hello from node-http (release v1)\n');
    expect(stdout).toContain('Bonjour from node-http (release v2)\n');
    expect(stdout).toContain('Hello from node-http (release v3)\n');
    expect(stderr).toContain('✓ Rolled back demo/web: v3 (the code and config of v1) is live.');
    expect(stdout).toMatch(/^v3\tactive\trollback to v1\t/m);
    expect(stdout).toMatch(/^v2\tsuperseded\tconfig\t/m);
    expect(stdout).toMatch(/^v1\tsuperseded\tdeploy\t/m);
    expect(stderr).not.toMatch(/\bat .+\.(m?js|ts):\d+/); // no stack traces
    // No token ever reaches the output.
    expect(`${stdout}${stderr}`).not.toMatch(/mx[arp]_[A-Za-z0-9_-]{10,}/);
  }, 120_000);
});
