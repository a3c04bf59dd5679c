import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binPath, closedPort, Harness } from './harness.js';

/**
 * The completion script as a user installs it: `source <(rig completion bash)` in a real bash, with the BUILT
 * rig on PATH, then bash's own completion protocol — COMP_WORDS/COMP_CWORD in, COMPREPLY out — through the
 * function the script registered with `complete -F` (found via `complete -p rig`, so the registration is tested too).
 */

let h: Harness;
let configDir: string;
let binDir: string;
const hanging: Socket[] = [];
let hangingServer: Server;
let hangingUrl: string;

beforeAll(async () => {
  h = await Harness.start();
  configDir = h.configDir();
  await h.loginWithToken(configDir);
  for (const args of [['create', 'network', 'prod'], ['create', 'network', 'staging'], ['create', 'app', 'prod/web'], ['create', 'app', 'prod/api'], ['create', 'app', 'staging/worker']]) {
    const result = await h.rig(args, { configDir });
    expect(result.code, result.stderr).toBe(0);
  }
  // `rig` on PATH, as an installed one would be.
  binDir = mkdtempSync(join(tmpdir(), 'rig-completion-bin-'));
  writeFileSync(join(binDir, 'rig'), `#!/bin/sh\nexec "${process.execPath}" "${binPath}" "$@"\n`);
  chmodSync(join(binDir, 'rig'), 0o755);
  // A platform that accepts connections and never answers: completion must give up on its own.
  hangingServer = createServer((socket) => void hanging.push(socket));
  await new Promise<void>((resolve) => hangingServer.listen(0, '127.0.0.1', resolve));
  const address = hangingServer.address();
  hangingUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  for (const socket of hanging) socket.destroy();
  await new Promise<void>((resolve) => hangingServer?.close(() => resolve()));
  if (binDir) rmSync(binDir, { recursive: true, force: true });
  await h?.close();
});

const has = (shell: string) => spawnSync('sh', ['-c', `command -v ${shell}`]).status === 0;

