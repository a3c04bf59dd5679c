#!/usr/bin/env node
// The only place rig touches the real process: build the I/O, run main(), set the exit code.
import { readFileSync, writeSync } from 'node:fs';

// `rig --version` alone (and no RIG_OUTPUT that would ask for JSON) is answered before any module of rig loads,
// and without creating process.stdout: it is what scripts and installers run most, and loading the CLI's entry
// (9 modules) and the stdout stream cost about half of Node's own start again. The answer is main()'s, byte for
// byte (apps/cli/test/e2e checks both roads agree).
if (process.argv.length === 3 && process.argv[2] === '--version' && !process.env.RIG_OUTPUT) {
  const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  try {
    writeSync(1, `rig ${version}\n`);
  } catch (error) {
    // A closed stdout (`rig --version | true`) ends rig quietly, as on every other command.
    if (error?.code !== 'EPIPE') throw error;
  }
  process.exit(0);
}

const { main } = await import('../dist/rig.mjs');

// A reader that went away (`rig logs app … --follow | head -2`, `rig … -o json | head -c 300`) has all it wanted:
// that ends the job, quietly and successfully, whatever the command was doing. (Node ignores SIGPIPE, so a closed
// pipe arrives as an EPIPE 'error' on the stream, which would otherwise crash with a stack.) Any other error on our
// own output streams is real and keeps Node's default: a crash that shows it.
// A command that must clean up first (`rig command` ends its remote process) handles the closed pipe itself.
let closedOutputTrapped = 0;
const endOnClosedOutput = (error) => {
  if (error && (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED')) {
    if (closedOutputTrapped > 0) return;
    process.exit(0);
  }
  throw error;
};
process.stdout.on('error', endOnClosedOutput);
process.stderr.on('error', endOnClosedOutput);

const controller = new AbortController();
let interrupted = false;
// A command that relays Ctrl-C itself (`rig command` sends it to the remote process) traps it.
let interruptTrap;
process.on('SIGINT', () => {
  if (interruptTrap) return interruptTrap();
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
  process: {
    stdout: process.stdout,
    stderr: process.stderr,
    ...(process.stdin.isTTY ? { setRawMode: (on) => process.stdin.setRawMode(on) } : {}),
    terminalSize: () => {
      const tty = process.stdout.isTTY ? process.stdout : process.stderr.isTTY ? process.stderr : undefined;
      return tty ? { cols: tty.columns, rows: tty.rows } : undefined;
    },
    onResize: (listener) => {
      process.on('SIGWINCH', listener);
      return () => process.off('SIGWINCH', listener);
    },
    trapClosedOutput: () => {
      closedOutputTrapped += 1;
      let released = false;
      return () => {
        if (!released) closedOutputTrapped -= 1;
        released = true;
      };
    },
    trapInterrupt: (listener) => {
      interruptTrap = listener;
      return () => {
        if (interruptTrap === listener) interruptTrap = undefined;
      };
    },
  },
});
process.exitCode = code;
// The command is done: leave as soon as our output is flushed. Otherwise Node's fetch keeps its idle keep-alive
// socket open for ~50 ms more (a third of a typical command), and after Ctrl-C, timers or sockets of the aborted
// work could keep the process alive.
// A stream that failed (EPIPE) is destroyed and will never drain.
const flushed = (stream) => new Promise((resolve) => (stream.writableNeedDrain && !stream.destroyed ? stream.once('drain', resolve) : resolve()));
await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
process.exit(code);
