import type { Io } from '../io.js';
import { palette } from '../output/colors.js';
import { exitCodeDocsUrl } from './exit-codes.js';

/** An error as rig reports it: what `map-error.ts` makes of any thrown value. */
export interface ErrorReport {
  readonly exitCode: number;
  /** Stable machine code (the server's `error.code`, an auth-lib code, or a CLI code such as `usage`). */
  readonly code: string;
  readonly message: string;
  readonly hint?: string;
  readonly requestId?: string;
  /** Structured details worth a script's attention (validation field errors). */
  readonly details?: Record<string, unknown>;
  /** Not an expected failure: a bug or an unclassified error. Gets a stack trace with `--verbose`. */
  readonly unexpected: boolean;
  readonly stack?: string;
  /** Extra lines for `--verbose` (the request that failed). */
  readonly verboseLines?: readonly string[];
}

export interface ReportOptions {
  readonly json: boolean;
  readonly verbose: boolean;
  readonly color: boolean;
}

/**
 * Writes an error to stderr. People get one `Error:` line, a hint and a docs link (workers-sdk's two tiers: a
 * stack only for unexpected errors and only with `--verbose`); scripts in JSON modes get
 * `{"error": {code, message, exit_code, request_id?, hint?}}`.
 */
export function writeErrorReport(io: Io, report: ErrorReport, options: ReportOptions): void {
  if (options.json) {
    const error = {
      code: report.code,
      message: report.message,
      exit_code: report.exitCode,
      ...(report.requestId ? { request_id: report.requestId } : {}),
      ...(report.hint ? { hint: report.hint } : {}),
      ...(report.details ? { details: report.details } : {}),
    };
    io.stderr.write(`${JSON.stringify({ error })}\n`);
    return;
  }
  const p = palette(options.color && io.isStderrTTY);
  const lines = [`${p.red(p.bold('Error:'))} ${report.message}`];
  if (report.hint) lines.push(report.hint);
  if (options.verbose) {
    lines.push(...(report.verboseLines ?? []));
    if (report.requestId) lines.push(p.dim(`Request id: ${report.requestId}`));
    if (report.unexpected && report.stack) lines.push(p.dim(report.stack));
  } else if (report.unexpected) {
    lines.push(p.dim('Run again with --verbose to see the stack trace.'));
  }
  lines.push(p.dim(`Docs: ${exitCodeDocsUrl(report.exitCode)}`));
  io.stderr.write(`${lines.join('\n')}\n`);
}
