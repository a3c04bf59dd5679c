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

const { startMaxLocal, createApiToken } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);
const dataDir = mkdtempSync(join(tmpdir(), 'bench-max-'));
const configDir = mkdtempSync(join(tmpdir(), 'bench-rig-'));
const max = await startMaxLocal({ port: 0, dataDir });
try {
  const token = await createApiToken({ dataDir, scope: 'admin' });
  const env = { ...process.env, RIG_CONFIG_DIR: configDir, RIG_API_URL: max.url, RIG_TOKEN: token, RIG_CREDENTIAL_STORE: 'file' };
  await run([rig, 'create', 'network', 'bench'], env);
  // Interleaved rounds (one run of every case per round): a slow spell of the shared machine then hits every
  // case alike instead of whichever happened to be measuring, which moved the ratios by ±15 % between runs.
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['rig --version', [rig, '--version']],
    ['rig --help', [rig, '--help']],
    ['rig whoami -o json', [rig, 'whoami', '-o', 'json']],
    ['rig status network -o json', [rig, 'status', 'network', '-o', 'json']],
  ];
  const samples = cases.map(() => []);
  for (let i = 0; i < runs + 3; i++) {
    for (const [index, [, args]] of cases.entries()) {
      const t0 = process.hrtime.bigint();
      await run(args, env);
      if (i >= 3) samples[index].push(Number(process.hrtime.bigint() - t0) / 1e6); // the first rounds warm the page cache
    }
  }
  const rows = cases.map(([name], index) => ({ name, stats: summarize(samples[index]) }));
  const baseline = rows[0];
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
