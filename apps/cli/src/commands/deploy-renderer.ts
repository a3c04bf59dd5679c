import type { BundleSummary, DeployEvent } from '@max/rig-sdk/node';
import type { TextSink } from '../io.js';
import type { Palette } from '../output/colors.js';
import { formatBytes, formatDuration, ProgressReporter } from '../output/progress-bar.js';

/** How many secret-like paths a warning names before it says "and N more". */
const NAMED_SECRETS = 10;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The stderr warning about credentials left out of the upload (every deploy, not only dry runs). */
export function secretLikeWarning(paths: readonly string[]): string | undefined {
  if (paths.length === 0) return undefined;
  const named = paths.slice(0, NAMED_SECRETS).join(', ');
  const more = paths.length > NAMED_SECRETS ? ` and ${paths.length - NAMED_SECRETS} more` : '';
  return `Not uploaded: ${plural(paths.length, 'file')} that look${paths.length === 1 ? 's' : ''} like secrets: ${named}${more}. Set such values with \`rig create secret\`; a \`!<path>\` line in .rigignore re-includes a file that really belongs in the app.`;
}

/** `rig deploy --dry-run` for people (stdout): what would go up, the largest files, and every exclusion with its reason. */
export function renderDryRun(summary: BundleSummary, target: { network: string; app: string; directory: string }): string {
  const lines = [
    `Would deploy ${target.directory} to ${target.network}/${target.app}:`,
    `  ${plural(summary.fileCount, 'file')}, ${formatBytes(summary.totalBytes)} (${plural(summary.uniqueBlobs, 'distinct blob')})${summary.symlinkCount > 0 ? `, ${plural(summary.symlinkCount, 'symlink')}` : ''}`,
    `  manifest digest ${summary.digest}`,
  ];
  if (summary.largest.length > 0) {
    const width = Math.max(...summary.largest.map((f) => formatBytes(f.size).length));
    lines.push('', 'Largest files:', ...summary.largest.map((f) => `  ${formatBytes(f.size).padStart(width)}  ${f.path}`));
  }
  lines.push('', summary.excluded.length === 0 ? 'Nothing excluded.' : `Excluded (${summary.excludedCount}):`);
  for (const group of summary.excluded) {
    const why = group.pattern !== undefined && !group.reason.includes(group.pattern) ? `${group.reason} (${group.pattern})` : group.reason;
    lines.push(`  ${why}:`, ...group.paths.map((p) => `    ${p}`));
  }
  for (const warning of summary.warnings) lines.push(`Skipped ${warning.path}: ${warning.message}`);
  return `${lines.join('\n')}\n`;
}

export interface DeployRendererOptions {
  readonly stderr: TextSink;
  /** stderr is a terminal: the upload bar redraws in place. */
  readonly tty: boolean;
  readonly columns: number | undefined;
  /** Colours for stderr (plain when NO_COLOR / --no-color / not a terminal). */
  readonly palette: Palette;
  readonly target: { network: string; app: string };
  readonly now?: () => number;
}

/**
 * Renders the SDK's deploy events for people, all on stderr: a summary of the bundle, the secret-like files left
 * out, the upload bar, state changes and the build output (prefixed `[build]`). The URL and a failed outcome are
 * the command's to print.
 */
export class DeployRenderer {
  private progress: ProgressReporter | undefined;
  /** A stabilization countdown is drawn on the terminal's last line (cleared before any other line). */
  private countdown = false;
  /** The release whose stabilization window was announced (non-terminal: one line per window). */
  private announced: number | undefined;
  private readonly p: Palette;

  constructor(private readonly options: DeployRendererOptions) {
    this.p = options.palette;
  }

