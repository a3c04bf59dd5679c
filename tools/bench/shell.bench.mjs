// rig shell / rig command against max-local, with their baselines measured in the same run:
// - keystroke round trip: one byte typed into a terminal until it is echoed back, through `rig shell` (rig in a
//   pseudo-terminal on our side, max-local's PTY running `stty raw -echo; exec cat` on the other), against the same
//   program in a local PTY through node-pty alone, and through `ssh -tt 127.0.0.1` (targets: p99 ≤ 5 ms, no worse
//   than ssh); and, as floors, a bare Node.js client and server relaying the bytes over TCP and over ws
//   (fixtures/keystroke-relay.mjs) — what any Node.js pair costs before a protocol;
// - throughput: `rig command -- cat <100 MB file>` into a pipe, against plain `cat` of the same file and
//   `ssh 127.0.0.1 cat <file>` (targets: ≥ 200 MB/s and ≥ half of ssh's), wall time from spawn to exit;
// - peak RSS of the rig process in both (target < 80 MB), from /proc/<pid>/status (VmHWM).
// The ssh parts run where Debian's openssh-server is installed (`apt-get install -y openssh-server`): the bench
// starts its own sshd on 127.0.0.1 with a throwaway host key and authorized key, and skips them otherwise.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { summarize, fmtMs, verdict } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rigBin = join(root, 'apps/cli/bin/rig.mjs');
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 500);
const FILE_MB = Number(process.env.BENCH_FILE_MB ?? 100);
// `echo BENCH""READY` prints BENCHREADY only when run remotely: a terminal's local echo of the typed line (before
// rig or ssh switched it to raw mode) shows the quotes, so it can never be mistaken for the program being ready.
const ECHO_PROGRAM = 'stty raw -echo; echo BENCH""READY; exec cat';
const READY = 'BENCHREADY';
const { spawn: spawnPty } = await import('node-pty');

const work = mkdtempSync(join(tmpdir(), 'rig-bench-shell-'));
const cleanups = [() => rmSync(work, { recursive: true, force: true })];
process.on('exit', () => cleanups.splice(0).reverse().forEach((step) => step()));

