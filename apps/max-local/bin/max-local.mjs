#!/usr/bin/env node
// The only place that exits the process: the CLI returns an exit code.
import { run } from '../dist/cli.mjs';

run().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`max-local: unexpected error: ${error?.stack ?? error}\n`);
    process.exit(1);
  },
);
