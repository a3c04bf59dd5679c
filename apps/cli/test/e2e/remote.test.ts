import { spawn as spawnProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFaultProxy, type FaultProxy } from '@max/fault-proxy';
import { MaxClient } from '@max/rig-sdk';
import type { IPty } from 'node-pty';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, Harness, isAlive, json } from './harness.js';
import { expectJsonContract } from './json-contract.js';

/**
 * Issue 9 end to end: the BUILT rig against max-local's real PTYs and processes. `rig shell` is driven through a
 * pseudo-terminal on the test side (node-pty), as a person at a terminal would; `rig command` through pipes.
 */

const { spawn: spawnPty } = await import('node-pty');

let h: Harness;
let configDir: string;
let token: string;

beforeAll(async () => {
  h = await Harness.start();
  configDir = h.configDir();
  await h.loginWithToken(configDir);
  token = await h.apiToken('deploy');
  const client = new MaxClient({ apiUrl: h.apiUrl, token });
  await client.networks.create({ name: 'demo' });
  await client.apps.create('demo', { name: 'web' });
  await client.secrets.set({ network: 'demo', app: 'web' }, { SECRET_KEY: 's3cr3t-e2e-value' });
}, 60_000);

afterAll(async () => {
  h?.assertNoSecretsLeaked();
  await h?.close();
});

function rigEnv(apiUrl = h.apiUrl): Record<string, string> {
  // Logins are per API URL: through another address (the fault proxy), the token comes from the environment.
  const credential: Record<string, string> = apiUrl === h.apiUrl ? {} : { RIG_TOKEN: token };
  return { PATH: process.env['PATH'] ?? '', HOME: configDir, RIG_CONFIG_DIR: configDir, RIG_CREDENTIAL_STORE: 'file', RIG_API_URL: apiUrl, TERM: 'xterm-256color', ...credential };
}

/** A terminal on the test side running `argv` (rig, or a shell wrapping it), with everything it printed so far. */
interface Terminal {
  pty: IPty;
  output(): string;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exited: Promise<number>;
}

