// Bundles the Action into committed files under dist/ (GitHub runs Actions straight from the repository, with no
// install step): the entry dist/index.mjs plus chunks loaded on demand — the GitHub REST client only for previews,
// undici only when an OIDC ID token is requested, the realtime layer (dist/channels.mjs) when a build is followed —
// so a run starts by loading ~150 KB. ESM because @actions/core 3 is ESM-only; dist/package.json says so and maps
// `#rig-channels`.
// Workspace libs are bundled from source through the `@max/source` condition. The output is deterministic, so
// `node build.mjs --check` (and test/dist.test.ts) can tell when the committed bundle is stale.
//
//   node build.mjs           write dist/
//   node build.mjs --check   build in memory; exit 1 when dist/ differs
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiSpecCorePlugin } from '../../libs/api-spec/scripts/esbuild-core-plugin.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
const check = process.argv.includes('--check');

/**
 * @actions/core imports @actions/http-client (and with it undici) only for its OIDC client: give it a stand-in
 * that loads the real client on first use (build/lazy-http-client.mjs), so a run with a token never loads undici.
 */
const lazyHttpClientForCore = {
  name: 'lazy-http-client-for-core',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@actions\/http-client$/ }, (args) =>
      /[\\/]@actions[\\/]core[\\/]/.test(args.importer) ? { path: join(here, 'build', 'lazy-http-client.mjs') } : undefined,
    );
  },
};

/**
 * `@max/rig-channels` (the realtime layer: phoenix, ws, classic zod) → `#rig-channels`, which dist/package.json maps
 * to dist/channels.mjs, a separate bundle. In one split build esbuild would put the zod core that classic zod and
 * zod/mini share into one chunk with the union of both (~400 KB) that every run would load (rig's build does the same).
 */
const channelsAsSeparateBundle = {
  name: 'channels-as-separate-bundle',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@max\/rig-channels$/ }, () => ({ path: '#rig-channels', external: true }));
  },
};

const shared = {
  absWorkingDir: here,
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
  logLevel: 'warning',
};

const channels = await build({
  ...shared,
  entryPoints: { channels: '../../libs/channels/src/index.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
});

const result = await build({
  ...shared,
  entryPoints: { index: 'src/index.ts' },
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  outdir,
  // The channel schemas (and classic zod) only in the realtime bundle, as in rig's; undici only when needed.
  plugins: [lazyHttpClientForCore, apiSpecCorePlugin, channelsAsSeparateBundle],
});
const built = new Map([...channels.outputFiles, ...result.outputFiles].map((file) => [relative(outdir, file.path), file.contents]));
// Node resolves `#rig-channels` through the nearest package.json: this one, beside the bundle.
built.set('package.json', new TextEncoder().encode(`${JSON.stringify({ type: 'module', imports: { '#rig-channels': './channels.mjs' } }, null, 2)}\n`));

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
