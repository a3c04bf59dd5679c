// Bundles the Action into committed files under dist/ (GitHub runs Actions straight from the repository, with no
// install step): the entry dist/index.mjs plus lazy chunks, so a deploy never parses the GitHub REST client (only
// previews need it) and the realtime layer loads when a build is followed. ESM because @actions/core 3 is
// ESM-only; `.mjs` so no package.json is needed beside it.
// Workspace libs are bundled from source through the `@max/source` condition. The output is deterministic, so
// `node build.mjs --check` (and test/dist.test.ts) can tell when the committed bundle is stale.
//
//   node build.mjs           write dist/
//   node build.mjs --check   build in memory; exit 1 when dist/ differs
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
const check = process.argv.includes('--check');

const result = await build({
  absWorkingDir: here,
  entryPoints: { index: 'src/index.ts' },
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  conditions: ['@max/source'],
  // Some dependencies are CommonJS and call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __rigCreateRequire } from 'node:module'; const require = __rigCreateRequire(import.meta.url);" },
  minify: true,
  // The licences of what is bundled travel with it.
  legalComments: 'eof',
  write: false,
  outdir,
  metafile: true,
  logLevel: 'warning',
});
const built = new Map(result.outputFiles.map((file) => [relative(outdir, file.path), file.contents]));

/** Every file under dist/, by path relative to it. */
function committedFiles() {
  const files = new Map();
  const walk = (dir) => {
    let entries = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no dist/ yet: everything is stale
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(outdir, path), readFileSync(path));
    }
  };
  walk(outdir);
  return files;
}

const total = [...built.values()].reduce((sum, bytes) => sum + bytes.byteLength, 0);
const entryBytes = built.get('index.mjs')?.byteLength ?? 0;
if (check) {
  const committed = committedFiles();
  const stale = [...new Set([...built.keys(), ...committed.keys()])].filter((path) => {
    const a = built.get(path);
    const b = committed.get(path);
    return a === undefined || b === undefined || Buffer.compare(Buffer.from(a), b) !== 0;
  });
  if (stale.length > 0) {
    console.error(`apps/github-action/dist is stale (${stale.sort().join(', ')}): run \`node apps/github-action/build.mjs\` and commit dist/.`);
    process.exit(1);
  }
  console.log(`dist/ is up to date: ${built.size} files, ${total} bytes (entry ${entryBytes} bytes).`);
} else {
  rmSync(outdir, { recursive: true, force: true });
  for (const [path, bytes] of built) {
    mkdirSync(dirname(join(outdir, path)), { recursive: true });
    writeFileSync(join(outdir, path), bytes);
  }
  console.log(`wrote dist/: ${built.size} files, ${total} bytes (entry index.mjs ${entryBytes} bytes)`);
}
