import { writeSync } from 'node:fs';
import type { IPty } from 'node-pty';

/** The internals of node-pty's UnixTerminal this module reaches into (node-pty 1.1.0, lib/unixTerminal.js). */
interface PtyInternals {
  _fd?: number;
  _writeStream?: { _writeQueue?: unknown[] };
}

/**
 * Keystrokes into a PTY without a thread hop. node-pty's `write` goes through `fs.write`, that is libuv's thread
 * pool: every keystroke woke a pool thread to make one write(2) and then the event loop again for its callback —
 * one more context switch on the echo's critical path than sshd has, and on a 2-core machine under load the
 * wake-up of that thread was where keystrokes waited milliseconds. The master fd is non-blocking, so the bytes are
 * written here at once; only what the kernel does not take now (EAGAIN, a partial write: a big paste into a busy
 * program) goes to node-pty's queue, which retries — and while that queue holds anything, later bytes queue behind
 * it, so the order is kept. Errors other than EAGAIN mean the terminal is gone (EIO, EBADF): the input is dropped,
 * the session is ending.
 */
export function createPtyInput(pty: IPty): (bytes: Buffer) => void {
  const internals = pty as unknown as PtyInternals;
  const fd = internals._fd;
  if (typeof fd !== 'number' || !Array.isArray(internals._writeStream?._writeQueue)) {
    return (bytes) => pty.write(bytes as unknown as string);
  }
  return (bytes) => {
    let rest = bytes;
    if ((internals._writeStream?._writeQueue?.length ?? 0) === 0) {
      try {
        rest = rest.subarray(writeSync(fd, rest));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') return;
      }
      if (rest.length === 0) return;
    }
    pty.write(rest as unknown as string);
  };
}
