import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, type RigResult } from './harness.js';

const STACK = /\bat .+\.(m?js|ts):\d+/;

/**
 * Leaving a command early, as users do: closing its stdout, or Ctrl-C.
 *
 * A reader that goes away (`rig logs app … --follow | head -2`, `rig … -o json | head -c 300`) closes rig's stdout:
 * rig must end quietly with exit 0 — no EPIPE stack, no "Error:" line (issue 11). The BUILT rig runs with its stdout
 * on a real pipe whose read end the test closes after the first bytes, exactly what `head` does.
 *
 * Ctrl-C on a follow or a watch is the normal way to stop it, not an error: exit 130 (as `tail -f`), no "Error:"
 * line, nothing on stderr in JSON modes either (issue 11).
 */

let h: Harness;
let configDir: string;
let work: string;
const rig = (...args: string[]) => h.rig(args, { configDir });

/** Runs rig, reads its stdout until `until` holds, then closes the pipe's read end (as `head` does). */
async function readThenClose(args: string[], until: (stdout: string) => boolean): Promise<RigResult & { read: string }> {
  const running = await h.start(args, { configDir });
  let read = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rig wrote too little: ${read}`)), 60_000);
    running.child.stdout.on('data', (chunk: Buffer | string) => {
      read += chunk.toString();
      if (!until(read)) return;
      clearTimeout(timer);
      // What `head` does when it has enough: it exits, and the pipe's read end is closed.
      running.child.stdout.destroy();
      resolve();
    });
  });
  return { ...(await running.done), read };
}

beforeAll(async () => {
  h = await Harness.start({ routerPort: 0 });
  configDir = h.configDir();
  work = mkdtempSync(join(tmpdir(), 'rig-e2e-epipe-'));
  await h.loginWithToken(configDir);
  expect((await rig('create', 'network', 'pipes')).code).toBe(0);
  // An app that logs a line every 20 ms, so a follow always has something more to write.
  writeFileSync(join(work, 'rig.json'), JSON.stringify({ start: 'node ticker.js' }));
  writeFileSync(
    join(work, 'ticker.js'),
    `let n = 0; setInterval(() => console.log('tick ' + n++), 20);
require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');\n`,
  );
  const deployed = await rig('deploy', work, '--app', 'pipes/ticker', '--create');
  expect(deployed.code, deployed.stderr).toBe(0);
  // A one-shot answer far larger than a pipe buffer (64 KiB): six 60 KB vars.
  const big = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`BIG_${i}`, String(i).repeat(60_000)]));
  writeFileSync(join(work, 'big.env'), Object.entries(big).map(([k, v]) => `${k}=${v}`).join('\n'));
  const set = await rig('create', 'var', '--network', 'pipes', '--from-env-file', join(work, 'big.env'));
  expect(set.code, set.stderr).toBe(0);
}, 120_000);

afterAll(async () => {
  await h?.close();
  rmSync(work, { recursive: true, force: true });
});

const quiet = (result: RigResult) => {
  expect(result.stderr).not.toMatch(/EPIPE|Error/);
  expect(result.stderr).not.toMatch(STACK);
  expect(result.code, result.stderr).toBe(0);
};

describe('a closed stdout ends rig quietly with exit 0', () => {
  it('streaming: logs app --follow | head -2', async () => {
    // The history may open with the platform's own lines (release started, healthy): read on to the app's ticks,
    // so the pipe is closed while rig is following live output.
    const result = await readThenClose(['logs', 'app', 'pipes/ticker', '--follow'], (out) => /tick \d+/.test(out) && out.split('\n').length > 2);
    expect(result.read).toMatch(/tick \d+/);
    quiet(result);
  }, 90_000);

  it('streaming, JSON lines: logs app --follow -o jsonl | head -c 300', async () => {
    const result = await readThenClose(['logs', 'app', 'pipes/ticker', '--follow', '-o', 'jsonl'], (out) => out.length >= 300);
    quiet(result);
  }, 90_000);

  it('one-shot: status var -o json | head -c 300 (an answer larger than the pipe buffer)', async () => {
    const result = await readThenClose(['status', 'var', '--network', 'pipes', '-o', 'json'], (out) => out.length >= 300);
    expect(result.read.startsWith('[')).toBe(true);
    quiet(result);
  }, 90_000);
});

/** Starts rig, waits until `ready` holds for its stdout, sends SIGINT (what Ctrl-C does) and waits for the end. */
async function interruptWhen(args: string[], ready: (stdout: string) => boolean): Promise<RigResult> {
  const running = await h.start(args, { configDir });
  let stdout = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`not ready: ${stdout}`)), 60_000);
    running.child.stdout.on('data', (chunk: Buffer | string) => {
      stdout += chunk.toString();
      if (!ready(stdout)) return;
      clearTimeout(timer);
      resolve();
    });
  });
  running.child.kill('SIGINT');
  return running.done;
}

describe('Ctrl-C on a follow or a watch is not an error', () => {
  it.each([
    ['logs app --follow', ['logs', 'app', 'pipes/ticker', '--follow'], /tick \d+/],
    ['logs app --follow -o jsonl', ['logs', 'app', 'pipes/ticker', '--follow', '-o', 'jsonl'], /"line":"tick \d+"/],
    ['logs network --follow', ['logs', 'network', 'pipes', '--follow'], /tick \d+/],
    ['history --follow', ['history', '--follow', '--network', 'pipes'], /var\.set/],
    ['status dashboard --watch -o jsonl', ['status', 'dashboard', '--watch', '-o', 'jsonl'], /\n/],
  ])('%s: exit 130, no error on stderr', async (_name, args, ready) => {
    const result = await interruptWhen(args, (out) => ready.test(out));
    expect(result.code, result.stderr).toBe(130);
    expect(result.stderr).not.toMatch(/Error|Interrupted|"error"/);
    expect(result.stderr).not.toMatch(STACK);
  }, 90_000);
});
