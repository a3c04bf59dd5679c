import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestIo } from '../test/helpers/test-io.js';
import { commands } from './commands/definitions.js';
import { main } from './main.js';
import { version } from './version.js';

let configDir: string;
let closedPort: number;
let hangingServer: Server;
let hangingUrl: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'rig-main-test-'));
  // A port that was just free: connecting to it is refused.
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  // A server that accepts requests and never answers: only Ctrl-C ends the wait.
  hangingServer = createServer(() => undefined);
  await new Promise<void>((resolve) => hangingServer.listen(0, '127.0.0.1', resolve));
  hangingUrl = `http://127.0.0.1:${(hangingServer.address() as AddressInfo).port}`;
});

afterAll(() => {
  hangingServer.closeAllConnections();
  hangingServer.close();
  rmSync(configDir, { recursive: true, force: true });
});

const env = () => ({ RIG_CONFIG_DIR: configDir, RIG_CREDENTIAL_STORE: 'file' });

async function run(argv: string[], overrides: Parameters<typeof createTestIo>[0] = {}) {
  const io = createTestIo({ env: env(), ...overrides });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe('main: version and help', () => {
  it('--version prints the version on stdout', async () => {
    expect(await run(['--version'])).toEqual({ code: 0, stdout: `rig ${version}\n`, stderr: '' });
    expect(JSON.parse((await run(['--version', '--json'])).stdout)).toEqual({ version });
  });

  it('--help lists every command and the global flags, with examples', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    for (const def of commands) expect(stdout).toContain(`  ${def.name}`);
    expect(stdout).toContain('Global flags:');
    expect(stdout).toContain('RIG_TOKEN');
    expect(stdout).toContain('Examples:');
  });

  it.each(commands.map((d) => d.name))('rig %s --help shows usage, flags and examples', async (name) => {
    const { code, stdout } = await run([...name.split(' '), '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`rig ${name}`);
    expect(stdout).toContain('Examples:');
    expect(stdout).toContain('Global flags:');
  });

  it('a group word with --help lists its commands', async () => {
    const { code, stdout } = await run(['delete', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('delete network');
    expect(stdout).toContain('delete app');
  });

  it('help is plain when stdout is not a terminal, bold on one', async () => {
    expect((await run(['--help'])).stdout).not.toContain('\u001b[');
    expect((await run(['--help'], { isStdoutTTY: true })).stdout).toContain('\u001b[1m');
    expect((await run(['--help', '--no-color'], { isStdoutTTY: true })).stdout).not.toContain('\u001b[');
  });
});

describe('main: errors', () => {
  it('unknown command: did-you-mean on stderr, exit 2, nothing on stdout', async () => {
    const { code, stdout, stderr } = await run(['crate', 'network', 'prod']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('Error: Unknown command "crate network".');
    expect(stderr).toContain('Did you mean `rig create network`?');
    expect(stderr).toContain('exit-codes.md#exit-2');
  });

  it('usage errors are JSON on stderr when JSON was asked for, even if parsing failed', async () => {
    for (const argv of [['--json', 'crate', 'network'], ['-o', 'jsonl', 'status', 'network', '--bogus'], ['status', 'network', '--output=json', '--sort', 'x']]) {
      const { code, stdout, stderr } = await run(argv);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const body = JSON.parse(stderr) as { error: { code: string; exit_code: number; message: string } };
      expect(body.error.code).toBe('usage');
      expect(body.error.exit_code).toBe(2);
    }
    const fromEnv = await run(['crate'], { env: { ...env(), RIG_OUTPUT: 'json' } });
    expect(JSON.parse(fromEnv.stderr)).toMatchObject({ error: { code: 'usage', exit_code: 2 } });
  });

  it('not logged in: exit 3 with a hint to log in, before any request', async () => {
    const { code, stderr } = await run(['status', 'network', '--api-url', `http://127.0.0.1:${closedPort}`]);
    expect(code).toBe(3);
    expect(stderr).toContain(`Error: Not logged in to http://127.0.0.1:${closedPort}.`);
    expect(stderr).toContain('rig login');
  });

  it('platform unreachable: exit 7', async () => {
    const { code, stderr } = await run(['status', 'network', '--api-url', `http://127.0.0.1:${closedPort}`, '--json'], {
      env: { ...env(), RIG_TOKEN: 'mxa_not_a_real_token' },
    });
    expect(code).toBe(7);
    expect(JSON.parse(stderr)).toMatchObject({ error: { exit_code: 7 } });
    expect(stderr).not.toContain('mxa_not_a_real_token');
  });

  it('a destructive command without a terminal and without --yes: exit 2 naming --yes, and no request is made', async () => {
    // The API URL points at a closed port: had rig sent anything, this would be exit 7.
    const { code, stderr } = await run(['delete', 'network', 'prod', '--api-url', `http://127.0.0.1:${closedPort}`], {
      env: { ...env(), RIG_TOKEN: 'mxa_not_a_real_token' },
    });
    expect(code).toBe(2);
    expect(stderr).toContain('--yes');
  });

  it('Ctrl-C while waiting for the platform: exit 130', async () => {
    const controller = new AbortController();
    const io = createTestIo({ env: { ...env(), RIG_TOKEN: 'mxa_not_a_real_token' }, signal: controller.signal });
    const running = main(['whoami', '--api-url', hangingUrl], io);
    setTimeout(() => controller.abort(), 200);
    expect(await running).toBe(130);
    expect(io.stderrText()).toContain('Interrupted.');
  });

  it('Ctrl-C on a follow is the way out, not an error: exit 130 and nothing on stderr', async () => {
    const controller = new AbortController();
    const io = createTestIo({ env: { ...env(), RIG_TOKEN: 'mxa_not_a_real_token' }, signal: controller.signal });
    const running = main(['history', '--follow', '--api-url', hangingUrl], io);
    setTimeout(() => controller.abort(), 200);
    expect(await running).toBe(130);
    expect(io.stderrText()).toBe('');
  });

  it('the exit code main uses for a quiet Ctrl-C is the registry\'s Interrupted', async () => {
    const { ExitCode } = await import('./errors/exit-codes.js');
    const { INTERRUPTED_EXIT_CODE } = await import('./main.js');
    expect(INTERRUPTED_EXIT_CODE).toBe(ExitCode.Interrupted);
  });
});
