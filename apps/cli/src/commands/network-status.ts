import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { apiSort, networkColumns, stringOption } from './views.js';

/** `rig status network [name]`: one network, or the list (`--filter`, `--sort`). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { client } = await openSession(ctx);
  const name = invocation.args['name'];
  if (name !== undefined) {
    ctx.out.row(await client.networks.get(name, { signal: ctx.signal }), networkColumns);
    return;
  }
  const q = stringOption(invocation.options['filter']);
  const sort = apiSort(invocation.options['sort']);
  const networks = await client.networks.list({ ...(q !== undefined ? { q } : {}), ...(sort ? { sort } : {}) }, { signal: ctx.signal }).toArray();
  ctx.out.list(networks, networkColumns, { empty: q ? `No networks match "${q}".` : 'No networks yet. Create one with `rig create network <name>`.' });
}
