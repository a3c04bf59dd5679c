#!/usr/bin/env node
// `npm run bench`: builds the bundles, then runs every tools/bench/*.bench.mjs in turn. Each benchmark measures
// its baseline in the same run and prints ratios; numbers from a shared machine are for comparison, not gating.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Every bench appends its target lines here (tools/bench/stats.mjs `target`); they are repeated at the end.
const targetsDir = mkdtempSync(join(tmpdir(), 'rig-bench-'));
const targetsFile = join(targetsDir, 'targets.txt');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', BENCH_TARGETS_FILE: targetsFile };
const only = process.argv.slice(2);

const build = spawnSync(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '--outputStyle=static'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env,
});
if (build.status !== 0) process.exit(build.status ?? 1);

const benches = readdirSync(join(root, 'tools/bench'))
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const file of benches) {
  console.log(`\n## ${file}`);
  const run = spawnSync(process.execPath, ['--expose-gc', join(root, 'tools/bench', file)], { cwd: root, stdio: 'inherit', env });
  if (run.status !== 0) failed += 1;
}
let targets = '';
try {
  targets = readFileSync(targetsFile, 'utf8');
} catch {
  // no bench recorded a target
}
rmSync(targetsDir, { recursive: true, force: true });
if (targets) console.log(`\n## every target, with its baseline (same run)\n${targets.trimEnd()}`);
if (failed) console.log(`\n${failed} benchmark${failed === 1 ? '' : 's'} failed to run`);
process.exit(failed ? 1 : 0);
