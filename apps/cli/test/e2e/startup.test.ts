import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt } from './harness.js';

interface Metafile {
  outputs: Record<string, { imports: { path: string; kind: string }[]; inputs: Record<string, unknown> }>;
}

const cliDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

beforeAll(() => ensureBuilt());

/** Source files that load when the entry loads: its inputs and those of chunks it imports statically. */
function eagerInputs(meta: Metafile, output: string, seen = new Set<string>()): string[] {
  if (seen.has(output)) return [];
  seen.add(output);
  const info = meta.outputs[output];
  if (!info) throw new Error(`no output ${output} in the metafile`);
  return [
    ...Object.keys(info.inputs),
    ...info.imports.filter((i) => i.kind === 'import-statement' && i.path.startsWith('dist/')).flatMap((i) => eagerInputs(meta, i.path, seen)),
  ];
}

describe('the built rig', () => {
  it('loads neither the SDK, the auth lib, zod nor ky at startup (commands are lazy chunks)', () => {
    const meta = JSON.parse(readFileSync(join(cliDir, 'dist', 'meta.json'), 'utf8')) as Metafile;
    const entry = Object.keys(meta.outputs).find((o) => o.endsWith('dist/rig.mjs'));
    expect(entry).toBeDefined();
    const inputs = eagerInputs(meta, entry ?? '');
    expect(inputs.some((i) => i.includes('src/main.ts'))).toBe(true);
    expect(inputs.filter((i) => /libs\/(sdk|auth)\/|node_modules\/(zod|ky)\//.test(i))).toEqual([]);
    // …while the command chunks do contain them (the check above is not vacuous).
    const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all.some((i) => i.includes('libs/sdk/'))).toBe(true);
  });

  it('keeps @napi-rs/keyring external (a native module stays a runtime dependency)', () => {
    const pkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    expect(pkg.dependencies['@napi-rs/keyring']).toBeDefined();
    const meta = JSON.parse(readFileSync(join(cliDir, 'dist', 'meta.json'), 'utf8')) as Metafile;
    const all = Object.values(meta.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(all.filter((i) => i.includes('@napi-rs/keyring'))).toEqual([]);
  });

  it('`node bin/rig.mjs --version` prints the version and exits 0', () => {
    const result = spawnSync(process.execPath, [binPath, '--version'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' } });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^rig \d+\.\d+\.\d+\n$/);
    expect(result.stderr).toBe('');
  });
});
