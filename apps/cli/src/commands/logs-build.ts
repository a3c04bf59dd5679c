import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { parseLogQuery, printLogs } from './logs-command.js';

/** Deployment states before the build is over: the build log may still grow. */
const BUILDING = new Set(['uploading', 'queued', 'building']);

/**
 * `rig logs build <deployment-id>`: the whole build log of one deployment. With `--follow` it goes on until
 * the build ends, and says how it went. Without, it says when the log is not complete yet.
 */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const id = invocation.args['deployment-id'] ?? '';
  const query = parseLogQuery(invocation.options, ctx.out.mode, undefined);
  const { client } = await openSession(ctx);
  await printLogs(ctx, client.logs, { deployment: id }, query);
  if (!query.follow) {
    const deployment = await client.deployments.get(id, { signal: ctx.signal });
    if (BUILDING.has(deployment.state)) {
      ctx.out.note(`The build of ${id} is still running (${deployment.state}); \`rig logs build ${id} --follow\` streams the rest until it ends.`);
    }
  }
  return 0;
}
