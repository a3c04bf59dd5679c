import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { DEFAULT_TAIL, parseLogQuery, printLogs } from './logs-command.js';

/** `rig logs network <name>`: the runtime output of every app of a network, merged; each line names its app. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const network = invocation.args['name'] ?? '';
  const query = parseLogQuery(invocation.options, ctx.out.mode, DEFAULT_TAIL);
  const { client } = await openSession(ctx);
  await printLogs(ctx, client.logs, { network }, query);
  return 0;
}
