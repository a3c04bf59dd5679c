import { applyPlan, formatPlan, planDocument, type ReleaseRef } from '@max/rig-sdk';
import { pruneOption, readConfigDocument, readSecretValues } from '../config-plan.js';
import type { CommandContext } from '../context.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { canPrompt } from '../io.js';
import { readLine } from '../prompt.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';
import { stringOption } from './views.js';

async function confirm(ctx: CommandContext): Promise<void> {
  if (ctx.globals.yes) return;
  if (!canPrompt(ctx.io)) throw new UsageError('Refusing to apply without confirmation (not an interactive terminal).', 'Pass --yes to confirm.');
  ctx.io.stderr.write('Apply these changes? [y/N] ');
  const answer = (await readLine(ctx.io.stdin, ctx.signal))?.trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new CliError('Not applied.', ExitCode.Error, 'not_confirmed', 'Answer "y" to apply, or pass --yes.');
}

/**
 * `rig config apply FILE`: show the plan, confirm, apply. The document and the secret values from
 * `--secrets-from-env-file` go in ONE request with the reviewed plan's digest, so the platform applies exactly
 * what was shown, all of it or nothing, and refuses (`plan_stale`) if anything changed in between.
 */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const path = invocation.args['file'] ?? '';
  const document = await readConfigDocument(ctx.io.cwd, path);
  const values = await readSecretValues(ctx, stringOption(invocation.options['secretsFromEnvFile']));
  const prune = pruneOption(invocation.options['prune']);
  const { client } = await openSession(ctx);
  const signal = ctx.signal;
  const plan = await planDocument(client, document, { prune, values, signal });
  const view = (applied: boolean, releases: ReleaseRef[]) => ({ applied, plan_digest: plan.server.digest, changes: plan.changes, summary: plan.summary, releases });
  if (ctx.out.human) ctx.io.stderr.write(formatPlan(plan));
  if (plan.blockers.length > 0) {
    throw new CliError(
      `The plan is blocked: ${plan.blockers.map((b) => b.message).join('; ')}. Nothing was applied.`,
      ExitCode.Conflict,
      'plan_blocked',
      'Pass the secrets’ values with --secrets-from-env-file, or set them with `rig create secret`.',
      { blockers: plan.blockers },
    );
  }
  if (plan.changes.length === 0) return ctx.out.result(view(false, []));
  await confirm(ctx);

  const { releases } = await applyPlan(client, document, plan, { prune, signal });
  ctx.out.success(`Applied: ${plan.summary.create} created, ${plan.summary.update} updated, ${plan.summary.delete} deleted.`);
  noteReleases(ctx, releases);
  ctx.out.result(view(true, releases));
}
