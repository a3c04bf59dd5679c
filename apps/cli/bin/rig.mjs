#!/usr/bin/env node
// The only place rig touches the real process: build the I/O, run main(), set the exit code.
import { main } from '../dist/rig.mjs';

const controller = new AbortController();
let interrupted = false;
process.on('SIGINT', () => {
  // First Ctrl-C: let the command stop cleanly (main returns 130). Second: leave at once.
  if (interrupted) process.exit(130);
  interrupted = true;
  controller.abort();
});

const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  isStdoutTTY: process.stdout.isTTY === true,
  isStderrTTY: process.stderr.isTTY === true,
  isStdinTTY: process.stdin.isTTY === true,
  cwd: process.cwd(),
  columns: process.stdout.isTTY ? process.stdout.columns : undefined,
  signal: controller.signal,
});
process.exitCode = code;
// After Ctrl-C, timers or sockets of the aborted work must not keep the process alive.
if (interrupted) process.exit(code);
