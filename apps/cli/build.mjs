// Bundles the CLI with esbuild: one ESM entry (dist/rig.mjs) plus lazy chunks, one per command module, so
// `rig --version` loads only the entry. Workspace libs are bundled from source via the `@max/source` condition.
//
// The realtime layer (@max/rig-channels with phoenix, ws and the channel schemas in classic zod) is a second,
// separate bundle, dist/channels.mjs, that the SDK imports on demand through the package's `#rig-channels`
// import map. In one build with code splitting, esbuild would put the zod core that classic zod and zod/mini
// share into one chunk holding the union of both (~400 KB) and every REST command would load it; apart, a REST
// command loads only the ~30 KB of zod/mini it uses. `@max/api-spec` resolves to its core (no channel schemas)
// outside the realtime layer for the same reason (libs/api-spec/scripts/esbuild-core-plugin.mjs).
import { build } from 'esbuild';
import { apiSpecCorePlugin } from '../../libs/api-spec/scripts/esbuild-core-plugin.mjs';
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = join(here, 'dist');
rmSync(outdir, { recursive: true, force: true });

/** `@max/rig-channels` → the `#rig-channels` import of package.json, i.e. dist/channels.mjs at run time. */
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
  sourcemap: 'linked',
  legalComments: 'none',
  metafile: true,
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
  entryPoints: { rig: 'src/main.ts' },
  outdir,
  splitting: true,
  outExtension: { '.js': '.mjs' },
  chunkNames: 'chunks/[name]-[hash]',
  // Native module: it cannot be bundled and stays a runtime dependency (loaded lazily by the auth lib).
  external: ['@napi-rs/keyring', '@napi-rs/keyring/*'],
  plugins: [apiSpecCorePlugin, channelsAsSeparateBundle],
});

// The module graph, for the test that keeps `rig --version` from loading the SDK (test/e2e/startup.test.ts).
writeFileSync(join(outdir, 'meta.json'), JSON.stringify(result.metafile));
writeFileSync(join(outdir, 'channels-meta.json'), JSON.stringify(channels.metafile));

const outputs = [...Object.entries(result.metafile.outputs), ...Object.entries(channels.metafile.outputs)].filter(([file]) => file.endsWith('.mjs'));
const entry = outputs.find(([file]) => file.endsWith('dist/rig.mjs'));
const total = outputs.reduce((sum, [, info]) => sum + info.bytes, 0);
console.error(`built dist/rig.mjs (${Math.round((entry?.[1].bytes ?? 0) / 1024)} KB entry, ${outputs.length} files, ${Math.round(total / 1024)} KB total)`);
