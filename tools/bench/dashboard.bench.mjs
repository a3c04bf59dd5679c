// `rig status dashboard -o json` and `rig status app -o json` on a seeded account (5,000 apps across 250
// networks), against `rig whoami -o json` as the fixed cost of one authenticated request, measured in the same run.
// Target (issue 11): both ≤ 1.5× whoami at 5,000 apps — one request each, whatever the number of networks. The
// same timing at 100 apps across 5 networks shows how each scales with the number of apps.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, summarize, target } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const rig = join(root, 'apps/cli/bin/rig.mjs');
const runs = Number(process.env.BENCH_RUNS ?? 15);
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
    for (let i = 0; i < names.length; i += 10) {
      await Promise.all(names.slice(i, i + 10).map((name) => post(`/networks/${network}/apps`, { name })));
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
    const listed = JSON.parse(await run([rig, 'status', 'app', '-o', 'json'], env));
    if (listed.length !== networks * appsPerNetwork) throw new Error(`status app listed ${listed.length} apps, expected ${networks * appsPerNetwork}`);
    const total = networks * appsPerNetwork;
    // Interleaved rounds, so a burst of load on the shared machine hits every case alike.
    const cases = [
      { name: 'rig whoami -o json', args: [rig, 'whoami', '-o', 'json'], samples: [] },
      { name: `rig status dashboard -o json (${total} apps)`, args: [rig, 'status', 'dashboard', '-o', 'json'], samples: [] },
      { name: `rig status app -o json (${total} apps)`, args: [rig, 'status', 'app', '-o', 'json'], samples: [] },
    ];
    for (let i = 0; i < runs + 2; i++) {
      for (const c of cases) {
        const t0 = process.hrtime.bigint();
        await run(c.args, env);
        if (i >= 2) c.samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
    }
    const [whoami, dashboard, status] = cases.map((c) => ({ name: c.name, stats: summarize(c.samples) }));
    console.log(`\n${networks} networks × ${appsPerNetwork} apps (seeded through the API in ${seeded} ms)`);
    printTable([whoami, dashboard, status], whoami);
    return { whoami, dashboard, status };
  } finally {
    await max.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(configDir, { recursive: true, force: true });
  }
}

const small = await measure(5, 20);
const large = await measure(250, 20);
const above = (r, key) => r[key].stats.p50 - r.whoami.stats.p50;
for (const key of ['dashboard', 'status']) {
  console.log(`${large[key].name.split(' (')[0]}: ${above(small, key).toFixed(1)} ms above whoami at 100 apps, ${above(large, key).toFixed(1)} ms at 5,000`);
}
target({ name: 'rig status dashboard, 5,000 apps / rig whoami', value: large.dashboard.stats.p50 / large.whoami.stats.p50, limit: 1.5, baseline: `whoami p50 ${large.whoami.stats.p50.toFixed(0)} ms` });
target({ name: 'rig status app, 5,000 apps / rig whoami', value: large.status.stats.p50 / large.whoami.stats.p50, limit: 1.5, baseline: `whoami p50 ${large.whoami.stats.p50.toFixed(0)} ms` });