// ---- platform ------------------------------------------------------------------------------------------------
// max-local in its own process, as users run it: in this one, the server would share an event loop with the
// bench reading every byte of the baselines' and rig's output.
const maxLocalEntry = pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href;
const { createApiToken } = await import(maxLocalEntry);
const dataDir = join(work, 'data');
const max = await startMaxLocalProcess(dataDir);
cleanups.push(() => max.process.kill('SIGKILL'));
const token = await createApiToken({ dataDir, scope: 'deploy', name: 'bench' });
for (const [path, body] of [
  ['/api/v1/networks', { name: 'bench' }],
  ['/api/v1/networks/bench/apps', { name: 'web' }],
]) {
  const response = await fetch(`${max.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}
const configDir = join(work, 'config');
mkdirSync(configDir);
const rigEnv = { PATH: process.env.PATH ?? '', HOME: configDir, RIG_CONFIG_DIR: configDir, RIG_API_URL: max.url, RIG_TOKEN: token, TERM: 'xterm-256color' };

// ---- sshd (optional) -----------------------------------------------------------------------------------------
const ssh = await startSshd();
if (ssh) cleanups.push(ssh.stop);
else console.log('(ssh parts skipped: no /usr/sbin/sshd — `apt-get install -y openssh-server` to compare with ssh)');

// ---- peak RSS ------------------------------------------------------------------------------------------------
function peakRss(pid) {
  let peakKb = 0;
  const sample = () => {
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      for (const key of ['VmHWM', 'VmRSS']) peakKb = Math.max(peakKb, Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0));
    } catch {
      // exited
    }
  };
  const timer = setInterval(sample, 20);
  return {
    sample,
    stop() {
      clearInterval(timer);
      return peakKb / 1024;
    },
  };
}

// ---- keystroke round trip ------------------------------------------------------------------------------------
/** Types single bytes into a terminal running an echoing program and times each until it comes back. */
async function keystrokes(label, file, args, setup) {
  const pty = spawnPty(file, args, { name: 'xterm-256color', cols: 120, rows: 40, cwd: work, env: rigEnv });
  const rss = label === 'rig shell' ? peakRss(pty.pid) : undefined;
  let buffer = '';
  let waiter;
  pty.onData((data) => {
    buffer += data;
    if (waiter && buffer.includes(waiter.marker)) {
      const done = waiter.resolve;
      waiter = undefined;
      done();
    }
  });
  const exited = new Promise((resolvePromise) => pty.onExit(resolvePromise));
  const waitFor = (marker, timeoutMs = 20_000) =>
    new Promise((resolvePromise, reject) => {
      if (buffer.includes(marker)) return resolvePromise();
      const timer = setTimeout(() => reject(new Error(`${label}: no ${JSON.stringify(marker)} within ${timeoutMs} ms; got ${JSON.stringify(buffer.slice(-300))}`)), timeoutMs);
      waiter = { marker, resolve: () => (clearTimeout(timer), resolvePromise()) };
    });
  if (setup) pty.write(setup);
  // Ready once the echo program runs on the far side (rig's or ssh's terminal is raw by then), then once a probe
  // comes back through every hop.
  await waitFor(READY, 30_000);
  for (let i = 0; ; i++) {
    buffer = '';
    pty.write('#');
    try {
      await waitFor('#', 1_000);
      break;
    } catch (error) {
      if (i > 20) throw error;
    }
  }
  const samples = [];
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; i < KEYSTROKES + 50; i++) {
    const key = letters[i % letters.length];
    buffer = '';
    const t0 = performance.now();
    pty.write(key);
    await waitFor(key);
    if (i >= 50) samples.push(performance.now() - t0);
  }
  const peak = rss?.stop();
  pty.kill('SIGKILL');
  await exited;
  return { label, stats: summarize(samples), peakRssMb: peak };
}

// ---- throughput ----------------------------------------------------------------------------------------------
function throughput(label, command, args, bytesExpected) {
  return new Promise((resolvePromise, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { env: rigEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const rss = label === 'rig command' ? peakRss(child.pid) : undefined;
    let bytes = 0;
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      bytes += chunk.length;
      rss?.sample();
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => {
      const ms = performance.now() - t0;
      const peak = rss?.stop();
      if (code !== 0 || bytes !== bytesExpected) return reject(new Error(`${label}: exit ${code}, ${bytes}/${bytesExpected} bytes: ${stderr}`));
      resolvePromise({ label, ms, mbPerS: bytes / 1e6 / (ms / 1000), peakRssMb: peak });
    });
  });
}

// ---- run -----------------------------------------------------------------------------------------------------
const file = join(work, 'payload.bin');
const chunk = randomBytes(1024 * 1024);
writeFileSync(file, Buffer.concat(Array.from({ length: FILE_MB }, () => chunk)));
const fileBytes = FILE_MB * 1024 * 1024;
spawnSync('cat', [file], { stdio: ['ignore', 'ignore', 'ignore'] }); // page cache

// BENCH_SHELL_PARTS=keys or =rate runs one half only (when working on it).
const parts = new Set((process.env.BENCH_SHELL_PARTS ?? 'keys,rate').split(','));
const sshArgs = ssh ? ['-i', ssh.key, '-p', String(ssh.port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', '127.0.0.1'] : [];
const keyRows = [];
if (parts.has('keys')) {
  keyRows.push(await keystrokes('local PTY (node-pty)', '/bin/sh', ['-c', ECHO_PROGRAM]));
  // The session starts the platform's shell; the same echo program is started in it.
  keyRows.push(await keystrokes('rig shell', process.execPath, [rigBin, 'shell', 'app', 'bench/web', '--detach-timeout', '5s'], `${ECHO_PROGRAM}\r`));
  if (ssh) keyRows.push(await keystrokes('ssh -tt 127.0.0.1', 'ssh', ['-tt', ...sshArgs, ECHO_PROGRAM]));
  // Floors (information): a bare Node.js client and server relaying the bytes over TCP and over ws.
  for (const transport of ['tcp', 'ws']) {
    const relay = join(root, 'tools/bench/fixtures/keystroke-relay.mjs');
    const server = spawn(process.execPath, [relay, 'server', transport, ECHO_PROGRAM], { stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise((resolvePromise) => server.stdout.once('data', (chunk) => resolvePromise(String(chunk).trim())));
    keyRows.push(await keystrokes(`floor: node↔node ${transport}`, process.execPath, [relay, 'client', transport, port]));
    server.kill();
  }
}

const RUNS = 3;
const best = async (label, command, args) => {
  let top;
  for (let i = 0; i < RUNS; i++) {
    const result = await throughput(label, command, args, fileBytes);
    if (!top || result.ms < top.ms) top = { ...result, peakRssMb: Math.max(result.peakRssMb ?? 0, top?.peakRssMb ?? 0) || undefined };
  }
  return top;
};
const rateRows = [];
/** Wall time of the same tool running `true` (best of 3): its fixed cost — start, connect, authenticate, end. */
async function startup(command, args) {
  let top = Infinity;
  for (let i = 0; i < RUNS; i++) top = Math.min(top, (await throughput('startup', command, args, 0)).ms);
  return top;
}
if (parts.has('rate')) {
  rateRows.push({ ...(await best('cat', 'cat', [file])), startupMs: 0 });
  rateRows.push({
    ...(await best('rig command', process.execPath, [rigBin, 'command', 'bench/web', '--', 'cat', file])),
    startupMs: await startup(process.execPath, [rigBin, 'command', 'bench/web', '--', 'true']),
  });
  if (ssh) rateRows.push({ ...(await best('ssh 127.0.0.1 cat', 'ssh', [...sshArgs, 'cat', file])), startupMs: await startup('ssh', [...sshArgs, 'true']) });
}

if (keyRows.length > 0) console.log(`keystroke round trip (${KEYSTROKES} single bytes, echoed by \`${ECHO_PROGRAM}\` in a PTY)`);
const local = keyRows[0];
const sshKeys = keyRows.find((r) => r.label.startsWith('ssh'));
for (const row of keyRows) {
  const vs = [`${(row.stats.p50 / local.stats.p50).toFixed(2)}× local p50`, sshKeys && row !== sshKeys ? `${(row.stats.p99 / sshKeys.stats.p99).toFixed(2)}× ssh p99` : ''].filter(Boolean).join(', ');
  console.log(
    `  ${row.label.padEnd(24)} p50 ${fmtMs(row.stats.p50).padStart(7)}  p99 ${fmtMs(row.stats.p99).padStart(7)}  max ${fmtMs(row.stats.max).padStart(7)}  ${vs}${row.peakRssMb ? `  peak RSS ${row.peakRssMb.toFixed(1)} MB` : ''}`,
  );
}
if (rateRows.length > 0) console.log(`throughput (${FILE_MB} MiB file to a pipe, best of ${RUNS}, wall time from spawn to exit)`);
const cat = rateRows[0];
const sshRate = rateRows.find((r) => r.label.startsWith('ssh'));
for (const row of rateRows) {
  const vs = [`${(row.mbPerS / cat.mbPerS).toFixed(2)}× cat`, sshRate && row !== sshRate ? `${(row.mbPerS / sshRate.mbPerS).toFixed(2)}× ssh` : ''].filter(Boolean).join(', ');
  const steady = row.startupMs > 0 ? `  (${(fileBytes / 1e6 / ((row.ms - row.startupMs) / 1000)).toFixed(0)} MB/s after its ${fmtMs(row.startupMs)} start-up)` : '';
  console.log(`  ${row.label.padEnd(22)} ${row.mbPerS.toFixed(0).padStart(5)} MB/s  ${fmtMs(row.ms).padStart(7)}  ${vs}${row.peakRssMb ? `  peak RSS ${row.peakRssMb.toFixed(1)} MB` : ''}${steady}`);
}
const rigKeys = keyRows.find((r) => r.label === 'rig shell');
const rigRate = rateRows.find((r) => r.label === 'rig command');
const mbps = (row) => `${row.mbPerS.toFixed(0)} MB/s`;
const p99 = (row) => `p99 ${fmtMs(row.stats.p99)} (p50 ${fmtMs(row.stats.p50)})`;
const verdicts = [
  ...(rigKeys ? [['rig shell keystroke p99 ≤ 5 ms', rigKeys.stats.p99 <= 5, `${p99(rigKeys)}; node-pty alone ${p99(local)}`]] : []),
  ...(rigKeys && sshKeys ? [['rig shell keystroke p99 no worse than ssh', rigKeys.stats.p99 <= sshKeys.stats.p99, `${p99(rigKeys)} vs ssh ${p99(sshKeys)} (${(rigKeys.stats.p99 / sshKeys.stats.p99).toFixed(2)}×)`]] : []),
  ...(rigRate ? [['rig command -- cat throughput ≥ 200 MB/s', rigRate.mbPerS >= 200, `${mbps(rigRate)}; plain cat ${mbps(cat)}`]] : []),
  ...(rigRate && sshRate ? [['rig command -- cat throughput ≥ half of ssh', rigRate.mbPerS >= sshRate.mbPerS / 2, `${mbps(rigRate)} vs ssh ${mbps(sshRate)} (${(rigRate.mbPerS / sshRate.mbPerS).toFixed(2)}×)`]] : []),
  [
    'rig peak RSS < 80 MB (shell and command)',
    Math.max(rigKeys?.peakRssMb ?? 0, rigRate?.peakRssMb ?? 0) < 80,
    `shell ${(rigKeys?.peakRssMb ?? 0).toFixed(1)} MB, command ${(rigRate?.peakRssMb ?? 0).toFixed(1)} MB`,
  ],
];
for (const [name, met, numbers] of verdicts) verdict(name, met, numbers);

await max.close();
process.exit(0);

function startMaxLocalProcess(dir) {
  const script = `const { startMaxLocal } = await import(${JSON.stringify(maxLocalEntry)});
const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir: ${JSON.stringify(dir)}, stabilizationSeconds: 0, log: { write() {} } });
process.stdout.write(max.url + '\\n');
process.on('SIGTERM', () => max.close().then(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolvePromise, reject) => {
    let out = '';
    child.on('exit', (code) => reject(new Error(`max-local exited ${code}`)));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('\n')) return;
      resolvePromise({
        url: out.trim(),
        process: child,
        close: () => new Promise((done) => (child.once('exit', done), child.kill('SIGTERM'))),
      });
    });
  });
}

// ---- sshd ----------------------------------------------------------------------------------------------------
async function startSshd() {
  const sshd = '/usr/sbin/sshd';
  if (!existsSync(sshd) || spawnSync('ssh', ['-V'], { stdio: 'ignore' }).status !== 0) return undefined;
  const dir = join(work, 'ssh');
  mkdirSync(dir, { mode: 0o700 });
  const keygen = (path) => spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path], { stdio: 'ignore' }).status === 0;
  if (!keygen(join(dir, 'host')) || !keygen(join(dir, 'client'))) return undefined;
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client.pub')));
  chmodSync(join(dir, 'authorized_keys'), 0o600);
  const port = await freePort();
  const config = join(dir, 'sshd_config');
  writeFileSync(
    config,
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'PermitRootLogin yes',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const child = spawn(sshd, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr.on('data', (c) => (log += c));
  const stop = () => child.kill('SIGKILL');
  const args = ['-i', join(dir, 'client'), '-p', String(port), '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', '127.0.0.1', 'true'];
  for (let i = 0; i < 50; i++) {
    if (spawnSync('ssh', args, { stdio: 'ignore', timeout: 5_000 }).status === 0) return { port, key: join(dir, 'client'), stop };
    await new Promise((r) => setTimeout(r, 100));
  }
  stop();
  console.log(`(sshd did not accept the throwaway key: ${log.trim().split('\n').at(-1) ?? ''})`);
  return undefined;
}

function freePort() {
  return new Promise((resolvePromise) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePromise(port));
    });
  });
}
