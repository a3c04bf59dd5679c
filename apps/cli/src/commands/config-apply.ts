import type { ConfigDocument, MaxClient, PlanChange, ReleaseRef } from '@max/rig-sdk';
import { planDocument, pruneOption, readConfigDocument, readSecretValues, renderPlan, type SecretWrite } from '../config-plan.js';
import type { CommandContext } from '../context.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { canPrompt } from '../io.js';
import { readLine } from '../prompt.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';
import { stringOption } from './views.js';

/** The document without the given secret keys in scopes that do not exist yet (they cannot hold a value yet). */
function withoutNewScopeSecrets(document: ConfigDocument, writes: readonly SecretWrite[]): ConfigDocument {
  const drop = (network: string, app: string | null, keys: string[] | undefined): string[] | undefined => {
    const write = writes.find((w) => w.newScope && w.network === network && w.app === app);
    return write ? (keys ?? []).filter((k) => !(k in write.values)) : keys;
  };
  return {
    ...document,
    networks: document.networks.map((n) => ({
      ...n,
      ...(n.secrets ? { secrets: drop(n.name, null, n.secrets) ?? [] } : {}),
      ...(n.apps ? { apps: n.apps.map((a) => ({ ...a, ...(a.secrets ? { secrets: drop(n.name, a.name, a.secrets) ?? [] } : {}) })) } : {}),
    })),
  };
}

/**
 * Plans again and applies with that plan's digest, but only if every change is one the user reviewed: the
 * platform then applies exactly that, atomically, or refuses (`plan_stale`) if anything changed in between.
 */
async function applyReviewed(client: MaxClient, document: ConfigDocument, reviewed: ReadonlySet<string>, prune: boolean, signal: AbortSignal): Promise<ReleaseRef[]> {
  const plan = await client.config.plan(document, { prune }, { signal });
  if (plan.blockers.length > 0 || plan.changes.some((c) => !reviewed.has(JSON.stringify(c)))) {
    throw new CliError('The platform changed while applying; the rest of the plan was not applied.', ExitCode.Conflict, 'plan_stale', 'Run `rig config diff` and apply again.');
  }
  if (plan.changes.length === 0) return [];
  return (await client.config.apply(document, { planDigest: plan.digest, prune }, { signal })).releases;
}

async function confirm(ctx: CommandContext): Promise<void> {
  if (ctx.globals.yes) return;
  if (!canPrompt(ctx.io)) throw new UsageError('Refusing to apply without confirmation (not an interactive terminal).', 'Pass --yes to confirm.');
  ctx.io.stderr.write('Apply these changes? [y/N] ');
  const answer = (await readLine(ctx.io.stdin, ctx.signal))?.trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') throw new CliError('Not applied.', ExitCode.Error, 'not_confirmed', 'Answer "y" to apply, or pass --yes.');
}

/** `rig config apply FILE`: show the plan, confirm, apply atomically. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const path = invocation.args['file'] ?? '';
  const document = await readConfigDocument(ctx.io.cwd, path);
  const values = await readSecretValues(ctx, stringOption(invocation.options['secretsFromEnvFile']));
  const prune = pruneOption(invocation.options['prune']);
  const { client } = await openSession(ctx);
  const signal = ctx.signal;
  const plan = await planDocument(client, document, { prune, values, signal });
  const view = (applied: boolean, releases: ReleaseRef[]) => ({ applied, plan_digest: plan.server.digest, changes: plan.changes, summary: plan.summary, releases });
  if (ctx.out.human) ctx.io.stderr.write(renderPlan(plan));
  if (plan.blockers.length > 0) {
    throw new CliError(
      `The plan is blocked: ${plan.blockers.map((b) => b.message).join('; ')}. Nothing was applied.`,
      ExitCode.Conflict,
      'plan_blocked',
      'Set the missing secrets (`rig create secret`), or pass their values with --secrets-from-env-file.',
      { blockers: plan.blockers },
    );
  }
  if (plan.changes.length === 0) return ctx.out.result(view(false, []));
  await confirm(ctx);

  const reviewed = new Set(plan.server.changes.map((c: PlanChange) => JSON.stringify(c)));
  const releases: ReleaseRef[] = [];
  if (plan.writes.length === 0) {
    releases.push(...(await client.config.apply(document, { planDigest: plan.server.digest, prune }, { signal })).releases);
  } else {
    // Secret values never travel in documents: networks and apps the plan creates must exist before their
    // secrets can be set, so they are created first (without those keys), then the values are set, then the
    // whole document is applied. Each step is atomic; a failure in between leaves the earlier steps applied.
    if (plan.writes.some((w) => w.newScope)) releases.push(...(await applyReviewed(client, withoutNewScopeSecrets(document, plan.writes), reviewed, prune, signal)));
    for (const write of plan.writes) {
      const scope = write.app === null ? { network: write.network } : { network: write.network, app: write.app };
      releases.push(...(await client.secrets.set(scope, write.values, { signal })).releases);
    }
    releases.push(...(await applyReviewed(client, document, reviewed, prune, signal)));
  }
  ctx.out.success(`Applied: ${plan.summary.create} created, ${plan.summary.update} updated, ${plan.summary.delete} deleted.`);
  noteReleases(ctx, releases);
  ctx.out.result(view(true, releases));
}
