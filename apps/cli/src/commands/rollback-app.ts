import { classifyRelease, waitForRelease } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { deployOutcomeExitCode, type DeployOutcome } from '../errors/deploy-exit-code.js';
import { parseDurationFlag } from '../parse/parse-duration.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `--to v3` or `--to 3`. */
export function parseVersionFlag(value: string): number {
  const match = /^v?(\d+)$/i.exec(value.trim());
  const version = match ? Number(match[1]) : Number.NaN;
  if (!Number.isSafeInteger(version) || version < 1) throw new UsageError(`Invalid value for --to: "${value}".`, 'Name a release as v3 or 3 (`rig releases` lists them).');
  return version;
}

/** `rig rollback app <ref> [--to vN]`: a new release with the code and config of an earlier one, awaited. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const toFlag = stringOption(invocation.options['to']);
  const to = toFlag === undefined ? undefined : parseVersionFlag(toFlag);
  const timeoutFlag = stringOption(invocation.options['timeout']);
  const timeoutMs = timeoutFlag === undefined ? 5 * 60_000 : parseDurationFlag('timeout', timeoutFlag);
  const { client } = await openSession(ctx);

  const release = await client.releases.rollback(network, app, to === undefined ? {} : { to }, { signal: ctx.signal });
  const restored = release.rollback_of === null ? '' : ` (the code and config of v${release.rollback_of})`;
  ctx.out.note(`Rolling back ${network}/${app}: release v${release.version}${restored}; waiting for its health check…`);
  const settled = await waitForRelease(client, network, app, release.version, { timeoutMs, signal: ctx.signal });
  const outcome: DeployOutcome = classifyRelease(settled);
  const { url } = await client.apps.get(network, app, { signal: ctx.signal });
  const final = settled ?? release;
  ctx.out.result({ outcome, release: final, url }, outcome === 'live' ? url : undefined);

  if (outcome === 'live') {
    ctx.out.success(`Rolled back ${network}/${app}: v${final.version}${restored} is live.`);
    return 0;
  }
  if (outcome === 'timed_out') {
    throw new CliError(
      `Stopped waiting after ${Math.round(timeoutMs / 1000)} s: release v${release.version} of ${network}/${app} has not passed its health check yet.`,
      deployOutcomeExitCode(outcome),
      'timed_out',
      `Look it up with \`rig releases ${network}/${app}\` (v${release.version}); the previous release keeps serving until it is healthy.`,
    );
  }
  throw new CliError(
    `Release v${final.version} of ${network}/${app} failed its health check; the previous release keeps serving.`,
    deployOutcomeExitCode(outcome),
    'health_check_failed',
    `Read the app logs with \`rig logs app ${network}/${app}\`.`,
  );
}
