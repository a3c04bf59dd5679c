import { PassThrough } from 'node:stream';
import type { Io } from '../../src/io.js';

/** An in-memory `Io` (gh's `iostreams.Test()`): buffers for stdout/stderr, no TTY unless asked. */
export interface TestIo extends Io {
  readonly stdinStream: PassThrough;
  stdoutText(): string;
  stderrText(): string;
}

export function createTestIo(overrides: Partial<Omit<Io, 'stdout' | 'stderr' | 'stdin'>> = {}): TestIo {
  const out: string[] = [];
  const err: string[] = [];
  const stdin = new PassThrough();
  return {
    stdout: { write: (chunk: string) => out.push(chunk) },
    stderr: { write: (chunk: string) => err.push(chunk) },
    stdin,
    stdinStream: stdin,
    env: {},
    isStdoutTTY: false,
    isStderrTTY: false,
    isStdinTTY: false,
    cwd: '/work',
    columns: undefined,
    ...overrides,
    stdoutText: () => out.join(''),
    stderrText: () => err.join(''),
  };
}
