import type { CommandContext } from '../context.js';
import { describeScope, parseEnvScope, sdkScope } from '../env-scope.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { secretColumns } from './env-views.js';

/** `rig status secret --network N [--app A]`: keys and digests, never values. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const scope = parseEnvScope(invocation);
  const { client } = await openSession(ctx);
  const secrets = await client.secrets.list(sdkScope(scope), { limit: 200 }, { signal: ctx.signal }).toArray();
  ctx.out.list(secrets, secretColumns, { empty: `No secrets on ${describeScope(scope)}. Set one with \`rig create secret KEY\`.` });
}
