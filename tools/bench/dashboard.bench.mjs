// `rig status dashboard -o json` on a seeded account (1,000 apps across 50 networks), against `rig whoami -o json`
// as the fixed cost of one authenticated request, measured in the same run. The same timing at 100 apps across
// 5 networks shows how the dashboard scales: the ratio of the two medians should stay near 1 (one request, a
// constant number of queries), and at most the 10× of linear growth.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, summarize } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rig = join(root, 'apps/cli/bin/rig.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const { startMaxLocal, createApiToken } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);

function run(args, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (err += c));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolvePromise(out) : reject(new Error(`${args.join(' ')} exited ${code}: ${err}`))));
  });
}

async function time(args, env) {
  const samples = [];
  for (let i = 0; i < runs + 2; i++) {
    const t0 = process.hrtime.bigint();
    await run(args, env);
    if (i >= 2) samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return summarize(samples);
}

/** Seeds through the REST API, a few requests in flight at a time. */
async function seed(url, token, networks, appsPerNetwork) {
  const post = async (path, body) => {
    const res = await fetch(`${url}/api/v1${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`POST ${path} → ${res.status}: ${await res.text()}`);
  };
  for (let n = 0; n < networks; n++) {
    const network = `net-${String(n).padStart(3, '0')}`;
    await post('/networks', { name: network });
    const names = Array.from({ length: appsPerNetwork }, (_, a) => `app-${String(a).padStart(3, '0')}`);
    for (let i = 0; i < names.length; i += 8) {
      await Promise.all(names.slice(i, i + 8).map((name) => post(`/networks/${network}/apps`, { name })));
    }
  }
}

async function measure(networks, appsPerNetwork) {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-dash-'));
  const configDir = mkdtempSync(join(tmpdir(), 'bench-dash-rig-'));
  const max = await startMaxLocal({ port: 0, dataDir });
  try {
    const token = await createApiToken({ dataDir, scope: 'admin' });
    const t0 = Date.now();
    await seed(max.url, token, networks, appsPerNetwork);
    const seeded = Date.now() - t0;
    const env = { ...process.env, RIG_CONFIG_DIR: configDir, RIG_API_URL: max.url, RIG_TOKEN: token, RIG_CREDENTIAL_STORE: 'file' };
    const doc = JSON.parse(await run([rig, 'status', 'dashboard', '-o', 'json'], env));
    const apps = doc.counts?.apps ?? doc.apps?.length;
    if (apps !== networks * appsPerNetwork) throw new Error(`dashboard counted ${apps} apps, expected ${networks * appsPerNetwork}`);
    const whoami = { name: 'rig whoami -o json', stats: await time([rig, 'whoami', '-o', 'json'], env) };
    const dashboard = { name: `rig status dashboard -o json (${networks * appsPerNetwork} apps)`, stats: await time([rig, 'status', 'dashboard', '-o', 'json'], env) };
    console.log(`\n${networks} networks × ${appsPerNetwork} apps (seeded through the API in ${seeded} ms)`);
    printTable([whoami, dashboard], whoami);
    return dashboard.stats.p50 - whoami.stats.p50;
  } finally {
    await max.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}

const small = await measure(5, 20);
const large = await measure(50, 20);
console.log(
  `\ndashboard cost above whoami: ${small.toFixed(1)} ms at 100 apps, ${large.toFixed(1)} ms at 1,000 apps ` +
    `(growth ${(Math.max(large, 0.1) / Math.max(small, 0.1)).toFixed(1)}× for 10× the apps; linear would be 10×)`,
);
