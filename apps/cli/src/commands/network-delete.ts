import type { CommandContext } from '../context.js';
import { canPrompt } from '../io.js';
import { confirmDestructive } from '../prompt.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';

/** `rig delete network <name> [--force]`: confirmed by typing the name, or `--yes`. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const name = invocation.args['name'] ?? '';
  const force = invocation.options['force'] === true;
  const { client } = await openSession(ctx);
  let warning = `This deletes the network ${name}${force ? ' and all of its apps' : ''}.`;
  if (!ctx.globals.yes && canPrompt(ctx.io)) {
    // Look it up first so a typo fails (exit 4) before anyone is asked to confirm, and the warning can say how much goes.
    const network = await client.networks.get(name, { signal: ctx.signal });
    if (force && network.app_count > 0) warning = `This deletes the network ${name} and its ${network.app_count} app${network.app_count === 1 ? '' : 's'}.`;
  }
  await confirmDestructive(ctx, { kind: 'network', name, warning });
  await client.networks.delete(name, { ...(force ? { force } : {}) }, { signal: ctx.signal });
  ctx.out.success(`Deleted network ${name}.`);
  ctx.out.result({ name, deleted: true });
}
