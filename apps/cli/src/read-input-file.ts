import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { EnvFileError, parseEnvFile, type EnvFileEntry } from '@max/rig-sdk';
import { CliError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';

/** Reads a file named on the command line (relative to the working directory); a missing file is a usage error. */
export async function readInputFile(cwd: string, path: string, flag: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : ((error as NodeJS.ErrnoException).code ?? 'unreadable');
    throw new UsageError(`Cannot read ${flag} ${path}: ${reason}.`);
  }
}

/**
 * Reads and parses a dotenv file. A malformed file is rejected as a whole (exit 6) with every bad line, so
 * nothing is applied from it; the messages name lines and keys, never values.
 */
export async function readEnvFile(cwd: string, path: string, flag = '--from-env-file'): Promise<EnvFileEntry[]> {
  const text = await readInputFile(cwd, path, flag);
  try {
    return parseEnvFile(text);
  } catch (error) {
    if (!(error instanceof EnvFileError)) throw error;
    const count = error.errors.length;
    throw new CliError(
      `${path} is not a valid env file (${count} error${count === 1 ? '' : 's'}); nothing was applied:\n${error.errors.map((e) => `  ${e.message}`).join('\n')}`,
      ExitCode.RejectedInput,
      error.code,
      'Fix the lines above and run the command again.',
      { file: path, errors: error.errors.map((e) => ({ line: e.line, problem: e.problem, message: e.message })) },
    );
  }
}
