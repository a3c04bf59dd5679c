// rig startup: `--version`, `--help` and a real command (`status network -o json` against max-local) compared
// with `node -e 0` (the floor for any Node CLI) measured in the same run.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, summarize, target } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rig = join(root, 'apps/cli/bin/rig.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 30);

// max-local runs in this process, so children are awaited asynchronously (a spawnSync would block its event loop).
function run(args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

async function time(args, env) {
  const samples = [];
  for (let i = 0; i < runs + 3; i++) {
    const t0 = process.hrtime.bigint();
    await run(args, env);
    if (i >= 3) samples.push(Number(process.hrtime.bigint() - t0) / 1e6); // the first runs warm the page cache
  }
  return summarize(samples);
}

const { startMaxLocal, createApiToken } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-max-'));
const configDir = mkdtempSync(join(tmpdir(), 'bench-rig-'));
const max = await startMaxLocal({ port: 0, dataDir });
try {
  const token = await createApiToken({ dataDir, scope: 'admin' });
  const env = { ...process.env, RIG_CONFIG_DIR: configDir, RIG_API_URL: max.url, RIG_TOKEN: token, RIG_CREDENTIAL_STORE: 'file' };
  await run([rig, 'create', 'network', 'bench'], env);
  const baseline = { name: 'node -e 0', stats: await time(['-e', '0'], env) };
  const rows = [
    baseline,
    { name: 'rig --version', stats: await time([rig, '--version'], env) },
    { name: 'rig --help', stats: await time([rig, '--help'], env) },
    { name: 'rig whoami -o json', stats: await time([rig, 'whoami', '-o', 'json'], env) },
    { name: 'rig status network -o json', stats: await time([rig, 'status', 'network', '-o', 'json'], env) },
  ];
  printTable(rows, baseline);
  const ratio = (name) => (rows.find((r) => r.name === name)?.stats.p50 ?? Number.NaN) / baseline.stats.p50;
  const base = `node -e 0 p50 ${baseline.stats.p50.toFixed(0)} ms`;
  target({ name: 'rig --version / node -e 0', value: ratio('rig --version'), limit: 1.15, baseline: base });
  target({ name: 'rig whoami -o json / node -e 0', value: ratio('rig whoami -o json'), limit: 2, baseline: base });
} finally {
  await max.close();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(configDir, { recursive: true, force: true });
}
