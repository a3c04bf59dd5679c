import { readSync } from 'node:fs';
import type { IPty } from 'node-pty';

/** The internals of node-pty's UnixTerminal this module reaches into (node-pty 1.1.0, lib/unixTerminal.js). */
interface PtyInternals {
  _socket?: { destroy(error?: Error): unknown; read(): unknown };
  _fd?: number;
}

const MAX_DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * Makes sure no output is lost when a PTY's process exits. node-pty waits for the master's read stream to end
 * (EIO) before it reports the exit, but only for 200 ms: then it destroys the stream, and whatever the kernel still
 * held for a busy event loop (or a paused stream) is gone — observed as ~14 KB missing at the end of `seq 1 100000`
 * on a loaded machine. So the stream's `destroy` is wrapped: first the bytes Node already buffered are emitted (as
 * 'data', in order), then the master fd (non-blocking) is read synchronously until EIO (the terminal hung up and is
 * empty) or EAGAIN (nothing more right now), and only then is it destroyed.
 */
export function drainBeforeDestroy(pty: IPty, onBytes: (bytes: Buffer) => void): void {
  const internals = pty as unknown as PtyInternals;
  const socket = internals._socket;
  const fd = internals._fd;
  if (!socket || typeof fd !== 'number') return;
  const destroy = socket.destroy.bind(socket);
  socket.destroy = (error?: Error) => {
    try {
      // read() on a flowing stream emits 'data' for what it returns, so node-pty's onData listeners see it.
      while (socket.read() !== null);
      const buffer = Buffer.alloc(64 * 1024);
      for (let total = 0; total < MAX_DRAIN_BYTES; ) {
        const n = readSync(fd, buffer, 0, buffer.length, null);
        if (n <= 0) break;
        onBytes(Buffer.from(buffer.subarray(0, n)));
        total += n;
      }
    } catch {
      // EIO: hung up and drained; EAGAIN: drained for now; EBADF: closed already.
    }
    return destroy(error);
  };
}
