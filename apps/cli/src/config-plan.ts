import { MaxConfigDocumentError, parseConfigDocument, type ConfigDocument } from '@max/rig-sdk';
import type { CommandContext } from './context.js';
import { CliError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';
import { readEnvFile, readInputFile } from './read-input-file.js';

/**
 * Config as code, the CLI's part: reading the document and the env file of secret values from disk or stdin.
 * Matching values to the document, planning and applying live in the SDK (shared with the GitHub Action);
 * values travel only as the write-only `secret_values` of the plan and the apply request, never anywhere else.
 */

/** Reads a config document (JSON). Shape errors beyond "a JSON object" are the platform's to report (exit 6). */
export async function readConfigDocument(cwd: string, path: string): Promise<ConfigDocument> {
  const text = await readInputFile(cwd, path, 'the config document');
  try {
    return parseConfigDocument(text, path);
  } catch (error) {
    if (error instanceof MaxConfigDocumentError) throw new CliError(error.message, ExitCode.RejectedInput, 'invalid_document', error.hint);
    throw error;
  }
}

/** Reads `--secrets-from-env-file` (or nothing). */
export async function readSecretValues(ctx: CommandContext, path: string | undefined): Promise<Map<string, string>> {
  if (path === undefined) return new Map();
  return new Map((await readEnvFile(ctx.io.cwd, path, '--secrets-from-env-file')).map((e) => [e.key, e.value]));
}

/** `--prune` (boolean). */
export function pruneOption(value: string | boolean | undefined): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new UsageError('--prune takes no value.');
  return value === true;
}
