import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

// The real Secret Service (gnome-keyring) under a private D-Bus session (ARCHITECTURE.md §8). CI installs the
// tools (.ci/run), so there a missing tool is a failure; elsewhere the suite is skipped with the reason below.
const here = dirname(fileURLToPath(import.meta.url));
const projectDir = join(here, '..');
const child = join(here, 'fixtures/keychain-child.ts');
const nodeArgs = ['--conditions=@max/source', '--import', 'tsx', child];

function hasCommand(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const missing = ['dbus-run-session', 'gnome-keyring-daemon'].filter((c) => !hasCommand(c));
const inCi = process.env['CI'] === 'true' || process.env['CI'] === '1';
if (missing.length > 0 && !inCi) {
  console.warn(`keychain tests skipped: ${missing.join(', ')} not installed (apt-get install gnome-keyring dbus-x11 libsecret-tools)`);
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(command, args, { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function reports(stdout: string): Array<Record<string, unknown>> {
  return stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The environment of a user with a throwaway HOME and config dir, and no D-Bus session of the caller's. */
async function isolatedEnv(): Promise<NodeJS.ProcessEnv> {
  const home = await tempDir('rig-keychain-home-');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, RIG_CONFIG_DIR: join(home, '.config', 'rig'), XDG_DATA_HOME: join(home, '.local', 'share') };
  for (const key of ['DBUS_SESSION_BUS_ADDRESS', 'RIG_TOKEN', 'RIG_CREDENTIAL_STORE', 'RIG_API_URL', 'GNOME_KEYRING_CONTROL', 'XDG_RUNTIME_DIR']) {
    delete env[key];
  }
  return env;
}

describe.skipIf(missing.length > 0 && !inCi)('real keychain (gnome-keyring under dbus-run-session)', () => {
  it('has the keyring tools installed', () => {
    expect(missing, `missing: ${missing.join(', ')} — install gnome-keyring dbus-x11 libsecret-tools`).toEqual([]);
  });

  it('stores a credential in the keychain, reads it back from another process, and auto picks the keychain', async () => {
    const env = await isolatedEnv();
    const node = JSON.stringify(process.execPath);
    const args = nodeArgs.map((a) => JSON.stringify(a)).join(' ');
    const script = [
      'echo -n pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
      `${node} ${args} write`,
      `${node} ${args} read`,
    ].join(' && ');
    const result = await run('dbus-run-session', ['--', 'bash', '-c', script], env);
    expect(result.code, result.stderr).toBe(0);
    const [write, read] = reports(result.stdout);
    expect(write).toMatchObject({
      probe: { available: true },
      selected: { kind: 'keychain', fallbackReason: null },
      readBack: { apiUrl: 'http://127.0.0.1:4000', accessToken: 'mxa_keychaintest', refreshToken: 'mxr_keychaintest' },
    });
    expect(read).toEqual({
      source: 'keychain',
      fallbackReason: null,
      token: 'mxa_keychaintest',
      listed: ['http://127.0.0.1:4000'],
      deleted: true,
      afterDelete: null,
    });
  }, 60_000);

  it('without a D-Bus session bus, auto falls back to a 0600 credentials file and says why', async () => {
    const env = await isolatedEnv();
    const result = await run(process.execPath, [...nodeArgs, 'fallback'], env);
    expect(result.code, result.stderr).toBe(0);
    const [report] = reports(result.stdout);
    expect(report).toEqual({
      selected: { kind: 'file', fallbackReason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)' },
      fileMode: '600',
      source: 'file',
      fallbackReason: 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)',
      token: 'mxa_keychaintest',
    });
  }, 60_000);
});
