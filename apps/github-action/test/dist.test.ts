import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { actionDir } from './action-runner.js';

// GitHub runs the Action from the repository, so dist/ is committed. It must be exactly what build.mjs makes
// from today's sources, and action.yml must point at it.

describe('the committed bundle', () => {
  it('is what build.mjs makes from the sources (rebuild with `node apps/github-action/build.mjs` when this fails)', () => {
    const check = spawnSync(process.execPath, [join(actionDir, 'build.mjs'), '--check'], { cwd: actionDir, encoding: 'utf8' });
    expect(check.status, `${check.stderr}${check.stdout}`).toBe(0);
    expect(check.stdout).toMatch(/dist\/ is up to date: \d+ files, \d+ bytes/);
  }, 120_000);

  it('action.yml runs dist/index.mjs on node24 and declares every input and output the code reads', async () => {
    const manifest = parse(readFileSync(join(actionDir, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      branding: { icon: string; color: string };
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.mjs' });
    expect(manifest.branding.icon).not.toBe('');
    const { Inputs, Outputs } = await import('../src/inputs.js');
    expect(Object.keys(manifest.inputs).sort()).toEqual(Object.values(Inputs).sort());
    expect(Object.keys(manifest.outputs).sort()).toEqual(Object.values(Outputs).sort());
  });
});
