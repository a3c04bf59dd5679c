// `prepack`: the package's types, dist/types/index.d.ts, as one self-contained file. @max/api-spec is not
// published, so its types are inlined (dts-bundle-generator), like the SDK's. Not part of `build`: it takes a
// TypeScript program over all of max-local and Fastify (~20 s of CPU), which only a published package needs.
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
mkdirSync(join(root, 'dist/types'), { recursive: true });
execFileSync(
  process.execPath,
  [
    join(root, '../../node_modules/dts-bundle-generator/dist/bin/dts-bundle-generator.js'),
    '--silent',
    // The pack-and-install test type-checks a consumer against this file; no need to check it twice.
    '--no-check',
    '--project',
    'tsconfig.json',
    // The workspace links node_modules/@max/api-spec to libs/api-spec; following the link would make the
    // generator treat the spec's sources as outside the inlined package.
    '--disable-symlinks-following',
    '--external-inlines',
    '@max/api-spec',
    '--export-referenced-types',
    'false',
    '-o',
    'dist/types/index.d.ts',
    'src/index.ts',
  ],
  { cwd: root, stdio: 'inherit' },
);
