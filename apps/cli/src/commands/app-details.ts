import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { appFields, stringOption } from './views.js';

/** `rig details app <ref>`: every field. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const { client } = await openSession(ctx);
  ctx.out.details(await client.apps.get(network, app, { signal: ctx.signal }), appFields);
}
