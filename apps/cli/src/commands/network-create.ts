import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig create network <name>`. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const name = invocation.args['name'] ?? '';
  const description = stringOption(invocation.options['description']);
  const { client } = await openSession(ctx);
  const network = await client.networks.create({ name, ...(description !== undefined ? { description } : {}) }, { signal: ctx.signal });
  ctx.out.success(`Created network ${network.name}.`);
  ctx.out.result(network);
}
