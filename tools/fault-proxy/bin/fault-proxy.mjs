#!/usr/bin/env node
// The tool runs from its TypeScript sources (it is a workspace tool, never published): tsx compiles on load.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
