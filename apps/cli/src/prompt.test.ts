import { describe, expect, it } from 'vitest';
import { createTestIo, type TestIo } from '../test/helpers/test-io.js';
import type { CommandContext } from './context.js';
import { CliError, UsageError } from './errors/cli-error.js';
import type { GlobalFlags } from './global-options.js';
import { Output } from './output/output.js';
import { confirmDestructive, readLine } from './prompt.js';

const globals: GlobalFlags = { output: 'table', verbose: false, config: undefined, apiUrl: undefined, color: false, yes: false };

function context(io: TestIo, overrides: Partial<GlobalFlags> = {}): CommandContext {
  const g = { ...globals, ...overrides };
  return { io, globals: g, out: new Output(io, g), signal: new AbortController().signal, errorContext: {} };
}

const action = { kind: 'network', name: 'prod', warning: 'This deletes the network prod.' };
const tty = { isStdinTTY: true, isStderrTTY: true };

async function caught(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('confirmDestructive', () => {
  it('--yes: no question asked, on a terminal or not', async () => {
    for (const io of [createTestIo(), createTestIo(tty)]) {
      await confirmDestructive(context(io, { yes: true }), action);
      expect(io.stderrText()).toBe('');
    }
  });

  it.each([
    ['stdin and stderr piped', {}],
    ['stdin piped', { isStderrTTY: true }],
    ['stderr piped', { isStdinTTY: true }],
  ])('not interactive (%s) and no --yes: usage error (exit 2) naming --yes', async (_label, flags) => {
    const io = createTestIo(flags);
    const error = await caught(confirmDestructive(context(io), action));
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toContain('"prod"');
    expect((error as UsageError).hint).toContain('--yes');
    expect(io.stderrText()).toBe('');
  });

  it('on a terminal: asks for the name on stderr and goes on when it is typed', async () => {
    const io = createTestIo(tty);
    const done = confirmDestructive(context(io), action);
    io.stdinStream.write('prod\n');
    await done;
    expect(io.stderrText()).toBe('This deletes the network prod.\nType the network name (prod) to confirm: ');
    expect(io.stdoutText()).toBe('');
  });

  it.each([['wrong name', 'prd\n'], ['empty answer', '\n'], ['end of input', null]])('on a terminal, %s: nothing is deleted (exit 1)', async (_label, input) => {
    const io = createTestIo(tty);
    const done = caught(confirmDestructive(context(io), action));
    if (input === null) io.stdinStream.end();
    else io.stdinStream.write(input);
    const error = await done;
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).code).toBe('not_confirmed');
  });
});

describe('readLine', () => {
  it('reads across chunks and strips CRLF', async () => {
    const io = createTestIo();
    const line = readLine(io.stdinStream, new AbortController().signal);
    io.stdinStream.write('pr');
    io.stdinStream.write('od\r\nrest');
    expect(await line).toBe('prod');
  });

  it('gives up when the signal aborts', async () => {
    const io = createTestIo();
    const controller = new AbortController();
    const line = readLine(io.stdinStream, controller.signal);
    controller.abort();
    expect(await line).toBeNull();
  });
});
