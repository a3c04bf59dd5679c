import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createTestIo } from '../test/helpers/test-io.js';
import type { CommandContext } from './context.js';
import { InterruptedError, UsageError } from './errors/cli-error.js';
import { Output } from './output/output.js';
import { readHidden, readSecretValue } from './read-secret.js';

/** A fake terminal stdin that records raw-mode switches. */
function fakeTty(): PassThrough & { setRawMode(mode: boolean): void; modes: boolean[] } {
  const stream = new PassThrough() as PassThrough & { setRawMode(mode: boolean): void; modes: boolean[] };
  stream.modes = [];
  stream.setRawMode = (mode: boolean) => void stream.modes.push(mode);
  return stream;
}

function ctxWith(io: ReturnType<typeof createTestIo>): CommandContext {
  const globals = { output: 'table', verbose: false, config: undefined, apiUrl: undefined, color: false, yes: false } as const;
  return { io, globals, out: new Output(io, globals), signal: new AbortController().signal, errorContext: {} };
}

describe('readHidden', () => {
  it('reads a line in raw mode (no echo), handles backspace, and restores the terminal', async () => {
    const tty = fakeTty();
    const pending = readHidden(tty, new AbortController().signal);
    tty.write('s3cx\u007fret');
    tty.write('\r');
    await expect(pending).resolves.toBe('s3cret');
    expect(tty.modes).toEqual([true, false]);
  });

  it('Ctrl-C interrupts and still restores the terminal', async () => {
    const tty = fakeTty();
    const pending = readHidden(tty, new AbortController().signal);
    tty.write('abc\u0003');
    await expect(pending).rejects.toBeInstanceOf(InterruptedError);
    expect(tty.modes).toEqual([true, false]);
  });
});

describe('readSecretValue', () => {
  it('stdin that is not a terminal: all of it, minus one trailing newline', async () => {
    const io = createTestIo();
    io.stdinStream.end('line 1\nline 2\n');
    await expect(readSecretValue(ctxWith(io), 'K', undefined)).resolves.toBe('line 1\nline 2');
  });

  it('on a terminal: a hidden prompt on stderr that never shows the value', async () => {
    const tty = fakeTty();
    const base = createTestIo({ isStdinTTY: true, isStderrTTY: true });
    const io = { ...base, stdin: tty };
    const pending = readSecretValue(ctxWith(io), 'API_KEY', undefined);
    tty.write('typed-secret\n');
    await expect(pending).resolves.toBe('typed-secret');
    expect(base.stderrText()).toBe('Value for API_KEY (input hidden): \n');
  });

  it('a terminal stdin without a terminal stderr cannot prompt: a usage error naming the alternatives', async () => {
    const io = createTestIo({ isStdinTTY: true, isStderrTTY: false });
    await expect(readSecretValue(ctxWith(io), 'K', undefined)).rejects.toThrow(UsageError);
  });

  it('an empty value is refused (exit 6)', async () => {
    const io = createTestIo();
    io.stdinStream.end('\n');
    await expect(readSecretValue(ctxWith(io), 'K', undefined)).rejects.toMatchObject({ exitCode: 6, code: 'empty_secret' });
  });
});
