import type { CommandContext } from '../context.js';
import { describeScope, parseEnvScope, sdkScope } from '../env-scope.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';

/** `rig delete var KEY… --network N [--app A]`: one atomic request; absent keys are ignored. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const scope = parseEnvScope(invocation);
  const keys = [...new Set(invocation.variadic)];
  const { client } = await openSession(ctx);
  const result = await client.vars.unset(sdkScope(scope), keys, { signal: ctx.signal });
  const absent = keys.filter((k) => !result.unset.includes(k));
  if (result.unset.length > 0) ctx.out.success(`Removed ${result.unset.join(', ')} from ${describeScope(scope)}.`);
  if (absent.length > 0 && ctx.out.human) ctx.out.note(`Not set on ${describeScope(scope)} (nothing to remove): ${absent.join(', ')}.`);
  noteReleases(ctx, result.releases);
  ctx.out.result({ network: scope.network, app: scope.app, unset: result.unset, releases: result.releases });
}
