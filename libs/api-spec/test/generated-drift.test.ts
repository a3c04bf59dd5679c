import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const script = join(packageRoot, 'scripts/generate.mjs');
const REGENERATE = 'npm run generate -w @max/api-spec';

function runCheck(root: string) {
  return spawnSync(process.execPath, [script, '--check', '--root', root], { encoding: 'utf8', timeout: 60_000 });
}

describe('generated files', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    await Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('match openapi/openapi.yaml byte for byte', () => {
    const result = runCheck(packageRoot);
    expect(
      result.status,
      `Generated files drifted from openapi/openapi.yaml. Run \`${REGENERATE}\`.\n${result.stderr}`,
    ).toBe(0);
  });

  it('carry the DO NOT EDIT header', async () => {
    for (const file of ['src/generated/openapi.ts', 'src/generated/openapi-document.ts']) {
      const text = await readFile(join(packageRoot, file), 'utf8');
      expect(text.startsWith('// DO NOT EDIT — generated from openapi/openapi.yaml by scripts/generate.mjs\n')).toBe(true);
    }
  });

  it('the check fails, naming the command to run, when the YAML changes', async () => {
    const root = await mkdtemp(join(tmpdir(), 'api-spec-drift-'));
    scratch.push(root);
    await cp(join(packageRoot, 'openapi'), join(root, 'openapi'), { recursive: true });
    await cp(join(packageRoot, 'src/generated'), join(root, 'src/generated'), { recursive: true });
    expect(runCheck(root).status).toBe(0);

    const yamlPath = join(root, 'openapi/openapi.yaml');
    const yaml = await readFile(yamlPath, 'utf8');
    await writeFile(yamlPath, yaml.replace('summary: Get a network\n', 'summary: Get one network\n'));
    const result = runCheck(root);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(REGENERATE);
    expect(result.stderr).toContain('src/generated/openapi.ts');
    expect(result.stderr).toContain('openapi/openapi.json');
  });
});
