import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceRoot = join(packageRoot, '../..');

describe('redocly lint (recommended ruleset)', () => {
  it('passes with no errors and no warnings', () => {
    const result = spawnSync(
      join(workspaceRoot, 'node_modules/.bin/redocly'),
      ['lint', '--config', 'redocly.yaml', '--format', 'stylish', 'openapi/openapi.yaml'],
      {
        cwd: packageRoot,
        encoding: 'utf8',
        timeout: 90_000,
        // Never phone home from a test run.
        env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
      },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toContain('Your API description is valid');
    // The summary line Redocly prints when any rule produced a warning (warnings do not change the exit code).
    expect(output).not.toMatch(/You have \d+ warnings?/);
  });
});
