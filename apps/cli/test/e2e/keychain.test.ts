import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, Harness } from './harness.js';

// The real OS keychain, end to end: a Secret Service (gnome-keyring) on a private D-Bus session, as on a
// desktop, and then no D-Bus at all, as on a headless CI box. `.ci/run` installs the Debian packages; in CI
// their absence is a failure, not a skip.
const keyringTools = ['dbus-run-session', 'gnome-keyring-daemon'].every(
  (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
);
if (!keyringTools && process.env['CI']) throw new Error('gnome-keyring and dbus-run-session are required in CI (.ci/run installs them)');

let harness: Harness;
const scratch: string[] = [];

beforeAll(async () => {
  harness = await Harness.start();
});

afterAll(async () => {
  if (!harness) return; // start failed; that failure is the one to read
  harness.assertNoSecretsLeaked();
  await harness.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a shell script with a clean environment; the token reaches rig through a 0600 file on stdin, never argv. */
function sh(script: string, env: Record<string, string>): Promise<Run> {
  harness.transcript.push(`argv: sh -c ${script}`);
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      harness.transcript.push(`stdout: ${stdout}`, `stderr: ${stderr}`);
      resolve({ code, stdout, stderr });
    });
  });
}

async function setup(): Promise<{ home: string; configDir: string; tokenFile: string; env: Record<string, string> }> {
  const home = mkdtempSync(join(tmpdir(), 'rig-keychain-home-'));
  scratch.push(home);
  const configDir = join(home, '.config', 'rig');
  const tokenFile = join(home, 'token.txt');
  writeFileSync(tokenFile, `${await harness.apiToken()}\n`, { mode: 0o600 });
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: home,
    RIG_CONFIG_DIR: configDir,
    RIG_CREDENTIAL_STORE: 'auto',
    RIG_API_URL: harness.apiUrl,
    NODE: process.execPath,
    RIG: binPath,
    TOKEN_FILE: tokenFile,
  };
  return { home, configDir, tokenFile, env };
}

const loginAndWhoami = '"$NODE" "$RIG" login --with-token < "$TOKEN_FILE" && "$NODE" "$RIG" whoami -o json';

describe.runIf(keyringTools)('credentials in the OS keychain', () => {
  it('login stores the session in an unlocked gnome-keyring and whoami reads it from there', async () => {
    const { configDir, env } = await setup();
    const script = `dbus-run-session -- sh -c 'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null && ${loginAndWhoami}'`;
    const run = await sh(script, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/keychain/i);
    const whoami = JSON.parse(run.stdout) as { user: { email: string }; credential: { source: string; location: string } };
    expect(whoami.credential.source).toBe('keychain');
    expect(whoami.user.email).toBe('dev@localhost');
    // Nothing in plaintext on disk.
    expect(existsSync(join(configDir, 'credentials.json'))).toBe(false);
  }, 60_000);

  it('with no D-Bus session, auto falls back to a 0600 credentials file and says why', async () => {
    const { configDir, env } = await setup();
    const run = await sh(loginAndWhoami, env);
    expect(run.code, run.stderr).toBe(0);
    const whoami = JSON.parse(run.stdout) as { credential: { source: string; location: string; fallback_reason?: string } };
    expect(whoami.credential.source).toBe('file');
    expect(whoami.credential.location).toBe(join(configDir, 'credentials.json'));
    expect(whoami.credential.fallback_reason).toMatch(/D-Bus/i);
    expect(statSync(join(configDir, 'credentials.json')).mode & 0o777).toBe(0o600);
    // The human form says so too.
    const human = await sh('"$NODE" "$RIG" whoami', env);
    expect(human.code, human.stderr).toBe(0);
    expect(human.stdout).toMatch(/not used: .*D-Bus/i);
  }, 60_000);
});
