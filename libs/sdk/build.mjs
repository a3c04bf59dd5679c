// Builds the publishable package: dist/index.js (esbuild) and a self-contained dist/index.d.ts
// (dts-bundle-generator). @max/api-spec and @max/rig-channels are build-time inputs only (workspace packages that
// are not published on their own): their code is bundled into the JS and their types are inlined into the .d.ts,
// so consumers install just @max/rig-sdk with its real dependencies (zod, ignore, and phoenix + ws for the
// realtime streams), kept external.
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const external = Object.keys(pkg.dependencies ?? {}).flatMap((name) => [name, `${name}/*`]);

rmSync(join(root, 'dist'), { recursive: true, force: true });

/**
 * @max/api-spec's modules only declare constants and zod schemas, but esbuild must assume that calling
 * `z.object(…)` at module level has side effects, so it would keep every channel schema (and the whole of
 * `zod`) even though the SDK uses two constants. Declaring the spec's modules side-effect free lets the
 * unused ones drop out of the bundle.
 */
const apiSpecIsPure = {
  name: 'api-spec-is-pure',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData?.resolving) return undefined;
      const fromSpec = args.path === '@max/api-spec' || args.importer.includes('/libs/api-spec/src/');
      if (!fromSpec || args.kind === 'entry-point') return undefined;
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: { resolving: true },
      });
      if (resolved.errors.length > 0) return { errors: resolved.errors };
      if (resolved.external || !resolved.path.includes('/libs/api-spec/src/')) return undefined;
      return { path: resolved.path, namespace: resolved.namespace, sideEffects: false };
    });
  },
};

await build({
  absWorkingDir: root,
  // The main entry uses web globals only (fetch, AbortSignal, crypto.randomUUID); `./node` (bundling and packing
  // source trees) uses the file system. One build with code splitting, so both entries share one copy of the
  // error classes and `instanceof MaxError` holds across them. The realtime layer (@max/rig-channels, phoenix, ws)
  // is imported dynamically, so it lands in its own chunk and REST-only programs never load it.
  // `./node/http` is the `node:http` transport alone, for programs that want it without the deploy bundler.
  entryPoints: { index: 'src/index.ts', 'node/index': 'src/node/index.ts', 'node/http': 'src/node/node-http-transport.ts' },
  outdir: 'dist',
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  format: 'esm',
  platform: 'node',
  mainFields: ['module', 'main'],
  conditions: ['@max/source', 'import', 'default'],
  target: 'es2022',
  external,
  sourcemap: true,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [apiSpecIsPure],
});

// `--disable-symlinks-following`: the workspace links node_modules/@max/api-spec to libs/api-spec; following
// the link would make the generator treat the spec's sources as outside the inlined package.
const dtsBundle = (entry, outFile) =>
  execFileSync(
    process.execPath,
    [
      join(root, '../../node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js'),
      '--silent',
      // The consumer-types test compiles the bundle as an installed package would; no need to check it twice.
      '--no-check',
      '--project',
      'tsconfig.lib.json',
      '--disable-symlinks-following',
      '--external-inlines',
      '@max/api-spec',
      '@max/rig-channels',
      '--export-referenced-types',
      'false',
      '-o',
      outFile,
      entry,
    ],
    { cwd: root, stdio: 'inherit' },
  );
dtsBundle('src/index.ts', 'dist/index.d.ts');
dtsBundle('src/node/index.ts', 'dist/node/index.d.ts');
dtsBundle('src/node/node-http-transport.ts', 'dist/node/http.d.ts');
