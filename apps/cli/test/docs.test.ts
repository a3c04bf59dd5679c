import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commands } from '../src/commands/definitions.js';
import { commandPageName, generateDocs, isGeneratedDoc } from '../src/docs/generate-docs.js';
import { envVars } from '../src/env.js';
import { exitCodes } from '../src/errors/exit-codes.js';
import { globalOptions } from '../src/global-options.js';
import { commandSchemaFile } from '../src/json-contract/json-schemas.js';
import { outputContracts } from '../src/json-contract/outputs.js';

const docsDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'docs', 'cli');
const generated = generateDocs();

describe('docs/cli', () => {
  it.each([...generated.keys()])('%s matches what the definitions generate (run `npm run gen-docs -w @max/rig`)', (name) => {
    expect(readFileSync(join(docsDir, name), 'utf8')).toBe(generated.get(name));
  });

  it('has no stale generated pages or schemas', () => {
    const files = [...readdirSync(docsDir).filter((f) => f.endsWith('.md')), ...readdirSync(join(docsDir, 'json')).map((f) => `json/${f}`)];
    const onDisk = files.filter((f) => isGeneratedDoc(readFileSync(join(docsDir, f), 'utf8')));
    expect(onDisk.sort()).toEqual([...generated.keys()].sort());
  });

  it('every command has a JSON output contract and a published schema, and nothing else does', () => {
    expect(Object.keys(outputContracts).sort()).toEqual(commands.map((d) => d.name).sort());
    for (const def of commands) expect(generated.has(`json/${commandSchemaFile(def.name)}`), def.name).toBe(true);
    expect(generated.has('json/config-document.schema.json')).toBe(true);
  });

  it('documents every command, global flag, environment variable and exit code', () => {
    const readme = readFileSync(join(docsDir, 'README.md'), 'utf8');
    const exitPage = readFileSync(join(docsDir, 'exit-codes.md'), 'utf8');
    for (const def of commands) {
      expect(readme).toContain(`rig ${def.name}`);
      const page = readFileSync(join(docsDir, commandPageName(def)), 'utf8');
      for (const option of def.options) expect(page).toContain(`--${option.name}`);
      for (const example of def.examples) expect(page).toContain(`rig ${example.command}`);
    }
    for (const option of globalOptions) expect(readme).toContain(`--${option.name}`);
    for (const v of envVars) expect(readme).toContain(v.name);
    for (const c of exitCodes) expect(exitPage).toContain(`<a id="${c.slug}"></a>`);
    for (const code of [0, 1, 2, 3, 4, 5, 6, 7, 130]) expect(exitPage).toContain(`## ${code} — `);
  });
});
