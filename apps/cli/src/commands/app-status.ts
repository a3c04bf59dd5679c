import type { App } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { apiSort, appColumns, stringOption } from './views.js';

/** `rig status app [ref]`: one app, the apps of `--network`, or the apps of every network. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const networkFlag = stringOption(invocation.options['network']);
  const ref = invocation.args['app'];
  const { client } = await openSession(ctx);
  const signal = ctx.signal;
  if (ref !== undefined) {
    const { network, app } = parseAppRef(ref, networkFlag);
    ctx.out.row(await client.apps.get(network, app, { signal }), appColumns);
    return;
  }
  const q = stringOption(invocation.options['filter']);
  const sort = apiSort(invocation.options['sort']);
  const query = { ...(q !== undefined ? { q } : {}), ...(sort ? { sort } : {}) };
  const networks = networkFlag !== undefined ? [networkFlag] : (await client.networks.list({}, { signal }).toArray()).map((n) => n.name);
  const apps: App[] = [];
  for (const network of networks) apps.push(...(await client.apps.list(network, query, { signal }).toArray()));
  const where = networkFlag !== undefined ? ` in ${networkFlag}` : '';
  ctx.out.list(apps, appColumns, { empty: q ? `No apps${where} match "${q}".` : `No apps${where} yet. Create one with \`rig create app <network>/<app>\`.` });
}
