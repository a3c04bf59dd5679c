import { defineConfig } from 'vitest/config';

/**
 * Shared Vitest settings for every project. Sources of workspace packages are
 * resolved through the `@max/source` export condition, so tests run against
 * TypeScript sources without a prior build.
 */
export const sharedConfig = defineConfig({
  resolve: { conditions: ['@max/source'] },
  ssr: { resolve: { conditions: ['@max/source'] } },
  test: {
    // 2 cores: keep parallelism modest so servers and child processes do not starve.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
  },
});
