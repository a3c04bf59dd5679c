import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';

/** `rig revert <event-id>`: the inverse change, recorded as a new event. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const id = invocation.args['event-id'] ?? '';
  const { client } = await openSession(ctx);
  const result = await client.events.revert(id, { signal: ctx.signal });
  ctx.out.success(`Reverted ${id} (${result.event.action}); recorded as ${result.event.id}.`);
  noteReleases(ctx, result.releases);
  ctx.out.result(result, result.event.id);
}
