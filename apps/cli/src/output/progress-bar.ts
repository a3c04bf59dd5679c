import { formatBytes, formatDuration } from '@max/rig-sdk';
import type { TextSink } from '../io.js';
import type { Palette } from './colors.js';

/**
 * Byte-accurate transfer progress for stderr: a bar redrawn in place on a terminal, plain lines when piped (a CI
 * log must not fill up with carriage returns). Pure formatting lives in the exported functions, so it is tested
 * without a terminal; `ProgressReporter` only decides when and how to write.
 */

/** `1536` → `1.5 KiB` (binary units, as `du -h` shows them); the SDK's, shared with the Action. */
export { formatBytes };

/** Whole seconds as `7s`, `2m05s`, `1h02m` (the SDK's, so rig and the Action say durations alike). */
export { formatDuration };

export interface TransferSnapshot {
  readonly doneBytes: number;
  readonly totalBytes: number;
  /** Milliseconds since the transfer started. */
  readonly elapsedMs: number;
}

/** Average rate so far in bytes/s; undefined until there is enough to measure (a rate from 5 ms is noise). */
export function transferRate(s: TransferSnapshot): number | undefined {
  if (s.elapsedMs < 250 || s.doneBytes <= 0) return undefined;
  return s.doneBytes / (s.elapsedMs / 1000);
}

/** Seconds left at the average rate so far; undefined when unknown. */
export function etaSeconds(s: TransferSnapshot): number | undefined {
  const rate = transferRate(s);
  if (rate === undefined) return undefined;
  return Math.max(0, s.totalBytes - s.doneBytes) / rate;
}

function percent(s: TransferSnapshot): number {
  if (s.totalBytes <= 0) return 100;
  return Math.min(100, Math.floor((s.doneBytes / s.totalBytes) * 100));
}

/**
 * One terminal line: `Uploading [██████░░░░░░] 52% 52.0 MiB/100 MiB 12.3 MiB/s ETA 4s`, fitted to `columns`
 * (the bar shrinks first; below a usable width it is left out).
 */
export function renderProgressLine(label: string, s: TransferSnapshot, columns: number, p: Palette): string {
  const rate = transferRate(s);
  const eta = etaSeconds(s);
  const pct = `${String(percent(s)).padStart(3)}%`;
  const amounts = `${formatBytes(s.doneBytes)}/${formatBytes(s.totalBytes)}`;
  const tail = `${pct} ${amounts}${rate !== undefined ? ` ${formatBytes(rate)}/s` : ''} ETA ${eta !== undefined ? formatDuration(eta) : '--'}`;
  // Two spaces and the brackets around the bar; one column kept free so the cursor never wraps the line.
  const room = columns - 1 - label.length - tail.length - 4;
  const barWidth = Math.min(30, room);
  if (barWidth < 5) return `${label} ${tail}`.slice(0, Math.max(0, columns - 1));
  const filled = s.totalBytes <= 0 ? barWidth : Math.min(barWidth, Math.floor((s.doneBytes / s.totalBytes) * barWidth));
  const bar = p.cyan('█'.repeat(filled)) + p.dim('░'.repeat(barWidth - filled));
  return `${label} [${bar}] ${tail}`;
}

/** A line for logs: `Uploading: 52% (52.0 MiB of 100 MiB, 12.3 MiB/s, ETA 4s)`. */
export function renderProgressText(label: string, s: TransferSnapshot): string {
  const rate = transferRate(s);
  const eta = etaSeconds(s);
  const extras = [`${formatBytes(s.doneBytes)} of ${formatBytes(s.totalBytes)}`];
  if (rate !== undefined) extras.push(`${formatBytes(rate)}/s`);
  if (eta !== undefined && s.doneBytes < s.totalBytes) extras.push(`ETA ${formatDuration(eta)}`);
  return `${label}: ${percent(s)}% (${extras.join(', ')})`;
}

export interface ProgressReporterOptions {
  readonly stderr: TextSink;
  /** Redraw in place (stderr is a terminal); otherwise print a line per quarter. */
  readonly tty: boolean;
  readonly columns: number | undefined;
  readonly palette: Palette;
  readonly label: string;
  /** Injected clock (tests). */
  readonly now?: () => number;
  /** Minimum time between two redraws on a terminal, ms (default 100: smooth, and cheap on a slow terminal). */
  readonly redrawIntervalMs?: number;
}

/** Carriage return + erase to the end of the line. */
const CLEAR_LINE = '\r\u001b[K';

/**
 * Shows one transfer's progress on stderr. Other output (build lines, notes) goes through `log`, which clears
 * the bar first and redraws it after, so the two never interleave on the same line.
 */
export class ProgressReporter {
  private readonly now: () => number;
  private readonly startedAt: number;
  private lastDraw = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private lastQuarter = -1;
  private snapshot: TransferSnapshot = { doneBytes: 0, totalBytes: 0, elapsedMs: 0 };
  private finished = false;

  constructor(private readonly options: ProgressReporterOptions) {
    this.now = options.now ?? (() => Date.now());
    this.startedAt = this.now();
  }

  update(doneBytes: number, totalBytes: number): void {
    if (this.finished) return;
    this.snapshot = { doneBytes, totalBytes, elapsedMs: this.now() - this.startedAt };
    if (this.options.tty) {
      const due = this.now() - this.lastDraw >= (this.options.redrawIntervalMs ?? 100);
      if (due || doneBytes >= totalBytes) this.draw();
      return;
    }
    // Piped: a line at 0, 25, 50, 75 and 100 % — enough to see it move, few enough for a CI log.
    const quarter = totalBytes <= 0 ? 4 : Math.min(4, Math.floor((doneBytes / totalBytes) * 4));
    if (quarter > this.lastQuarter) {
      this.lastQuarter = quarter;
      this.options.stderr.write(`${renderProgressText(this.options.label, this.snapshot)}\n`);
    }
  }

  /** Writes a whole line of other output without tearing the bar. */
  log(line: string): void {
    if (this.drawn) this.options.stderr.write(CLEAR_LINE);
    this.options.stderr.write(`${line}\n`);
    if (this.drawn && !this.finished) this.draw();
  }

  /** Leaves the final state on its own line (terminal) and stops drawing. */
  finish(): void {
    if (this.finished) return;
    if (this.options.tty && this.drawn) {
      this.draw();
      this.options.stderr.write('\n');
    }
    this.finished = true;
  }

  /** Removes the bar without leaving a line (interrupted or failed). */
  abandon(): void {
    if (this.options.tty && this.drawn && !this.finished) this.options.stderr.write(CLEAR_LINE);
    this.finished = true;
  }

  private draw(): void {
    this.lastDraw = this.now();
    this.drawn = true;
    const line = renderProgressLine(this.options.label, this.snapshot, this.options.columns ?? 80, this.options.palette);
    this.options.stderr.write(`${CLEAR_LINE}${line}`);
  }
}
