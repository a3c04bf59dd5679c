// `rig logs app --follow` against max-local, with a deployed app writing stamped lines to stdout:
// - throughput: the app writes as fast as its stdout pipe takes (100,000 lines), and paced at 20,000 lines/s for
//   5 s; lines/s are counted where `rig logs --follow` prints them (target: keeps up with ≥ 20k lines/s);
// - latency at 1k lines/s: from the app's write to rig's printed line, p50/p99 (target p99 ≤ 50 ms).
// Baseline, same run, same app script: the app started directly by this process with its stdout piped here — the
// floor any log pipeline sits on (pipe + line parsing), with no platform, no database, no socket, no CLI.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fmtMs, summarize, verdict } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rigBin = join(root, 'apps/cli/bin/rig.mjs');
const BURST = Number(process.env.BENCH_LOG_BURST ?? 100_000);
const PACED_RATE = 20_000;
const PACED_SECONDS = 5;
const LATENCY_RATE = 1_000;
const LATENCY_SECONDS = 5;

// The app: an HTTP port for the health check and for commands; each run writes `emit <run> <i> <epoch ms>` lines.
// `/burst?run=&n=`: n lines as fast as stdout takes them; `/paced?run=&rate=&seconds=`: rate lines/s in 5 ms ticks.
const APP = String.raw`
const now = () => Number(process.hrtime.bigint()) / 1e6;
function burst(run, n) {
  let i = 0;
  const step = () => {
    while (i < n) {
      let out = '';
      for (let k = 0; k < 200 && i < n; k += 1) out += 'emit ' + run + ' ' + ++i + ' ' + now().toFixed(3) + '\n';
      if (!process.stdout.write(out)) return process.stdout.once('drain', step);
    }
  };
  step();
}
function paced(run, rate, seconds) {
  const total = rate * seconds;
  const start = now();
  let i = 0;
  const timer = setInterval(() => {
    const due = Math.min(total, Math.floor(((now() - start) / 1000) * rate));
    let out = '';
    while (i < due) out += 'emit ' + run + ' ' + ++i + ' ' + now().toFixed(3) + '\n';
    if (out) process.stdout.write(out);
    if (i >= total) clearInterval(timer);
  }, 5);
}
const commands = { burst: (q) => burst(q.get('run'), Number(q.get('n'))), paced: (q) => paced(q.get('run'), Number(q.get('rate')), Number(q.get('seconds'))) };
if (process.argv[2]) commands[process.argv[2]](new URLSearchParams(process.argv[3]));
else require('node:http').createServer((req, res) => {
  const url = new URL(req.url, 'http://app');
  commands[url.pathname.slice(1)]?.(url.searchParams);
  res.end('ok\n');
}).listen(Number(process.env.PORT));
`;

/** Reads `emit <run> <i> <stamp>` lines from a stream; resolves when `count` lines of `run` arrived. */
/**
 * CLOCK_MONOTONIC in ms: one clock for every process of the machine, so the app's stamp and this process's
 * arrival time compare. (`performance.timeOrigin + performance.now()` ties each process's monotonic clock to the
 * wall clock at its start; on a VM whose wall clock is being slewed the processes then disagree by tens of ms,
 * which once showed as negative latencies.)
 */
const monotonicMs = () => Number(process.hrtime.bigint()) / 1e6;

function collector(stream) {
  const waiting = new Map();
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    const at = monotonicMs();
    pending += chunk;
    let nl;
    while ((nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      const m = /emit (\S+) (\d+) ([\d.]+)/.exec(line);
      if (!m) continue;
      const run = waiting.get(m[1]);
      if (!run) continue;
      run.received += 1;
      if (run.received === 1) run.firstAt = at;
      run.latencies.push(at - Number(m[3]));
      if (run.received >= run.count) {
        waiting.delete(m[1]);
        run.done({ ...run, lastAt: at });
      }
    }
  });
  return (name, count, timeoutMs = 120_000) =>
    new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`run ${name}: ${waiting.get(name)?.received ?? '?'} of ${count} lines within ${timeoutMs} ms`)), timeoutMs);
      waiting.set(name, { count, received: 0, latencies: [], firstAt: 0, startedAt: monotonicMs(), done: (r) => (clearTimeout(timer), done(r)) });
    });
}

const rate = (r) => r.count / ((r.lastAt - r.startedAt) / 1000);

