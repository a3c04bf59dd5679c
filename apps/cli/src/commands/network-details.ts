import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { networkFields } from './views.js';

/** `rig details network <name>`: every field. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { client } = await openSession(ctx);
  ctx.out.details(await client.networks.get(invocation.args['name'] ?? '', { signal: ctx.signal }), networkFields);
}
