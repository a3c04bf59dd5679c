import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// ARCHITECTURE.md §2 is enforced by ESLint (`@nx/enforce-module-boundaries` in eslint.config.mjs).
// These cases lint source text as if it lived at the given path, through the real workspace config,
// so a weakened rule or a mis-tagged project makes this test fail.
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
let eslint: ESLint;

beforeAll(() => {
  // The rule reads Nx's cached project graph; without it the rule silently does nothing.
  const graph = spawnSync(resolve(root, 'node_modules/.bin/nx'), ['show', 'projects'], {
    cwd: root,
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
    encoding: 'utf8',
  });
  expect(graph.status, graph.stderr).toBe(0);
  eslint = new ESLint({ cwd: root });
}, 60_000);

/** Messages of the rules that guard the dependency direction. */
async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath: resolve(root, filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === '@nx/enforce-module-boundaries' || m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

const forbidden: Array<[string, string, string, RegExp]> = [
  ['a lib importing an app', 'libs/auth/src/probe.ts', "import { startMaxLocal } from '@max/local';", /type:lib/],
  ['a lib importing the CLI', 'libs/sdk/src/probe.ts', "import { main } from '@max/rig';", /.+/],
  ['a lib importing an app by relative path', 'libs/sdk/src/probe.ts', "import { x } from '../../../apps/max-local/src/index.js';", /app/],
  ['libs/sdk importing libs/auth', 'libs/sdk/src/probe.ts', "import { logout } from '@max/rig-auth';", /.+/],
  ['libs/sdk importing the keychain', 'libs/sdk/src/probe.ts', "import keyring from '@napi-rs/keyring';", /@napi-rs\/keyring/],
  ['a lib importing cac', 'libs/sdk/src/probe.ts', "import cac from 'cac';", /cac/],
  ['libs/auth importing cac', 'libs/auth/src/probe.ts', "import cac from 'cac';", /cac/],
  ['libs/api-spec importing a colour package', 'libs/api-spec/src/probe.ts', "import pc from 'picocolors';", /picocolors/],
  ['max-local importing the SDK', 'apps/max-local/src/probe.ts', "import { MaxClient } from '@max/rig-sdk';", /.+/],
  ['max-local importing the auth lib', 'apps/max-local/src/probe.ts', "import { logout } from '@max/rig-auth';", /.+/],
  ['the Action importing the CLI', 'apps/github-action/src/probe.ts', "import { main } from '@max/rig';", /apps\/cli/],
  ['the Action importing apps/cli by path', 'apps/github-action/src/probe.ts', "import { main } from '../../cli/src/main.js';", /.+/],
  ['the Action importing libs/auth', 'apps/github-action/src/probe.ts', "import { logout } from '@max/rig-auth';", /.+/],
  ['the Action importing libs/auth by path', 'apps/github-action/src/probe.ts', "import { logout } from '../../../libs/auth/src/index.js';", /.+/],
  ['the Action importing the keychain', 'apps/github-action/src/probe.ts', "import keyring from '@napi-rs/keyring';", /@napi-rs\/keyring/],
  ['the Action importing the channels lib directly', 'apps/github-action/src/probe.ts', "import { MaxSocket } from '@max/rig-channels';", /.+/],
  ['the Action importing another package', 'apps/github-action/src/probe.ts', "import cac from 'cac';", /cac/],
];

const allowed: Array<[string, string, string]> = [
  ['the CLI importing the SDK and auth', 'apps/cli/src/probe.ts', "import '@max/rig-sdk';\nimport '@max/rig-auth';"],
  ['the auth lib importing the SDK and the keychain', 'libs/auth/src/probe.ts', "import '@max/rig-sdk';\nimport '@napi-rs/keyring';"],
  ['a lib test starting max-local', 'libs/sdk/test/probe.test.ts', "import { startMaxLocal } from '@max/local';"],
  ['max-local importing the contract', 'apps/max-local/src/probe.ts', "import '@max/api-spec';"],
  [
    'the Action importing the SDK, its ./node subpath, @actions/* and node:',
    'apps/github-action/src/probe.ts',
    "import '@max/rig-sdk';\nimport '@max/rig-sdk/node';\nimport '@actions/core';\nimport '@actions/github';\nimport 'node:fs';",
  ],
  ['an Action test starting max-local', 'apps/github-action/test/probe.test.ts', "import { startMaxLocal } from '@max/local';\nimport { it } from 'vitest';"],
];

describe('module boundaries (ARCHITECTURE.md §2)', () => {
  it.each(forbidden)('%s fails lint', async (_title, file, source, pattern) => {
    const errors = await boundaryErrors(file, `${source}\nexport {};\n`);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.join('\n')).toMatch(pattern);
  });

  it.each(allowed)('%s passes lint', async (_title, file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
