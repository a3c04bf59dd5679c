import type { CommandContext } from '../context.js';
import { relayShell, requireTerminal } from '../remote/shell-relay.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';

/** `rig shell attach <id>`: back into a running session; the buffered scrollback is replayed first. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  requireTerminal(ctx);
  const { client } = await openSession(ctx);
  return relayShell(ctx, client, invocation.args['session-id'] ?? '');
}
