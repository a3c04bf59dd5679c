#!/usr/bin/env node
// Generates everything under openapi/openapi.json and src/generated/ from openapi/openapi.yaml, the single
// source of truth of the Max API. `--check` regenerates in memory and exits 1 when the committed files drift.
//
//   node scripts/generate.mjs            write the generated files
//   node scripts/generate.mjs --check    compare only (used by `npm run check` and the drift test)
//   --root <dir>                         operate on another copy of the package (used by tests)
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import openapiTS, { astToString } from 'openapi-typescript';

const HEADER = '// DO NOT EDIT — generated from openapi/openapi.yaml by scripts/generate.mjs';
const REGENERATE_COMMAND = 'npm run generate -w @max/api-spec';

const README = `# Generated code — DO NOT EDIT

Every file in this folder is generated from \`openapi/openapi.yaml\` by \`scripts/generate.mjs\`.
Edit the YAML, then run:

    ${REGENERATE_COMMAND}

\`npm run check -w @max/api-spec\` (and the drift test) fail when these files do not match the YAML.

- \`openapi.ts\` — TypeScript types from openapi-typescript: \`paths\`, \`components\`, \`operations\`.
- \`openapi-document.ts\` — the OpenAPI document as a value, so bundled code needs no filesystem access.
`;

/** Builds every generated file in memory: a map from path (relative to the package root) to contents. */
export async function generate(root) {
  const yamlText = await readFile(join(root, 'openapi/openapi.yaml'), 'utf8');
  // `uniqueKeys` rejects duplicate mapping keys, which YAML otherwise resolves silently (last one wins).
  const document = parse(yamlText, { uniqueKeys: true });

  const json = `${JSON.stringify(document, null, 2)}\n`;

  // openapi-typescript mutates nothing we keep, but give it its own copy to be safe.
  const ast = await openapiTS(structuredClone(document), {
    silent: true,
    // `type: object` without properties (free-form `details`) becomes Record<string, unknown>, not Record<string, never>.
    emptyObjectsUnknown: true,
  });
  const types = `${HEADER}\n\n${astToString(ast)}`;

  const documentModule = [
    HEADER,
    '',
    "import type { OpenApiDocument } from '../openapi-document-type.js';",
    '',
    '/** The Max API v1 OpenAPI document (openapi/openapi.yaml) as a value. */',
    `export const openapiDocument: OpenApiDocument = ${JSON.stringify(document, null, 2)};`,
    '',
  ].join('\n');

  return new Map([
    ['openapi/openapi.json', json],
    ['src/generated/openapi.ts', types],
    ['src/generated/openapi-document.ts', documentModule],
    ['src/generated/README.md', README],
  ]);
}

async function readOrNull(path) {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (error && error.code === 'ENOENT') return null;
    throw error;
  }
}

async function main(argv) {
  const check = argv.includes('--check');
  const rootIndex = argv.indexOf('--root');
  const root =
    rootIndex >= 0 && argv[rootIndex + 1] !== undefined
      ? resolve(argv[rootIndex + 1])
      : resolve(dirname(fileURLToPath(import.meta.url)), '..');

  const files = await generate(root);

  if (check) {
    const drifted = [];
    for (const [path, contents] of files) {
      if ((await readOrNull(join(root, path))) !== contents) drifted.push(path);
    }
    if (drifted.length > 0) {
      process.stderr.write(
        `Generated files are out of date with openapi/openapi.yaml:\n` +
          drifted.map((p) => `  ${p}\n`).join('') +
          `Run \`${REGENERATE_COMMAND}\` and commit the result.\n`,
      );
      return 1;
    }
    process.stdout.write(`Generated files are up to date (${files.size} files).\n`);
    return 0;
  }

  for (const [path, contents] of files) {
    const target = join(root, path);
    await mkdir(dirname(target), { recursive: true });
    if ((await readOrNull(target)) !== contents) {
      await writeFile(target, contents);
      process.stdout.write(`wrote ${relative(process.cwd(), target)}\n`);
    }
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
