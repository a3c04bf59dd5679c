#!/usr/bin/env node
// Writes docs/cli/ (pages, and the JSON Schemas under docs/cli/json/) from the CLI's definitions
// (apps/cli/src/docs/generate-docs.ts). `--check` only compares and exits 1 when the docs are out of date (the
// same check runs as a test).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

// Workspace libs must be read from their sources (the `@max/source` condition), as the tests read them: without
// it, a stale `dist/` of @max/api-spec would be published as the config document's schema.
if (!process.execArgv.includes('--conditions=@max/source')) {
  const rerun = spawnSync(process.execPath, ['--conditions=@max/source', fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(rerun.status ?? 1);
}

const here = dirname(fileURLToPath(import.meta.url));
const docsDir = join(here, '..', '..', '..', 'docs', 'cli');
const { generateDocs, isGeneratedDoc } = await tsImport('../src/docs/generate-docs.ts', import.meta.url);
const files = generateDocs();
const check = process.argv.includes('--check');

mkdirSync(join(docsDir, 'json'), { recursive: true });
const existing = new Set([
  ...readdirSync(docsDir).filter((f) => f.endsWith('.md')),
  ...(existsSync(join(docsDir, 'json')) ? readdirSync(join(docsDir, 'json')).map((f) => `json/${f}`) : []),
]);
const stale = [];
for (const [name, content] of files) {
  const current = existing.has(name) ? readFileSync(join(docsDir, name), 'utf8') : undefined;
  if (current !== content) stale.push(name);
  if (!check && current !== content) writeFileSync(join(docsDir, name), content);
  existing.delete(name);
}
// Files of commands that no longer exist (only generated ones, recognised by their marker).
for (const name of existing) {
  if (!isGeneratedDoc(readFileSync(join(docsDir, name), 'utf8'))) continue;
  stale.push(name);
  if (!check) rmSync(join(docsDir, name));
}
if (check && stale.length > 0) {
  console.error(`docs/cli is out of date (${stale.join(', ')}); run: npm run gen-docs -w @max/rig`);
  process.exit(1);
}
console.error(check ? 'docs/cli is up to date.' : stale.length > 0 ? `updated ${stale.join(', ')}` : 'docs/cli already up to date.');
