import { resolve } from 'node:path';
import { MaxTimeoutError, describeDeployFailure } from '@max/rig-sdk';
import { deploy, summarizeBundle, walkSourceTree, type BundleSummary, type DeployEvent, type DeployResult } from '@max/rig-sdk/node';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { deployOutcomeExitCode } from '../errors/deploy-exit-code.js';
import { formatDuration } from '../output/progress-bar.js';
import { parseDurationFlag } from '../parse/parse-duration.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { deployEventLine } from './deploy-events.js';
import { DeployRenderer, renderDryRun, secretLikeWarning } from './deploy-renderer.js';
import { stringOption } from './views.js';

const DEFAULT_TIMEOUT_MS = 15 * 60_000;

interface Target {
  readonly network: string;
  readonly app: string;
  readonly directory: string;
}

function dryRunDocument(summary: BundleSummary, target: Target) {
  return {
    dry_run: true as const,
    network: target.network,
    app: target.app,
    directory: target.directory,
    files: summary.fileCount,
    symlinks: summary.symlinkCount,
    total_bytes: summary.totalBytes,
    unique_blobs: summary.uniqueBlobs,
    digest: summary.digest,
    largest: summary.largest,
    excluded_count: summary.excludedCount,
    excluded: summary.excluded.map((g) => ({ kind: g.kind, reason: g.reason, ...(g.pattern !== undefined ? { pattern: g.pattern } : {}), paths: g.paths })),
    secret_like: summary.secretLike,
    warnings: summary.warnings.map((w) => ({ path: w.path, code: w.code, message: w.message })),
  };
}

/** `--dry-run`: walk and summarise only; no login needed, nothing is sent. */
async function dryRun(ctx: CommandContext, target: Target): Promise<void> {
  const summary = summarizeBundle(await walkSourceTree(target.directory, { signal: ctx.signal }), { largest: 10 });
  if (!ctx.out.human) return ctx.out.value(dryRunDocument(summary, target));
  ctx.io.stdout.write(renderDryRun(summary, target));
  const warning = secretLikeWarning(summary.secretLike);
  if (warning) ctx.out.warn(warning);
}

/** What Ctrl-C after the upload says: the deployment carries on, and how to watch it or see how it went. */
function continuesNote(deploymentId: string, target: Target): string {
  return (
    `Stopped watching deployment ${deploymentId}; it carries on on the platform. ` +
    `Follow it with \`rig logs build ${deploymentId} --follow\`; \`rig status app ${target.network}/${target.app}\` shows how it went.`
  );
}

/** The failure message of each non-zero outcome (the SDK's description): what happened, what still serves, where to look. */
function failure(result: DeployResult, target: Target, timeoutMs: number): CliError {
  const described = describeDeployFailure(result, target, { timeoutMs });
  const code = deployOutcomeExitCode(result.outcome);
  if (described === undefined) return new CliError(`Deployment ${result.deploymentId} did not go live.`, code, 'deploy_failed');
  return new CliError(described.message, code, described.code, described.hint);
}

/** `rig deploy [DIR] --app <ref>`: renders the SDK's deploy events; the outcome decides the exit code. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const o = invocation.options;
  const appFlag = stringOption(o['app']);
  if (appFlag === undefined) throw new UsageError('Which app?', 'Pass --app <network>/<app> (or --app <app> --network <network>).');
  const { network, app } = parseAppRef(appFlag, stringOption(o['network']));
  const target: Target = { network, app, directory: resolve(ctx.io.cwd, invocation.args['dir'] ?? '.') };
  const timeoutFlag = stringOption(o['timeout']);
  const timeoutMs = timeoutFlag === undefined ? DEFAULT_TIMEOUT_MS : parseDurationFlag('timeout', timeoutFlag);
  const message = stringOption(o['message']);
  if (o['dryRun'] === true) {
    await dryRun(ctx, target);
    return 0;
  }

  const { client } = await openSession(ctx);
  const renderer = ctx.out.human
    ? new DeployRenderer({ stderr: ctx.io.stderr, tty: ctx.io.isStderrTTY, columns: ctx.io.columns, palette: ctx.out.err, target })
    : undefined;
  ctx.signal.addEventListener('abort', () => renderer?.abandon(), { once: true });
  const startedAt = Date.now();
  let appCreated = false;
  let summary: BundleSummary | undefined;

  const onEvent = (event: DeployEvent): void => {
    if (event.type === 'bundled') summary = event.summary;
    if (event.type === 'app_created') appCreated = true;
    // Once uploaded and finalized the deployment is the platform's: Ctrl-C only stops watching it. (Before that,
    // Ctrl-C stops the upload, and the deployment never builds: a plain interruption.)
    if (event.type === 'status' && event.state !== 'uploading' && ctx.interrupt) {
      ctx.interrupt.quiet = true;
      ctx.interrupt.note = continuesNote(event.deploymentId, target);
    }
    if (renderer) renderer.handle(event);
    else ctx.out.line(deployEventLine(event));
  };

  const steps = deploy(client, {
    network,
    app,
    dir: target.directory,
    timeoutMs,
    signal: ctx.signal,
    ...(o['create'] === true ? { create: true } : {}),
    ...(message !== undefined ? { message } : {}),
    ...(o['wait'] === false ? { wait: false } : {}),
    ...(o['rollback'] === false ? { rollback: false } : {}),
  });
  let result: DeployResult | undefined;
  try {
    while (result === undefined) {
      const step = await steps.next();
      if (step.done) result = step.value;
      else onEvent(step.value);
    }
  } catch (error) {
    renderer?.abandon();
    // The SDK's deadline passed before a deployment existed: still "timed out", and nothing was released.
    if (error instanceof MaxTimeoutError && Date.now() - startedAt >= timeoutMs) {
      throw new CliError(
        `Stopped after ${formatDuration(timeoutMs / 1000)}, before a deployment was created: nothing was released. Files already uploaded are kept, so the next deploy sends only the rest.`,
        deployOutcomeExitCode('timed_out'),
        'timed_out',
        'Deploy again, with a longer --timeout if the upload is large.',
      );
    }
    throw error;
  }

  if (ctx.out.mode === 'json') {
    ctx.out.value({
      outcome: result.outcome,
      network,
      app,
      app_created: appCreated,
      deployment_id: result.deploymentId,
      state: result.state,
      release: result.release,
      url: result.url,
      bundle: { files: summary?.fileCount ?? 0, bytes: summary?.totalBytes ?? 0, digest: summary?.digest ?? '', secret_like: summary?.secretLike ?? [] },
      uploaded: { blobs: result.uploadedBlobs, bytes: result.uploadedBytes },
      failure: result.failure,
      duration_ms: Date.now() - startedAt,
    });
  }
  const code = deployOutcomeExitCode(result.outcome);
  if (code !== 0) throw failure(result, target, timeoutMs);
  if (ctx.out.human) {
    if (result.outcome === 'submitted') ctx.out.note(`Deployment ${result.deploymentId} is queued; not waiting for it (--no-wait). \`rig status app ${network}/${app}\` shows how it went.`);
    ctx.io.stdout.write(`${result.url}\n`);
  }
  return 0;
}