  handle(event: DeployEvent): void {
    const p = this.p;
    switch (event.type) {
      case 'bundled': {
        const s = event.summary;
        this.line(`Bundled ${plural(s.fileCount, 'file')} (${formatBytes(s.totalBytes)})${s.excludedCount > 0 ? `; ${s.excludedCount} excluded (\`--dry-run\` lists them)` : ''}.`);
        const warning = secretLikeWarning(s.secretLike);
        if (warning) this.line(`${p.yellow('Warning:')} ${warning}`);
        for (const w of s.warnings) this.line(`${p.yellow('Warning:')} skipped ${w.path}: ${w.message}`);
        return;
      }
      case 'app_created':
        return this.line(`${p.green('✓')} Created app ${event.app.network}/${event.app.name} (it did not exist): ${event.app.url}`);
      case 'deployment_created':
        if (event.missingBlobs === 0) return this.line(`Deployment ${event.deploymentId}: nothing to upload, the platform has every file.`);
        this.line(`Deployment ${event.deploymentId}: uploading ${plural(event.missingBlobs, 'file')} (${formatBytes(event.missingBytes)}) the platform does not have.`);
        this.progress = new ProgressReporter({
          stderr: this.options.stderr,
          tty: this.options.tty,
          columns: this.options.columns,
          palette: p,
          label: 'Uploading',
          ...(this.options.now ? { now: this.options.now } : {}),
        });
        this.progress.update(0, event.missingBytes);
        return;
      case 'upload_progress':
        return this.progress?.update(event.bytesSent, event.bytesTotal);
      case 'upload_retry':
        return this.line(
          `${p.yellow('Warning:')} upload chunk ${event.chunk + 1} failed (${event.error.message}); retrying in ${formatDuration(event.delayMs / 1000)} (attempt ${event.attempt + 1}).`,
        );
      case 'uploaded':
        this.progress?.finish();
        this.progress = undefined;
        if (event.blobs > 0) this.line(`Uploaded ${plural(event.blobs, 'file')} (${formatBytes(event.bytes)}) in ${(event.durationMs / 1000).toFixed(1)} s.`);
        return;
      case 'status':
        return this.line(p.dim(`Deployment ${event.deploymentId}: ${event.previousState !== null ? `${event.previousState} → ` : ''}${event.state}`));
      case 'build_log':
        return this.line(`${p.dim('[build]')} ${event.line.line}`);
      case 'build_log_gap':
        return this.line(`${p.yellow('Warning:')} build log lines ${event.fromSeq}–${event.toSeq} are no longer available (${event.reason}).`);
      case 'release_created':
        return this.line(`Release v${event.version} created; starting it and waiting for its health check…`);
      case 'stabilizing':
        return this.stabilizing(event);
      case 'healthy':
        return this.line(`${p.green('✓')} ${this.options.target.network}/${this.options.target.app} is live${event.release !== null ? ` (release v${event.release})` : ''}.`);
      // The outcomes that fail: the command's error report says what happened and what still serves (once).
      case 'failed':
      case 'rolled_back':
      case 'cancelled':
      case 'timeout':
        return;
    }
  }

  /** Ctrl-C or an error: take the bar (or the countdown) off the screen so the next line starts clean. */
  abandon(): void {
    this.progress?.abandon();
    this.progress = undefined;
    this.clearCountdown();
  }

  /**
   * The stabilization window: traffic already goes to the new release, and the platform watches it for a while
   * before the deploy counts as live. On a terminal a countdown redraws in place; otherwise one line says so.
   */
  private stabilizing(event: Extract<DeployEvent, { type: 'stabilizing' }>): void {
    const what = `Watching release v${event.release} for ${event.seconds} s before it counts as live`;
    if (!this.options.tty) {
      if (this.announced === event.release) return;
      this.announced = event.release;
      return this.line(`${what} (it serves traffic already; a crash now rolls back)…`);
    }
    const left = Math.max(0, event.seconds - event.second);
    if (!event.ok || left === 0) return this.clearCountdown();
    this.options.stderr.write(`\r\u001b[2K${this.p.dim(`${what}: ${left} s left…`)}`);
    this.countdown = true;
  }

  private clearCountdown(): void {
    if (!this.countdown) return;
    this.countdown = false;
    this.options.stderr.write('\r\u001b[2K');
  }

  private line(text: string): void {
    this.clearCountdown();
    if (this.progress) this.progress.log(text);
    else this.options.stderr.write(`${text}\n`);
  }
}
