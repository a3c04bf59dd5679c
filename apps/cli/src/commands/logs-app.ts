import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { DEFAULT_TAIL, parseLogQuery, printLogs } from './logs-command.js';
import { stringOption } from './views.js';

/** `rig logs app <ref>`: an app's runtime output (its processes and the platform's lines about them). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const query = parseLogQuery(invocation.options, ctx.out.mode, DEFAULT_TAIL);
  const { client } = await openSession(ctx);
  await printLogs(ctx, client.logs, { network, app }, query);
  return 0;
}