/** Runs a shell script with the built rig on PATH and the logged-in config; resolves with its output. */
async function runShell(shell: string, args: string[], extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string; code: number | null }> {
  const child = spawn(shell, args, {
    env: { PATH: `${binDir}:${process.env['PATH'] ?? ''}`, HOME: configDir, RIG_CONFIG_DIR: configDir, RIG_CREDENTIAL_STORE: 'file', RIG_API_URL: h.apiUrl, ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { stdout, stderr, code };
}

/** Runs bash with the sourced script and completes each word list; returns COMPREPLY per case and bash's stderr. */
async function completeInBash(cases: readonly (readonly string[])[], env: Record<string, string> = {}): Promise<{ replies: string[][]; stderr: string; code: number | null }> {
  const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;
  const script = [
    'source <(rig completion bash) || exit 9',
    // The function bash would call on TAB, as the script registered it.
    `fn=$(complete -p rig | sed -E 's/.*-F ([^ ]+).*/\\1/')`,
    '[ -n "$fn" ] || exit 8',
    ...cases.flatMap((words) => [
      `COMP_WORDS=(${words.map(quote).join(' ')}); COMP_CWORD=${words.length - 1}`,
      'COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}; COMPREPLY=()',
      '"$fn" rig "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
      `printf '%s\\n' "\${COMPREPLY[@]}"; echo '---'`,
    ]),
  ].join('\n');
  const child = spawn('bash', ['--norc', '--noprofile', '-c', script], {
    env: {
      PATH: `${binDir}:${process.env['PATH'] ?? ''}`,
      HOME: configDir,
      RIG_CONFIG_DIR: configDir,
      RIG_CREDENTIAL_STORE: 'file',
      RIG_API_URL: h.apiUrl,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const replies = stdout
    .split('---\n')
    .slice(0, cases.length)
    .map((block) => block.split('\n').filter((line) => line !== ''));
  return { replies, stderr, code };
}

describe('rig completion bash, sourced in a real bash', () => {
  it('completes commands, subcommands, flags, and real app refs and networks from the platform', async () => {
    const { replies, stderr, code } = await completeInBash([
      ['rig', 'cr'],
      ['rig', 'status', 'app', ''],
      ['rig', 'status', 'app', 'prod/'],
      ['rig', 'details', 'network', ''],
      ['rig', 'logs', 'app', '--network', 'prod', ''],
      ['rig', 'create', 'network', '--d'],
      ['rig', 'context', ''],
      ['rig', 'whoami', '-o', 'j'],
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(replies[0]).toEqual(['create']);
    expect([...(replies[1] ?? [])].sort()).toEqual(['prod/api', 'prod/web', 'staging/worker']);
    expect([...(replies[2] ?? [])].sort()).toEqual(['prod/api', 'prod/web']);
    expect([...(replies[3] ?? [])].sort()).toEqual(['prod', 'staging']);
    expect([...(replies[4] ?? [])].sort()).toEqual(['api', 'web']);
    expect(replies[5]).toEqual(['--description']);
    expect(replies[6]).toEqual(['list', 'use']);
    expect(replies[7]).toEqual(['json', 'jsonl']);
  });

  it('stays silent and still completes what rig knows offline when the platform is down, hangs, or nobody is logged in', async () => {
    const cases = [['rig', 'cr'], ['rig', 'status', 'app', '']] as const;
    const down = await completeInBash(cases, { RIG_API_URL: `http://127.0.0.1:${await closedPort()}` });
    // A token, so that completion does ask the hanging platform (it has no login for that URL).
    const hung = await completeInBash(cases, { RIG_API_URL: hangingUrl, RIG_TOKEN: 'not-a-real-token' });
    const anonymous = await completeInBash(cases, { RIG_CONFIG_DIR: h.configDir() });
    for (const result of [down, hung, anonymous]) {
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.replies).toEqual([['create'], []]);
    }
    // The hanging platform was asked (and abandoned after the time box), not skipped.
    expect(hanging.length).toBeGreaterThan(0);
  });

  it.skipIf(!has('fish'))('fish: `complete -C` after sourcing the script offers commands and real app refs', async () => {
    const script = ['rig completion fish | source', 'complete -C "rig cr"', 'echo ---', 'complete -C "rig status app "', 'echo ---', 'complete -C "rig config apply ./"'].join('; ');
    const { stdout, stderr, code } = await runShell('fish', ['--no-config', '-c', script]);
    expect({ stderr, code }).toEqual({ stderr: '', code: 0 });
    const [commands, apps] = stdout.split('---\n').map((block) => block.split('\n').filter(Boolean).map((line) => line.split('\t')[0]));
    expect(commands).toEqual(['create']);
    expect([...(apps ?? [])].sort()).toEqual(['prod/api', 'prod/web', 'staging/worker']);
  });

  it.skipIf(!has('zsh'))('zsh: the script parses, and its function hands words to rig and candidates to _describe', async () => {
    // compsys itself needs a terminal; its entry points are stubbed to print what the script hands them.
    const script = [
      'compdef() { :; }',
      '_describe() { print -rl -- "${(@P)4}"; }',
      '_files() { print -r -- FILES; }',
      'source <(rig completion zsh)',
      'words=(rig cr); CURRENT=2; _rig; print -r -- ---',
      'words=(rig status app ""); CURRENT=4; _rig; print -r -- ---',
      'words=(rig config apply ""); CURRENT=4; _rig',
    ].join('\n');
    const { stdout, stderr, code } = await runShell('zsh', ['-f', '-c', script]);
    expect({ stderr, code }).toEqual({ stderr: '', code: 0 });
    const [commands, apps, files] = stdout.split('---\n').map((block) => block.split('\n').filter(Boolean).map((line) => line.split(':')[0]));
    expect(commands).toEqual(['create']);
    expect([...(apps ?? [])].sort()).toEqual(['prod/api', 'prod/web', 'staging/worker']);
    expect(files).toEqual(['FILES']);
  });

  it('prints a script for zsh and fish too, and refuses an unknown shell with exit 2', async () => {
    for (const shell of ['zsh', 'fish']) {
      const result = await h.rig(['completion', shell], { configDir });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`rig __complete ${shell}`);
    }
    const bad = await h.rig(['completion', 'tcsh'], { configDir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no completion for "tcsh"[\s\S]*bash, zsh, fish/);
  });
});
