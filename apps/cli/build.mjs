// Bundles the CLI with esbuild: one ESM entry (dist/rig.mjs) plus lazy chunks, one per command module, so
// `rig --version` loads only the entry. Workspace libs are bundled from source via the `@max/source` condition.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
rmSync(outdir, { recursive: true, force: true });

const result = await build({
  absWorkingDir: here,
  entryPoints: { rig: 'src/main.ts' },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  conditions: ['@max/source'],
  // Native module: it cannot be bundled and stays a runtime dependency (loaded lazily by the auth lib).
  external: ['@napi-rs/keyring', '@napi-rs/keyring/*'],
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __rigCreateRequire } from 'node:module'; const require = __rigCreateRequire(import.meta.url);" },
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// The module graph, for the test that keeps `rig --version` from loading the SDK (test/e2e/startup.test.ts).
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.mjs'));
const entry = outputs.find(([file]) => file.endsWith('dist/rig.mjs'));
const total = outputs.reduce((sum, [, info]) => sum + info.bytes, 0);
console.error(`built dist/rig.mjs (${Math.round((entry?.[1].bytes ?? 0) / 1024)} KB entry, ${outputs.length} files, ${Math.round(total / 1024)} KB total)`);
