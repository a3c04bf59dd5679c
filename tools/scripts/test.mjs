#!/usr/bin/env node
// `npm test`: the one test command. Lint, typecheck, build (e2e tests spawn the built binaries),
// then every Vitest project in one run. Prints a plain "N passed, N failed" line at the end.
import { spawnSync } from 'node:child_process';
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: process.env.FORCE_COLOR ?? '0' };
const bin = (name) => join('node_modules', '.bin', name);
const extra = process.argv.slice(2);

function step(title, cmd, args) {
  process.stderr.write(`\n▶ ${title}\n`);
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: 'inherit', env });
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    process.stderr.write(`✖ ${title} failed (exit ${result.status ?? result.signal}) after ${secs}s\n`);
    process.exit(result.status ?? 1);
  }
  process.stderr.write(`✔ ${title} (${secs}s)\n`);
}

if (!process.env.RIG_TEST_SKIP_CHECKS) {
  step('lint', 'npm', ['run', '--silent', 'lint']);
  step('typecheck', bin('nx'), ['run-many', '-t', 'typecheck', '--outputStyle=static']);
  step('build', bin('nx'), ['run-many', '-t', 'build', '--outputStyle=static']);
}

const reportDir = mkdtempSync(join(tmpdir(), 'rig-test-'));
const report = join(reportDir, 'vitest.json');
process.stderr.write('\n▶ tests\n');
const run = spawnSync(
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra],
  { stdio: 'inherit', env },
);
let summary = null;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  summary = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
} catch {
  // No report: vitest itself failed before writing one; its exit code says so.
}
if (summary) {
  console.log(`\n${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
  if (summary.passed === 0) {
    console.error('No test ran.');
    process.exit(1);
  }
}
process.exit(run.status ?? 1);
