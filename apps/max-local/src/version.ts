import { createRequire } from 'node:module';

/**
 * The package version. Read from package.json at runtime; in the esbuild bundle `__MAX_LOCAL_VERSION__`
 * is defined at build time so `--version` does not depend on the file layout.
 */
declare const __MAX_LOCAL_VERSION__: string | undefined;

function readVersion(): string {
  if (typeof __MAX_LOCAL_VERSION__ === 'string') return __MAX_LOCAL_VERSION__;
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

export const VERSION = readVersion();
