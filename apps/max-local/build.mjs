// Bundles max-local with esbuild: dist/cli.mjs (the bin's entry) and dist/index.mjs (the package's
// programmatic API). libsql and node-pty are native and stay external; everything else is inlined.
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));

await build({
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
  external: ['libsql', '@libsql/*', 'node-pty', 'pino-pretty'],
  define: { __MAX_LOCAL_VERSION__: JSON.stringify(version) },
  // CJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __maxCreateRequire } from 'node:module'; const require = __maxCreateRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
