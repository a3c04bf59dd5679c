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
}

/** Prompts need a person: stdin to read the answer and stderr to show the question. */
export function canPrompt(io: Io): boolean {
  return io.isStdinTTY && io.isStderrTTY;
}
