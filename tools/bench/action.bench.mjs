// The GitHub Action (the BUNDLED apps/github-action/dist/index.mjs, run as the runner runs it) against max-local:
// - wall time of a deploy of examples/node-http vs `rig deploy` of the same tree, in the same run, alternating,
//   one changed file per round for both (target ≤ 1.1×);
// - cold start: spawn of `node dist/index.mjs` to its first request at the API (a loopback server that answers
//   401, so the Action then stops) vs `node -e 0` spawn to exit.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printTable, summarize, target } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const actionEntry = join(root, 'apps/github-action/dist/index.mjs');
const rigBin = process.env.ACTION_BENCH_RIG ?? join(root, 'apps/cli/bin/rig.mjs');
const ROUNDS = Number(process.env.ACTION_BENCH_ROUNDS ?? 6);
const COLD_STARTS = Number(process.env.ACTION_BENCH_COLD ?? 12);

/** Runs a command to its end; resolves with its wall time in ms, exit code and output. */
function timed(command, args, options) {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c) => (out += c));
    child.stderr.on('data', (c) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ ms: performance.now() - started, code, out }));
  });
}

function actionEnv(work, inputs, extra = {}) {
  const files = { GITHUB_OUTPUT: join(work, 'output'), GITHUB_STEP_SUMMARY: join(work, 'summary'), GITHUB_EVENT_PATH: join(work, 'event.json') };
  writeFileSync(files.GITHUB_OUTPUT, '');
  writeFileSync(files.GITHUB_STEP_SUMMARY, '');
  writeFileSync(files.GITHUB_EVENT_PATH, '{}');
  const env = { PATH: process.env.PATH, HOME: work, CI: 'true', GITHUB_ACTIONS: 'true', GITHUB_EVENT_NAME: 'push', GITHUB_SHA: 'ab'.repeat(20), GITHUB_WORKSPACE: work, ...files, ...extra };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  return env;
}

const { startMaxLocal, createApiToken } = await import(pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href);
const work = mkdtempSync(join(tmpdir(), 'rig-action-bench-'));
const dataDir = join(work, 'data');
const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0, log: false });
try {
  const token = await createApiToken({ dataDir, scope: 'admin' });
  const tree = join(work, 'node-http');
  cpSync(join(root, 'examples/node-http'), tree, { recursive: true });
  const rigEnv = { ...process.env, RIG_CONFIG_DIR: join(work, 'rig-config'), RIG_API_URL: max.url, RIG_TOKEN: token, RIG_CREDENTIAL_STORE: 'file' };
  const created = await timed(process.execPath, [rigBin, 'create', 'network', 'bench'], { env: rigEnv });
  if (created.code !== 0) throw new Error(`rig create network failed:\n${created.out}`);

  const deployAction = () => timed(process.execPath, [actionEntry], { cwd: work, env: actionEnv(work, { 'api-url': max.url, token, app: 'bench/action', dir: tree, create: 'true' }) });
  const deployRig = () => timed(process.execPath, [rigBin, 'deploy', tree, '--app', 'bench/cli', '--create', '-o', 'json'], { env: rigEnv });
  // Warm-up: both apps exist and the platform has the tree's blobs.
  for (const run of [deployAction, deployRig]) {
    const r = await run();
    if (r.code !== 0) throw new Error(`warm-up deploy failed:\n${r.out}`);
  }
  const action = [];
  const cli = [];
  for (let round = 0; round < ROUNDS; round++) {
    writeFileSync(join(tree, 'ROUND'), `round ${round}\n`);
    const order = round % 2 === 0 ? [['a', deployAction], ['c', deployRig]] : [['c', deployRig], ['a', deployAction]];
    for (const [kind, run] of order) {
      const r = await run();
      if (r.code !== 0) throw new Error(`deploy failed:\n${r.out}`);
      (kind === 'a' ? action : cli).push(r.ms);
    }
  }
  console.log(`Deploy of examples/node-http (one changed file per round, ${ROUNDS} rounds, alternating; max-local stabilization 0 s):`);
  const cliRow = { name: 'rig deploy', stats: summarize(cli) };
  printTable([cliRow, { name: 'Action (dist/index.mjs)', stats: summarize(action) }], cliRow);
  const ratio = summarize(action).p50 / cliRow.stats.p50;
  target({ name: 'Action deploy / rig deploy (p50)', value: ratio, limit: 1.1, baseline: `rig deploy p50 ${cliRow.stats.p50.toFixed(0)} ms` });

  // Cold start to the first request.
  let firstRequest;
  const api = createServer((req, res) => {
    firstRequest?.(performance.now());
    firstRequest = undefined;
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'unauthenticated', message: 'bench', request_id: 'req_bench' } }));
  });
  await new Promise((r) => api.listen(0, '127.0.0.1', r));
  const apiUrl = `http://127.0.0.1:${api.address().port}`;
  const cold = [];
  const baseline = [];
  for (let i = 0; i < COLD_STARTS; i++) {
    const b = await timed(process.execPath, ['-e', '0'], {});
    baseline.push(b.ms);
    const seen = new Promise((r) => (firstRequest = r));
    const started = performance.now();
    const child = spawn(process.execPath, [actionEntry], { cwd: work, env: actionEnv(work, { 'api-url': apiUrl, token: 'bench-token', app: 'bench/cold', dir: tree }), stdio: 'ignore' });
    cold.push((await seen) - started);
    await new Promise((r) => child.on('close', r));
  }
  api.close();
  console.log('\nCold start (spawn → first API request):');
  const baseRow = { name: 'node -e 0 (spawn → exit)', stats: summarize(baseline) };
  printTable([baseRow, { name: 'dist/index.mjs → first request', stats: summarize(cold) }], baseRow);
} finally {
  await max.close();
  rmSync(work, { recursive: true, force: true });
}
