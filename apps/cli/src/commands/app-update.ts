import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig update app <ref> [--description D] [--health-check-path P]`. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const description = stringOption(invocation.options['description']);
  const healthCheckPath = stringOption(invocation.options['healthCheckPath']);
  if (description === undefined && healthCheckPath === undefined) {
    throw new UsageError('Nothing to update.', 'Pass --description and/or --health-check-path.');
  }
  const { client } = await openSession(ctx);
  const updated = await client.apps.update(
    network,
    app,
    { ...(description !== undefined ? { description } : {}), ...(healthCheckPath !== undefined ? { health_check_path: healthCheckPath } : {}) },
    { signal: ctx.signal },
  );
  ctx.out.success(`Updated app ${updated.network}/${updated.name}.`);
  ctx.out.result(updated);
}
