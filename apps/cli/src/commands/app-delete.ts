import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { canPrompt } from '../io.js';
import { confirmDestructive } from '../prompt.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig delete app <ref>`: confirmed by typing the app name, or `--yes`. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const { client } = await openSession(ctx);
  // Look it up first so a typo fails (exit 4) before anyone is asked to confirm.
  if (!ctx.globals.yes && canPrompt(ctx.io)) await client.apps.get(network, app, { signal: ctx.signal });
  await confirmDestructive(ctx, { kind: 'app', name: app, warning: `This deletes the app ${network}/${app}.` });
  await client.apps.delete(network, app, { signal: ctx.signal });
  ctx.out.success(`Deleted app ${network}/${app}.`);
  ctx.out.result({ network, name: app, deleted: true });
}
