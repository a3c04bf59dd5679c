import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { parseTimeFlag } from '../parse/parse-time.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { eventColumns } from './event-views.js';
import { stringOption } from './views.js';

/** `rig history [filters]`: audit events, newest first. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const o = invocation.options;
  let network = stringOption(o['network']);
  let app: string | undefined;
  const appFlag = stringOption(o['app']);
  if (appFlag !== undefined) ({ network, app } = parseAppRef(appFlag, network));
  const limitFlag = stringOption(o['limit']);
  const limit = limitFlag === undefined ? 50 : Number(limitFlag);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError(`Invalid value for --limit: "${limitFlag ?? ''}".`, 'Use a whole number from 1 to 10000.');
  const since = stringOption(o['since']);
  const until = stringOption(o['until']);
  const actor = stringOption(o['actor']);
  const action = stringOption(o['action']);
  const params = {
    ...(network !== undefined ? { network } : {}),
    ...(app !== undefined ? { app } : {}),
    ...(actor !== undefined ? { actor } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(since !== undefined ? { since: parseTimeFlag('since', since) } : {}),
    ...(until !== undefined ? { until: parseTimeFlag('until', until) } : {}),
    limit: Math.min(limit, 200),
  };
  const { client } = await openSession(ctx);
  const events = await client.events.list(params, { signal: ctx.signal }).toArray({ max: limit });
  ctx.out.list(events, eventColumns, { empty: 'No events match.' });
}
