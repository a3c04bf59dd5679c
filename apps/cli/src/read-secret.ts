import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from './context.js';
import { CliError, InterruptedError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';
import { canPrompt } from './io.js';

/** A terminal stdin: raw mode turns off the echo (and line editing) so a typed secret is never shown. */
interface RawCapable {
  setRawMode(mode: boolean): unknown;
}

function isRawCapable(stream: unknown): stream is RawCapable {
  return typeof (stream as Partial<RawCapable>).setRawMode === 'function';
}

/** All of stdin, as text. */
async function readAll(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string> {
  const chunks: string[] = [];
  for await (const chunk of stream) {
    if (signal.aborted) throw new InterruptedError();
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
  }
  return chunks.join('');
}

/**
 * Reads one line from a terminal without echoing it: raw mode, our own handling of Enter, Backspace, Ctrl-C
 * and Ctrl-D. Only a newline is written back, so neither the value nor its length shows.
 */
export function readHidden(stdin: NodeJS.ReadableStream & RawCapable, signal: AbortSignal): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      stdin.removeListener('data', onData);
      signal.removeEventListener('abort', onAbort);
      stdin.setRawMode(false);
      stdin.pause();
      if (error) reject(error);
      else resolvePromise(value);
    };
    const onData = (chunk: string | Buffer) => {
      for (const char of chunk.toString()) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish();
        if (char === '\u0003') return finish(new InterruptedError());
        if (char === '\u007f' || char === '\b') value = value.slice(0, -1);
        else value += char;
      }
    };
    const onAbort = () => finish(new InterruptedError());
    stdin.setRawMode(true);
    stdin.on('data', onData);
    signal.addEventListener('abort', onAbort, { once: true });
    stdin.resume();
  });
}

/**
 * The value of a new secret: from `--from-file` (byte for byte), from stdin when it is not a terminal (one
 * trailing newline dropped, as `echo`/here-strings add it), or typed at a hidden prompt. Never from argv.
 */
export async function readSecretValue(ctx: CommandContext, key: string, fromFile: string | undefined): Promise<string> {
  let value: string;
  if (fromFile !== undefined) {
    try {
      value = await readFile(resolve(ctx.io.cwd, fromFile), 'utf8');
    } catch (error) {
      throw new UsageError(`Cannot read --from-file ${fromFile}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : 'unreadable'}.`);
    }
  } else if (!ctx.io.isStdinTTY) {
    value = (await readAll(ctx.io.stdin, ctx.signal)).replace(/\r?\n$/, '');
  } else {
    const stdin = ctx.io.stdin;
    if (!canPrompt(ctx.io) || !isRawCapable(stdin)) {
      throw new UsageError(`No value for ${key}: cannot prompt here.`, `Pipe the value on stdin (\`rig create secret ${key} … < file\`) or pass --from-file.`);
    }
    ctx.io.stderr.write(`Value for ${key} (input hidden): `);
    value = await readHidden(stdin, ctx.signal);
    ctx.io.stderr.write('\n');
  }
  if (value === '') {
    throw new CliError(`The value for ${key} is empty; nothing was set.`, ExitCode.RejectedInput, 'empty_secret', 'Pipe the value on stdin, type it at the prompt, or pass --from-file.');
  }
  return value;
}
