// Bundles max-local with esbuild: dist/cli.mjs (the bin's entry) and dist/index.mjs (the package's
// programmatic API). What package.json lists in `dependencies` — the native modules libsql and node-pty — stays
// external and is installed with the package; everything else (Fastify, Ajv, ws, zod, jose, tar, @max/api-spec)
// is a devDependency inlined here (docs/adr/0013-published-packages.md). The .d.ts comes at pack time
// (scripts/build-types.mjs, `prepack`).
import { build } from 'esbuild';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { version, dependencies = {} } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

// `--if-stale` (tests that run the bin): build only when dist is missing or older than what goes into it. Test files
// run in parallel; an unconditional rebuild rewrote dist while another file's bin was starting from it.
if (process.argv.includes('--if-stale') && !isStale()) {
  console.error('dist is up to date');
  process.exit(0);
}
const external = [...Object.keys(dependencies).flatMap((name) => [name, `${name}/*`]), '@libsql/*', 'pino-pretty'];

const result = await build({
  absWorkingDir: here,
  entryPoints: { cli: 'src/cli.ts', index: 'src/index.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  conditions: ['@max/source'],
  // Native or optional modules that must be resolved at runtime from node_modules.
  external,
  define: { __MAX_LOCAL_VERSION__: JSON.stringify(version) },
  // CJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __maxCreateRequire } from 'node:module'; const require = __maxCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
});

// Chunk names carry content hashes, so every change leaves the previous chunks behind. Remove what this build
// did not write (after writing, not before: tests running meanwhile keep a complete dist), so neither the
// package nor the disk collects dead 3 MB chunks. dist/types (made at prepack) is not esbuild's and stays.
const written = new Set(Object.keys(result.metafile.outputs).map((file) => join(here, file)));
const chunksDir = join(here, 'dist', 'chunks');
for (const name of readdirSync(chunksDir)) {
  const file = join(chunksDir, name);
  if (!written.has(file)) rmSync(file, { force: true });
}
console.error(`built ${relative(here, join(here, 'dist'))}: ${written.size} files`);

/** Whether dist/cli.mjs or dist/index.mjs is missing or older than the sources, the bundled workspace lib or this script. */
function isStale() {
  const newest = (path) => {
    const info = statSync(path);
    if (!info.isDirectory()) return info.mtimeMs;
    return Math.max(0, ...readdirSync(path).map((name) => newest(join(path, name))));
  };
  let builtAt;
  try {
    builtAt = Math.min(statSync(join(here, 'dist', 'cli.mjs')).mtimeMs, statSync(join(here, 'dist', 'index.mjs')).mtimeMs);
  } catch {
    return true;
  }
  const inputs = ['src', '../../libs/api-spec/src', 'build.mjs', 'package.json'].map((path) => newest(join(here, path)));
  return builtAt < Math.max(...inputs);
}

