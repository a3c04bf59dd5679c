#!/usr/bin/env node
// Assembles the publishable max/rig-action tree — what `uses: max/rig-action@v1` checks out: action.yml, the
// committed bundle dist/, README.md with workflow examples, LICENSE. Nothing else: the bundle needs no
// node_modules. Refuses when dist/ is stale (apps/github-action/build.mjs --check), unless --no-check.
//
//   node tools/scripts/assemble-action.mjs --out <dir> [--no-check]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const actionDir = join(root, 'apps', 'github-action');
const args = process.argv.slice(2);
const outIndex = args.indexOf('--out');
const out = outIndex === -1 ? undefined : args[outIndex + 1];
if (out === undefined || out === '') {
  console.error('usage: node tools/scripts/assemble-action.mjs --out <dir> [--no-check]');
  process.exit(2);
}
const target = resolve(out);
if (target === root || target.startsWith(`${actionDir}`)) {
  console.error(`Refusing to assemble into ${target}: choose a directory outside the Action's sources.`);
  process.exit(2);
}

if (!args.includes('--no-check')) {
  const check = spawnSync(process.execPath, [join(actionDir, 'build.mjs'), '--check'], { cwd: actionDir, encoding: 'utf8' });
  if (check.status !== 0) {
    process.stderr.write(check.stderr || check.stdout);
    process.exit(1);
  }
}

const files = ['action.yml', 'README.md', 'LICENSE'];
for (const file of files) {
  if (!existsSync(join(actionDir, file))) {
    console.error(`apps/github-action/${file} is missing.`);
    process.exit(1);
  }
}
if (existsSync(target) && readdirSync(target).length > 0) rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
for (const file of files) cpSync(join(actionDir, file), join(target, file));
cpSync(join(actionDir, 'dist'), join(target, 'dist'), { recursive: true });
console.log(`Assembled max/rig-action in ${target}: ${[...files, 'dist/'].join(', ')}.`);
