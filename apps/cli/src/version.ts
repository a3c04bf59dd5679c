import pkg from '../package.json' with { type: 'json' };

/** The rig version (from package.json; esbuild inlines it into the bundle). */
export const version: string = pkg.version;
