import type { CommandContext } from './context.js';
import { CliError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';
import { canPrompt } from './io.js';

/** Reads one line from a stream (without the newline); `null` when the stream ends first. */
export function readLine(stream: NodeJS.ReadableStream, signal: AbortSignal): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const cleanup = () => {
      stream.removeListener('data', onData);
      stream.removeListener('end', onEnd);
      stream.removeListener('error', onError);
      signal.removeEventListener('abort', onAbort);
      // Let the process exit: a flowing stdin keeps the event loop alive.
      stream.pause();
    };
    const onData = (chunk: string | Buffer) => {
      buffer += chunk.toString();
      const newline = buffer.indexOf('\n');
      if (newline === -1) return;
      cleanup();
      resolve(buffer.slice(0, newline).replace(/\r$/, ''));
    };
    const onEnd = () => {
      cleanup();
      resolve(buffer === '' ? null : buffer);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      resolve(null);
    };
    stream.on('data', onData);
    stream.on('end', onEnd);
    stream.on('error', onError);
    signal.addEventListener('abort', onAbort, { once: true });
    stream.resume();
  });
}

export interface DestructiveAction {
  /** "network" or "app". */
  readonly kind: string;
  /** What the user must type. */
  readonly name: string;
  /** Shown as-is: "This deletes the network prod and its 3 apps." */
  readonly warning: string;
}

/**
 * Confirms a destructive command (gh's rule: prompt only when interactive, else name the flag to pass):
 * `--yes` skips the question; on a terminal the user types the name; without a terminal it is a usage error
 * (exit 2) naming `--yes`.
 */
export async function confirmDestructive(ctx: CommandContext, action: DestructiveAction): Promise<void> {
  if (ctx.globals.yes) return;
  if (!canPrompt(ctx.io)) {
    throw new UsageError(
      `Refusing to delete the ${action.kind} "${action.name}" without confirmation (not an interactive terminal).`,
      'Pass --yes to confirm.',
    );
  }
  ctx.io.stderr.write(`${action.warning}\nType the ${action.kind} name (${action.name}) to confirm: `);
  const answer = await readLine(ctx.io.stdin, ctx.signal);
  if (answer?.trim() !== action.name) {
    throw new CliError(`Confirmation did not match; nothing was deleted.`, ExitCode.Error, 'not_confirmed', 'Type the name exactly, or pass --yes.');
  }
}
