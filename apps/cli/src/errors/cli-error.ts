import { ExitCode } from './exit-codes.js';

/**
 * An expected error the CLI itself raises: printed as one line plus a hint, never with a stack
 * (workers-sdk's `UserError` tier). `code` is the stable machine code shown in JSON error output.
 */
export class CliError extends Error {
  override readonly name: string = 'CliError';
  constructor(
    message: string,
    readonly exitCode: number,
    readonly code: string,
    readonly hint?: string,
    /** Structured facts for `-o json` errors (e.g. every bad line of an env file). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** The command line could not be understood; nothing was sent (exit 2). */
export class UsageError extends CliError {
  override readonly name = 'UsageError';
  constructor(message: string, hint?: string) {
    super(message, ExitCode.Usage, 'usage', hint);
  }
}

/** Ctrl-C (exit 130). */
export class InterruptedError extends CliError {
  override readonly name = 'InterruptedError';
  constructor() {
    super('Interrupted.', ExitCode.Interrupted, 'interrupted');
  }
}
