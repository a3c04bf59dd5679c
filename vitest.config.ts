import { defineConfig } from 'vitest/config';

// One Vitest run over every project (each keeps its own vitest.config.ts).
export default defineConfig({
  test: {
    projects: ['libs/*/vitest.config.ts', 'apps/*/vitest.config.ts', 'tools/*/vitest.config.ts'],
  },
});
