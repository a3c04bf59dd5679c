import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { releaseColumns } from './release-views.js';
import { stringOption } from './views.js';

/** `rig releases <app>`: an app's releases, newest first. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const limitFlag = stringOption(invocation.options['limit']);
  const limit = limitFlag === undefined ? 50 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`Invalid value for --limit: "${limitFlag ?? ''}".`, 'Use a whole number from 1 to 10000.');
  const { client } = await openSession(ctx);
  const releases = await client.releases.list(network, app, { limit: Math.min(limit, 200) }, { signal: ctx.signal }).toArray({ max: limit });
  ctx.out.list(releases, releaseColumns, { empty: `${network}/${app} has no releases yet; \`rig deploy --app ${network}/${app}\` makes the first.` });
}
