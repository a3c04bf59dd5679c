import type { GlobalFlags, OutputMode } from '../global-options.js';
import type { Io } from '../io.js';
import type { OutputContract, ParseContract } from '../json-contract/contract-types.js';
import { palette, type Palette } from './colors.js';
import { renderDetails, renderTable, type Column, type TableStyle } from './table.js';

/**
 * The only way commands print (vercel's output-manager rule): data goes to stdout in the chosen mode, messages
 * for people go to stderr. In `json` mode stdout gets exactly one JSON document, in `jsonl` one object per line.
 */
export class Output {
  readonly mode: OutputMode;
  /** Colours for stderr messages. */
  readonly err: Palette;
  private readonly style: TableStyle;
  /**
   * The command's JSON contract (set by `main` in the machine modes): every JSON value is parsed through it
   * before it is written, so stdout holds exactly the documented fields.
   */
  contract: OutputContract | undefined;
  /**
   * How a value is checked against the contract: zod's `safeParse` unless `main` sets the SDK's `safeParseFast`
   * with the contract (same results, far faster on thousands of rows; kept out of rig's entry chunk).
   */
  parseContract: ParseContract = (schema, value) => schema.safeParse(value);

  constructor(
    private readonly io: Io,
    globals: Pick<GlobalFlags, 'output' | 'color'>,
    now?: number,
  ) {
    this.mode = globals.output;
    this.err = palette(globals.color && io.isStderrTTY);
    this.style = {
      tty: io.isStdoutTTY,
      palette: palette(globals.color && io.isStdoutTTY),
      columns: io.columns,
      ...(now !== undefined ? { now } : {}),
    };
  }

  get human(): boolean {
    return this.mode === 'table';
  }

  /** A list: a table, a JSON array, or one JSON object per line. */
  list<T>(rows: readonly T[], columns: readonly Column<T>[], options: { empty?: string } = {}): void {
    if (this.mode === 'json') return this.writeJson(rows);
    if (this.mode === 'jsonl') return void this.io.stdout.write(rows.map((row) => `${JSON.stringify(this.conform(row, 'line'))}\n`).join(''));
    if (rows.length === 0) {
      // An empty list is a success; say so to people, print nothing a script would have to filter.
      if (options.empty) this.note(options.empty);
      return;
    }
    this.io.stdout.write(renderTable(rows, columns, this.style));
  }

  /** One object as a one-row table (status views). */
  row<T>(row: T, columns: readonly Column<T>[]): void {
    if (this.mode === 'table') return void this.io.stdout.write(renderTable([row], columns, this.style));
    this.value(row);
  }

  /** One object with every field (details views). */
  details<T>(row: T, fields: readonly Column<T>[]): void {
    if (this.mode === 'table') return void this.io.stdout.write(renderDetails(row, fields, this.style));
    this.value(row);
  }

  /**
   * The result of a change: `value` as JSON in machine modes; in table mode only `humanLine` (if any) goes to
   * stdout — e.g. the URL of a new app — while the confirmation goes to stderr via `success`.
   */
  result(value: unknown, humanLine?: string): void {
    if (this.mode === 'table') {
      if (humanLine !== undefined) this.io.stdout.write(`${humanLine}\n`);
      return;
    }
    this.value(value);
  }

  /** A JSON value in the machine modes (one document, or one line). */
  value(value: unknown): void {
    if (this.mode === 'jsonl') this.io.stdout.write(`${JSON.stringify(this.conform(value, 'line'))}\n`);
    else this.writeJson(value);
  }

  /**
   * Items of a stream (`-o jsonl`: one line each as they come; `-o json`: collected by the caller). Table mode
   * prints nothing here: the command renders its own lines.
   */
  line(value: unknown): void {
    if (this.mode === 'jsonl') this.io.stdout.write(`${JSON.stringify(this.conform(value, 'line'))}\n`);
  }

  /** A confirmation for people (stderr); silent in machine modes, where the data says it all. */
  success(message: string): void {
    if (!this.human) return;
    this.io.stderr.write(`${this.err.green('✓')} ${message}\n`);
  }

  /** Information for people (stderr), in every mode: stderr is never parsed on success. */
  note(message: string): void {
    this.io.stderr.write(`${message}\n`);
  }

  warn(message: string): void {
    this.io.stderr.write(`${this.err.yellow('Warning:')} ${message}\n`);
  }

  private writeJson(value: unknown): void {
    // Pretty for people reading a terminal, compact when piped (still exactly one document).
    this.io.stdout.write(`${JSON.stringify(this.conform(value, 'json'), null, this.io.isStdoutTTY ? 2 : undefined)}\n`);
  }

  /** `value` as the contract describes it; a value that breaks the contract is a bug in rig (or the platform). */
  private conform(value: unknown, as: 'json' | 'line'): unknown {
    const contract = this.contract;
    if (contract === undefined || 'document' in contract) return value;
    const schema = as === 'line' ? (contract.line ?? contract.json) : contract.json;
    const result = this.parseContract(schema, value);
    if (result.success) return result.data;
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
    throw new Error(`rig's JSON output does not match its documented schema (${problems}).`);
  }
}
