// ESLint flat config. The module-boundary rules here are ARCHITECTURE.md §2 made executable:
// a violation fails `npm run lint` (and the lint-rules test proves it).
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/** Presentation packages that libraries must never import (ARCHITECTURE.md §2). */
const presentationPackages = [
  'cac',
  '@actions/*',
  'chalk',
  'picocolors',
  'kleur',
  'colorette',
  'ora',
  'cli-table3',
  'cli-progress',
  'ink',
  'enquirer',
  'prompts',
  'inquirer',
];

/**
 * The dependency direction of ARCHITECTURE.md §2, as Nx tag constraints. `testImports`: what test files may also
 * import where a project allows only named external packages.
 */
const depConstraints = (extra = [], testImports = []) => [
  { sourceTag: 'type:lib', onlyDependOnLibsWithTags: ['type:lib'], bannedExternalImports: presentationPackages },
  { sourceTag: 'scope:api-spec', onlyDependOnLibsWithTags: [...extra] },
  { sourceTag: 'scope:channels', onlyDependOnLibsWithTags: ['scope:api-spec', ...extra] },
  {
    sourceTag: 'scope:sdk',
    onlyDependOnLibsWithTags: ['scope:api-spec', 'scope:channels', ...extra],
    // The SDK takes a token or a token provider; it never reaches for the keychain.
    bannedExternalImports: ['@max/rig-auth', '@napi-rs/keyring', 'keytar'],
  },
  { sourceTag: 'scope:auth', onlyDependOnLibsWithTags: ['scope:api-spec', 'scope:sdk', ...extra] },
  // max-local is the server: it depends on the contract only, never on the client toolkit.
  { sourceTag: 'scope:max-local', onlyDependOnLibsWithTags: ['scope:api-spec'] },
  { sourceTag: 'scope:cli', onlyDependOnLibsWithTags: ['scope:api-spec', 'scope:channels', 'scope:sdk', 'scope:auth', ...extra] },
  {
    // The GitHub Action is thin: the SDK (and its ./node subpath), the Actions toolkit and Node's own modules —
    // never the CLI, the auth lib or the keychain (ARCHITECTURE.md §2).
    sourceTag: 'scope:action',
    onlyDependOnLibsWithTags: ['scope:sdk', ...extra],
    allowedExternalImports: ['@max/rig-sdk', '@max/rig-sdk/node', '@actions/*', 'node:*', ...testImports],
    bannedExternalImports: ['@max/rig-auth', '@napi-rs/keyring', 'keytar'],
  },
  { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:api-spec', 'scope:channels', 'scope:sdk', 'scope:auth', 'scope:max-local', ...extra] },
];

const testFiles = ['**/*.test.ts', '**/test/**/*.ts', '**/*.bench.ts', '**/bench/**/*.ts'];

export default [
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/.nx/**',
      '**/generated/**',
      '**/coverage/**',
      '**/test/fixtures/lint/**',
      'examples/**',
    ],
  },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: false },
    },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraints() },
      ],
      // Nothing imports the front-ends (ARCHITECTURE.md §2). They export no module, so Nx cannot map them to a
      // project; name them explicitly.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@max/rig', '@max/rig/*'], message: 'Nothing imports apps/cli: it is a front-end, not a library.' },
            { group: ['@max/rig-action', '@max/rig-action/*'], message: 'Nothing imports apps/github-action.' },
            { group: ['**/apps/*', '**/apps/*/**'], message: 'Import a workspace package by its name, never an app by path.' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Tests may start a platform (`@max/local`), a loopback OIDC issuer (`@max/oidc-issuer`) and the fault-injecting
    // proxy (`@max/fault-proxy`, ARCHITECTURE.md §8): there, and only there.
    files: testFiles,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: ['@max/local', '@max/oidc-issuer', '@max/fault-proxy'],
          depConstraints: depConstraints([], ['vitest', 'yaml', '@max/local', '@max/oidc-issuer', '@max/fault-proxy']),
        },
      ],
    },
  },
  {
    // Each project's Vitest config extends the workspace root's shared settings, which belong to no project.
    files: ['**/vitest.config.ts'],
    rules: { '@nx/enforce-module-boundaries': 'off' },
  },
];
