import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';

/** `rig shell kill <id>`: hang up a session (SIGHUP, then SIGKILL) and detach its terminals. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const id = invocation.args['session-id'] ?? '';
  const { client } = await openSession(ctx);
  await client.shells.delete(id, { signal: ctx.signal });
  const session = await client.shells.get(id, { signal: ctx.signal });
  ctx.out.success(`Ended shell session ${id}${session.app === null ? ` in ${session.network}` : ` in ${session.network}/${session.app}`}.`);
  ctx.out.result(session);
  return 0;
}