function terminal(argv: string[], options: { apiUrl?: string; cols?: number; rows?: number } = {}): Terminal {
  const pty = spawnPty(argv[0] ?? '', argv.slice(1), { name: 'xterm-256color', cols: options.cols ?? 100, rows: options.rows ?? 30, cwd: configDir, env: rigEnv(options.apiUrl) });
  const chunks: string[] = [];
  let text = '';
  pty.onData((data) => chunks.push(data));
  const output = () => {
    if (chunks.length > 0) text += chunks.splice(0).join('');
    return text;
  };
  const exited = new Promise<number>((resolve) => pty.onExit(({ exitCode }) => resolve(exitCode)));
  let done = false;
  void exited.then(() => (done = true));
  const waitFor = async (pattern: RegExp, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const match = pattern.exec(output());
      if (match) return match;
      if (Date.now() > deadline || (done && !pattern.exec(output()))) throw new Error(`no ${String(pattern)} in the terminal:\n${output().slice(-2000)}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  h.transcript.push(`argv: ${argv.join(' ')}`);
  void exited.then(() => h.transcript.push(`terminal: ${output()}`));
  return { pty, output, waitFor, exited };
}

const rigShell = (args: string[], options?: { apiUrl?: string; cols?: number; rows?: number }) => terminal([process.execPath, binPath, ...args], options);

/** Types a line into the remote shell and waits for a marker it prints, so steps never race each other. */
async function run(term: Terminal, line: string, marker: string): Promise<string> {
  term.pty.write(`${line}; echo ${marker}-$((40+2))\r`);
  const match = await term.waitFor(new RegExp(`([\\s\\S]*)${marker}-42`));
  return match[1] ?? '';
}

describe('rig shell', () => {
  it('runs in the app’s environment, follows the window size, detaches with Enter ~ ., and replays on attach (also after kill -9)', async () => {
    const first = rigShell(['shell', 'app', 'demo/web'], { cols: 100, rows: 30 });
    await run(first, 'echo "app=$MAX_APP secret=$SECRET_KEY"', 'M1');
    expect(first.output()).toContain('app=web secret=s3cr3t-e2e-value');
    await run(first, 'stty size', 'M2');
    expect(first.output()).toMatch(/30 100\r*\n/);
    first.pty.resize(120, 40); // SIGWINCH for rig, which resizes the remote PTY
    for (let i = 0; i < 50 && !/40 120\r*\n/.test(first.output()); i++) await run(first, 'stty size', `M3x${i}`);
    expect(first.output()).toMatch(/40 120\r*\n/);
    const pid = (await run(first, 'echo "pid=$$"', 'M4')).match(/pid=(\d+)/)?.[1];
    expect(pid).toMatch(/^\d+$/);

    first.pty.write('\r~.');
    const [, id] = await first.waitFor(/rig shell attach (sh_[A-Za-z0-9_.-]+)/);
    expect(await first.exited).toBe(0);

    const listed = await h.rig(['shell', 'list', '-o', 'json'], { configDir });
    expect(listed.code, listed.stderr).toBe(0);
    expect(json<{ id: string; state: string; pid: number }[]>(listed.stdout).find((s) => s.id === id)).toMatchObject({ state: 'running', pid: Number(pid) });

    // Attach again: the scrollback comes back, and it is the same shell process.
    const second = rigShell(['shell', 'attach', id ?? '']);
    await second.waitFor(/app=web secret=s3cr3t-e2e-value/);
    await second.waitFor(new RegExp(`pid=${pid}`));
    // kill -9 of rig in the middle of the session: the session does not care.
    second.pty.kill('SIGKILL');
    await second.exited;

    const third = rigShell(['shell', 'attach', id ?? '']);
    await third.waitFor(new RegExp(`pid=${pid}`)); // replayed
    const after = await run(third, 'echo "again=$$"', 'M5');
    expect(after).toContain(`again=${pid}`);
    third.pty.write('exit 7\r');
    expect(await third.exited).toBe(7); // the shell's exit status is rig's

    const killed = await h.rig(['shell', 'kill', id ?? '', '-o', 'json'], { configDir });
    expect(killed.code, killed.stderr).toBe(0);
    expect(json<{ state: string }>(killed.stdout).state).toBe('exited');
  }, 90_000);

  it('keeps every one of 100,000 lines, once and in order, while the socket is cut every 500 ms', async () => {
    const proxy: FaultProxy = await startFaultProxy({ targetPort: Number(new URL(h.apiUrl).port) });
    const errFile = join(configDir, 'shell-cut.stderr');
    // stderr to a file: the reconnect notices must not land inside the numbered lines on the screen.
    const term = terminal(['/bin/sh', '-c', `exec "$0" "$1" shell app demo/web 2>"$2"`, process.execPath, binPath, errFile], { apiUrl: `http://127.0.0.1:${proxy.port}` });
    let cutter: NodeJS.Timeout | undefined;
    try {
      await run(term, 'echo ready', 'C1').catch((error: unknown) => {
        throw new Error(`${String(error)}\nrig's stderr: ${readFileSync(errFile, 'utf8')}`);
      });
      // A 0.6 s pause every 10,000 lines: the stream is cut mid-flow whatever the machine's speed.
      term.pty.write('seq 1 100000 | while read -r n; do echo "n$n"; [ $((n % 10000)) -eq 0 ] && sleep 0.6; done; exit\r');
      cutter = setInterval(() => proxy.cutAll(), 500);
      expect(await term.exited).toBe(0);
    } finally {
      clearInterval(cutter);
      await proxy.close();
    }
    const numbers = term
      .output()
      // bash's bracketed-paste switch and a carriage return come right before the first line; the local terminal
      // adds a \r to every \r\n (raw mode keeps ONLCR).
      .replaceAll('\u001b[?2004h', '')
      .replaceAll('\u001b[?2004l', '')
      .replaceAll('\r', '')
      .split('\n')
      .flatMap((line) => (/^n\d+$/.test(line) ? [Number(line.slice(1))] : []));
    expect(numbers.length).toBe(100_000);
    expect(numbers.findIndex((n, i) => n !== i + 1)).toBe(-1);
    const stderr = readFileSync(errFile, 'utf8');
    expect(stderr).toContain('reconnecting…');
    expect(stderr).not.toMatch(/bytes of output were lost/);
  }, 120_000);

  it('refuses without a terminal, pointing to rig command (exit 2)', async () => {
    const result = await h.rig(['shell', 'app', 'demo/web'], { configDir, stdin: 'echo hi\n' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('needs a terminal');
    expect(result.stderr).toContain('rig command');
  });
});

describe('rig command', () => {
  it('relays stdout to stdout and stderr to stderr, and exits with the remote code', async () => {
    const result = await h.rig(['command', 'demo/web', '--', 'sh', '-c', 'echo out; echo err >&2; exit 42'], { configDir });
    expect(result).toEqual({ code: 42, stdout: 'out\n', stderr: 'err\n' });
  });

  it('pipes 10 MiB of stdin through sha256sum unchanged', async () => {
    const data = randomBytes(10 * 1024 * 1024);
    const result = await h.rig(['command', 'demo/web', '--', 'sha256sum'], { configDir, stdin: data });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe(`${createHash('sha256').update(data).digest('hex')}  -\n`);
  });

  it('a program that does not exist exits 127 with the shell’s message', async () => {
    const result = await h.rig(['command', 'demo/web', '--', 'no-such-program-e2e', '--flag'], { configDir });
    expect(result.code).toBe(127);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('no-such-program-e2e: command not found\n');
  });

  it('Ctrl-C reaches the remote process as SIGINT', async () => {
    const running = await h.start(['command', 'demo/web', '--', 'sh', '-c', 'trap "echo got INT; exit 3" INT; echo ready; while :; do sleep 0.05; done'], { configDir });
    let stdout = '';
    running.child.stdout.on('data', (chunk: string) => (stdout += chunk));
    for (let i = 0; i < 500 && !stdout.includes('ready'); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(3);
    expect(result.stdout).toBe('ready\ngot INT\n');
    expect(result.stderr).toContain('sent SIGINT');
  });

  it('-o json prints one document; the output goes to stderr; rig’s own failures are 255', async () => {
    const ok = await h.rig(['command', 'demo/web', '-o', 'json', '--', 'sh', '-c', 'printf abc; printf de >&2'], { configDir });
    expect(ok.code, ok.stderr).toBe(0);
    expect(json(ok.stdout)).toMatchObject({ state: 'exited', exit_code: 0, signal: null, stdout_bytes: 3, stderr_bytes: 2, lost_bytes: 0, app: 'web' });
    expect(ok.stderr).toBe('abcde');
    expectJsonContract('command', ok.stdout);

    const missing = await h.rig(['command', 'demo/nope', '--', 'true'], { configDir });
    expect(missing.code).toBe(255);
    expect(missing.stderr).toMatch(/not found/i);
  });

  it('--detach prints the run id; rig command attach replays it and exits with its code', async () => {
    const started = await h.rig(['command', 'demo/web', '--detach', '--', 'sh', '-c', 'echo first; sleep 0.3; echo second >&2; exit 5'], { configDir });
    expect(started.code, started.stderr).toBe(0);
    const id = started.stdout.trim();
    expect(id).toMatch(/^run_/);
    const attached = await h.rig(['command', 'attach', id], { configDir });
    expect(attached).toEqual({ code: 5, stdout: 'first\n', stderr: 'second\n' });
  });

  it('a closed stdout ends rig quietly (141) and ends the remote command', async () => {
    // rig's own exit status through fd 3 (a pipeline's `$?` is head's); `yes` starts once rig is attached, so the
    // pid line is not pushed out of the platform's buffer before anyone reads it.
    const script = `exec 3>&1; { "$0" "$1" command demo/web -- sh -c 'echo $$; sleep 1; exec yes'; echo "rig=$?" >&3; } | head -1`;
    const child = spawnProcess('/bin/sh', ['-c', script, process.execPath, binPath], { env: rigEnv() });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    await new Promise((resolve) => child.on('close', resolve));
    const [pid, status] = out.trim().split('\n');
    expect(err).toBe('');
    expect(status).toBe('rig=141');
    // `sh -c 'echo $$; exec yes'`: the printed pid is yes's; it must be gone once rig is.
    for (let i = 0; i < 200 && isAlive(Number(pid)); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(isAlive(Number(pid))).toBe(false);
  });
});

