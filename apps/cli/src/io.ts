import type { Env } from './env.js';

/** Something text can be written to (a process stream, or a buffer in tests). */
export interface TextSink {
  write(chunk: string): unknown;
}

/**
 * Everything rig touches of its process, injected (gh's `IOStreams`): tests pass buffers and flags instead of
 * patching globals, and only `bin/rig.mjs` knows about `process`.
 */
export interface Io {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: Env;
  readonly isStdoutTTY: boolean;
  readonly isStderrTTY: boolean;
  readonly isStdinTTY: boolean;
  readonly cwd: string;
  /** Terminal width when stdout is a terminal. */
  readonly columns: number | undefined;
  /** Aborted on Ctrl-C; commands pass it to every request and wait. */
  readonly signal?: AbortSignal;
  /** The process's byte streams and terminal, for commands that relay raw I/O (`rig shell`, `rig command`). */
  readonly process?: ProcessIo;
}

/** A byte sink with backpressure (a process stream): `write` returns false when it wants a `drain` first. */
export interface ByteSink {
  write(chunk: Uint8Array): boolean;
  once(event: 'drain', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
  off(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}

/**
 * What raw-I/O commands need of their process beyond text (only `bin/rig.mjs` builds it from `process`): byte
 * streams, the terminal's mode and size, and Ctrl-C delivered to the command instead of aborting it.
 */
export interface ProcessIo {
  readonly stdout: ByteSink;
  readonly stderr: ByteSink;
  /** Puts the stdin terminal in raw mode (or back); absent when stdin is not a terminal. */
  readonly setRawMode?: (on: boolean) => void;
  /** The terminal's size (of stdout, else stderr), when one of them is a terminal. */
  terminalSize(): { cols: number; rows: number } | undefined;
  /** Calls `listener` on SIGWINCH; returns the function that stops it. */
  onResize(listener: () => void): () => void;
  /**
   * While trapped, a closed stdout or stderr (EPIPE) does not end rig at once (its default: exit 0): the command
   * sees the error on the stream and finishes itself. Returns the function that releases it.
   */
  trapClosedOutput(): () => void;
  /** While trapped, SIGINT calls `listener` instead of aborting `signal`; returns the function that releases it. */
  trapInterrupt(listener: () => void): () => void;
}

/** Prompts need a person: stdin to read the answer and stderr to show the question. */
export function canPrompt(io: Io): boolean {
  return io.isStdinTTY && io.isStderrTTY;
}
