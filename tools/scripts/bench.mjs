#!/usr/bin/env node
// `npm run bench`: builds the bundles, then runs every tools/bench/*.bench.mjs in turn. Each benchmark measures
// its baseline in the same run and prints ratios; numbers from a shared machine are for comparison, not gating.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
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
process.exit(failed ? 1 : 0);
