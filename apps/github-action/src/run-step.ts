import * as core from '@actions/core';
import { formatAppRef, type AppRef, type MaxClient } from '@max/rig-sdk';
import { withCommandsStopped } from './log-lines.js';
import type { Report } from './report.js';

/**
 * `command: run`: runs `args` once in the app's environment on the platform, relays its output (workflow commands
 * off, so output cannot steer the runner), and ends with its exit code (`exit-code`; 255 when it could not run).
 */
export async function runStep(client: MaxClient, target: AppRef, options: { args: string[]; timeoutMs: number; signal: AbortSignal }, report: Report): Promise<void> {
  report.app = formatAppRef(target);
  const run = await client.runs.create(
    { network: target.network, app: target.app },
    { command: options.args, timeout_seconds: Math.max(1, Math.round(options.timeoutMs / 1000)) },
    { signal: options.signal },
  );
  core.info(`Run ${run.id} in ${report.app}: ${options.args.join(' ')}`);
  const attachment = await client.runs.attach(run.id, { signal: options.signal });
  // Nothing feeds a CI run's stdin: close it, so a command that reads stdin ends instead of waiting. Not awaited:
  // a command that ends first never acknowledges it.
  attachment.closeStdin().catch(() => undefined);
  const decoder = new TextDecoder();
  await withCommandsStopped(process.stdout, async () => {
    for await (const item of attachment.output) {
      if (item.type === 'stdout' || item.type === 'stderr') process.stdout.write(decoder.decode(item.data, { stream: true }));
    }
  });
  const end = await attachment.exit;
  if (end.state === 'detached') throw new Error(`Lost run ${run.id} before it ended.`);
  report.status = end.state;
  report.exitCode = end.exitCode ?? 255;
  if (report.exitCode !== 0) {
    report.failure = {
      reason: end.state,
      message: end.error ?? `The command exited with ${end.exitCode ?? `signal ${end.signal ?? '?'}`} (${end.state}).`,
      logTail: [],
    };
  }
}
