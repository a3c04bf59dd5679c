import type { CommandContext } from '../context.js';
import { describeScope, parseEnvScope, sdkScope } from '../env-scope.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { varColumns } from './env-views.js';

/** `rig status var --network N [--app A]`: the vars set at exactly that scope. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const scope = parseEnvScope(invocation);
  const { client } = await openSession(ctx);
  const vars = await client.vars.list(sdkScope(scope), { limit: 200 }, { signal: ctx.signal }).toArray();
  ctx.out.list(vars, varColumns, { empty: `No vars on ${describeScope(scope)}. Set some with \`rig create var KEY=VALUE\`.` });
}
