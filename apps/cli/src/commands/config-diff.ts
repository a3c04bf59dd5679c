import { formatPlan, planDocument } from '@max/rig-sdk';
import { pruneOption, readConfigDocument, readSecretValues } from '../config-plan.js';
import type { CommandContext } from '../context.js';
import { ExitCode } from '../errors/exit-codes.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig config diff FILE`: the plan against the live platform; exit 5 when they differ (a drift check). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const path = invocation.args['file'] ?? '';
  const document = await readConfigDocument(ctx.io.cwd, path);
  const values = await readSecretValues(ctx, stringOption(invocation.options['secretsFromEnvFile']));
  const prune = pruneOption(invocation.options['prune']);
  const { client } = await openSession(ctx);
  const plan = await planDocument(client, document, { prune, values, signal: ctx.signal });
  const inSync = plan.changes.length === 0 && plan.blockers.length === 0;
  if (ctx.out.human) ctx.io.stdout.write(formatPlan(plan));
  else ctx.out.value({ in_sync: inSync, plan_digest: plan.server.digest, changes: plan.changes, blockers: plan.blockers, summary: plan.summary });
  return inSync ? ExitCode.Ok : ExitCode.Conflict;
}