function run(command, args, env) {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.stdout.resume();
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

const work = mkdtempSync(join(tmpdir(), 'bench-logs-'));
const appDir = join(work, 'app');
mkdirSync(appDir);
writeFileSync(join(appDir, 'server.js'), APP);
writeFileSync(join(appDir, 'rig.json'), JSON.stringify({ start: 'node server.js' }));
const configDir = join(work, 'config');
mkdirSync(configDir);

async function measure(label, trigger, wait) {
  const results = {};
  for (const [name, query, count] of [
    ['burst', `n=${BURST}`, BURST],
    ['paced', `rate=${PACED_RATE}&seconds=${PACED_SECONDS}`, PACED_RATE * PACED_SECONDS],
    ['latency', `rate=${LATENCY_RATE}&seconds=${LATENCY_SECONDS}`, LATENCY_RATE * LATENCY_SECONDS],
  ]) {
    const runName = `${label}-${name}`;
    const done = wait(runName, count);
    await trigger(name === 'burst' ? 'burst' : 'paced', `run=${runName}&${query}`);
    results[name] = await done;
  }
  return results;
}

// ---- baseline: the same script, its stdout piped straight into this process --------------------------------------
async function baseline() {
  const results = {};
  for (const [name, command, query, count] of [
    ['burst', 'burst', `n=${BURST}`, BURST],
    ['paced', 'paced', `rate=${PACED_RATE}&seconds=${PACED_SECONDS}`, PACED_RATE * PACED_SECONDS],
    ['latency', 'paced', `rate=${LATENCY_RATE}&seconds=${LATENCY_SECONDS}`, LATENCY_RATE * LATENCY_SECONDS],
  ]) {
    const child = spawn(process.execPath, [join(appDir, 'server.js'), command, `run=base-${name}&${query}`], { stdio: ['ignore', 'pipe', 'inherit'] });
    const wait = collector(child.stdout);
    results[name] = await wait(`base-${name}`, count);
    child.kill();
  }
  return results;
}

// ---- ours: max-local + rig logs --follow ---------------------------------------------------------------------------
async function ours() {
  const { startMaxLocal, createApiToken } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);
  const dataDir = join(work, 'data');
  const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  let follower;
  try {
    const token = await createApiToken({ dataDir, scope: 'admin' });
    const env = { ...process.env, RIG_CONFIG_DIR: configDir, RIG_API_URL: max.url, RIG_TOKEN: token, RIG_CREDENTIAL_STORE: 'file', NO_COLOR: '1' };
    await run(process.execPath, [rigBin, 'create', 'network', 'bench'], env);
    await run(process.execPath, [rigBin, 'deploy', appDir, '--app', 'bench/logs', '--create', '-o', 'json'], env);
    follower = spawn(process.execPath, [rigBin, 'logs', 'app', 'bench/logs', '--follow', '--tail', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let followerErr = '';
    follower.stderr.on('data', (c) => (followerErr += c));
    const wait = collector(follower.stdout);
    const router = new URL(max.routerUrl);
    const trigger = (path, query) =>
      new Promise((done, fail) => {
        const req = request({ host: router.hostname, port: router.port, path: `/${path}?${query}`, headers: { host: 'logs.bench.localhost' } }, (res) => {
          res.resume();
          res.on('end', done);
        });
        req.on('error', fail);
        req.end();
      });
    // The follower is live once a first line makes it through.
    await waitLive(trigger, wait);
    const results = await measure('rig', trigger, wait).catch((error) => {
      throw new Error(`${error.message}\nrig logs stderr: ${followerErr}`);
    });
    return results;
  } finally {
    follower?.kill('SIGINT');
    await max.close();
  }
}

async function waitLive(trigger, wait) {
  for (let attempt = 0; ; attempt += 1) {
    const probe = wait(`probe${attempt}`, 1, 2_000);
    await trigger('burst', `run=probe${attempt}&n=1`);
    try {
      return await probe;
    } catch (error) {
      if (attempt > 20) throw error;
    }
  }
}

try {
  const base = await baseline();
  const mine = await ours();
  const lat = (r) => summarize(r.latencies);
  const rows = [
    ['case', `burst ${BURST} lines/s`, `paced ${PACED_RATE}/s: lines/s`, 'p99 at 20k/s', `p50 at ${LATENCY_RATE}/s`, `p99 at ${LATENCY_RATE}/s`],
    ['app stdout piped straight here (baseline)', rate(base.burst).toFixed(0), rate(base.paced).toFixed(0), fmtMs(lat(base.paced).p99), fmtMs(lat(base.latency).p50), fmtMs(lat(base.latency).p99)],
    ['app in max-local → rig logs --follow', rate(mine.burst).toFixed(0), rate(mine.paced).toFixed(0), fmtMs(lat(mine.paced).p99), fmtMs(lat(mine.latency).p50), fmtMs(lat(mine.latency).p99)],
    [
      'ratio (ours ÷ baseline)',
      `${(rate(mine.burst) / rate(base.burst)).toFixed(2)}×`,
      `${(rate(mine.paced) / rate(base.paced)).toFixed(2)}×`,
      `${(lat(mine.paced).p99 / lat(base.paced).p99).toFixed(1)}×`,
      `${(lat(mine.latency).p50 / lat(base.latency).p50).toFixed(1)}×`,
      `${(lat(mine.latency).p99 / lat(base.latency).p99).toFixed(1)}×`,
    ],
  ];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  const pacedRate = rate(mine.paced);
  const verdicts = [
    [`logs follow keeps up with ≥ 20k lines/s (paced ${PACED_RATE}/s for ${PACED_SECONDS} s, delivered rate)`, pacedRate >= PACED_RATE * 0.98, `${pacedRate.toFixed(0)} lines/s (baseline ${rate(base.paced).toFixed(0)})`],
    [`logs follow capacity (burst) ≥ 20k lines/s`, rate(mine.burst) >= PACED_RATE, `${rate(mine.burst).toFixed(0)} lines/s (baseline ${rate(base.burst).toFixed(0)}, ${(rate(mine.burst) / rate(base.burst)).toFixed(2)}×)`],
    [`logs follow p99 latency at ${LATENCY_RATE} lines/s ≤ 50 ms`, lat(mine.latency).p99 <= 50 && Math.min(...mine.latency.latencies) >= 0, `p99 ${fmtMs(lat(mine.latency).p99)}, p50 ${fmtMs(lat(mine.latency).p50)} (baseline p99 ${fmtMs(lat(base.latency).p99)})`],
  ];
  for (const [target, met, numbers] of verdicts) verdict(target, met, numbers);
} finally {
  rmSync(work, { recursive: true, force: true });
}
