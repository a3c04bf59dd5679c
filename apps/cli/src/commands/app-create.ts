import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig create app <network>/<app>` (or `<app> --network <network>`); prints the new app's URL. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const ref = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const description = stringOption(invocation.options['description']);
  const healthCheckPath = stringOption(invocation.options['healthCheckPath']);
  const { client } = await openSession(ctx);
  const app = await client.apps.create(
    ref.network,
    {
      name: ref.app,
      ...(description !== undefined ? { description } : {}),
      ...(healthCheckPath !== undefined ? { health_check_path: healthCheckPath } : {}),
    },
    { signal: ctx.signal },
  );
  ctx.out.success(`Created app ${app.network}/${app.name} (${app.hostname}).`);
  ctx.out.result(app, app.url);
}
