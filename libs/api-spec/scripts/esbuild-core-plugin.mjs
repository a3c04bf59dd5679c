// An esbuild plugin for the client bundles (rig's CLI, the SDK): `import … from '@max/api-spec'` resolves to
// src/core.ts — the spec without the zod schemas of channel payloads — everywhere except in the realtime layer
// (libs/channels and the spec's own channel modules), which keeps the full entry.
//
// Why a plugin and not tree shaking: esbuild places a module in a chunk by which entry points can reach its
// *file*, before unused exports are dropped. Through `export * from './channels/index.js'` every command could
// reach the channel schemas, so they (and with them all of classic zod, ~450 KB) landed in a chunk that every
// REST call loads. With this plugin only the chunk of the realtime layer (loaded on demand) holds them.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const specRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const coreEntry = join(specRoot, 'src/core.ts');

/** Importers that need the channel schemas and so keep the full `@max/api-spec`. */
const needsChannelSchemas = (importer) => importer.includes('/libs/channels/src/') || importer.includes('/libs/api-spec/src/');

export const apiSpecCorePlugin = {
  name: 'api-spec-core',
  setup(build) {
    build.onResolve({ filter: /^@max\/api-spec$/ }, (args) => {
      if (args.kind === 'entry-point' || needsChannelSchemas(args.importer)) return undefined;
      return { path: coreEntry };
    });
  },
};
