import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { apiSort, appColumns, stringOption } from './views.js';

/** The largest page `GET /api/v1/apps` serves. */
const ALL_APPS_PAGE = 5000;

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
  // One request for every app of every network (pages of up to 5,000), however many networks there are.
  const apps = await client.apps.listAll({ ...query, ...(networkFlag !== undefined ? { network: networkFlag } : {}), limit: ALL_APPS_PAGE }, { signal }).toArray();
  const where = networkFlag !== undefined ? ` in ${networkFlag}` : '';
  ctx.out.list(apps, appColumns, { empty: q ? `No apps${where} match "${q}".` : `No apps${where} yet. Create one with \`rig create app <network>/<app>\`.` });
}
