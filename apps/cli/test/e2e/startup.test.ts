import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { binPath, ensureBuilt, Harness } from './harness.js';

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

/** The output chunk of a command module (e.g. `whoami` → dist/chunks/whoami-XXXX.mjs). */
function commandChunk(meta: Metafile, command: string): string {
  const chunk = Object.keys(meta.outputs).find((o) => new RegExp(`dist/chunks/${command}-[A-Z0-9]+\\.mjs$`).test(o));
  if (!chunk) throw new Error(`no chunk for ${command}`);
  return chunk;
}

describe('what an authenticated command loads', () => {
  it('a REST command loads neither classic zod, the channel schemas nor the realtime layer: those live in dist/channels.mjs', () => {
    const meta = JSON.parse(readFileSync(join(cliDir, 'dist', 'meta.json'), 'utf8')) as Metafile;
    for (const command of ['whoami', 'app-status', 'dashboard-status']) {
      const inputs = eagerInputs(meta, commandChunk(meta, command));
      expect(inputs.some((i) => i.includes('libs/sdk/src/core/http-core.ts'))).toBe(true);
      expect(inputs.filter((i) => /zod\/v4\/classic|zod\/v4\/locales\/(?!en)|api-spec\/src\/channels\/(?!topics)|libs\/channels\/|node_modules\/(phoenix|ws|ky)\//.test(i))).toEqual([]);
    }
    // The realtime layer is there, as its own bundle that the SDK imports on demand (`#rig-channels`).
    const channels = JSON.parse(readFileSync(join(cliDir, 'dist', 'channels-meta.json'), 'utf8')) as Metafile;
    const channelInputs = Object.values(channels.outputs).flatMap((o) => Object.keys(o.inputs));
    expect(channelInputs.some((i) => i.includes('node_modules/phoenix/'))).toBe(true);
    // …with classic zod's core but none of its other locales: `import { z } from 'zod'` kept all of them (443 KB of
    // the then 546 KB bundle, compiled by every realtime command); the namespace import lets esbuild drop them.
    expect(channelInputs.filter((i) => /zod\/v4\/locales\/(?!en)/.test(i))).toEqual([]);
    expect(readFileSync(join(cliDir, 'dist', 'channels.mjs')).length).toBeLessThan(300 * 1024);
    expect(existsSync(join(cliDir, 'dist', 'channels.mjs'))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')) as { imports: Record<string, string> };
    expect(pkg.imports['#rig-channels']).toBe('./dist/channels.mjs');
  });

  it('`rig whoami -o json` against max-local never loads undici (its requests go over node:http)', async () => {
    const harness = await Harness.start();
    const dir = mkdtempSync(join(tmpdir(), 'rig-startup-'));
    try {
      const preload = join(dir, 'report-builtins.cjs');
      const report = join(dir, 'builtins.txt');
      // Node lists every internal module it has loaded; undici is one of them once fetch/Headers/Request is used.
      writeFileSync(preload, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, process.moduleLoadList.join('\\n')));\n`);
      const token = await harness.apiToken();
      const result = await harness.rig(['whoami', '-o', 'json'], { configDir: harness.configDir(), env: { RIG_TOKEN: token, NODE_OPTIONS: `--require ${preload}` } });
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ user: { email: expect.any(String) } });
      const loaded = readFileSync(report, 'utf8').split('\n');
      expect(loaded.some((m) => m.includes('_http_client'))).toBe(true);
      expect(loaded.filter((m) => m.includes('undici'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await harness.close();
    }
  });
});
