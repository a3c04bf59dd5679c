import type { Event, EventFollowParams, MaxClient } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { renderTable } from '../output/table.js';
import { palette } from '../output/colors.js';
import { parseTimeFlag } from '../parse/parse-time.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { eventColumns } from './event-views.js';
import { stringOption } from './views.js';

/**
 * `--follow`: the history oldest first (like `tail -f`), then every new matching event as it happens, from
 * `client.events.follow` (which filters live events like the API filters the list, and drops the duplicate
 * at the boundary). The history is one table; live rows come one by one (tab-separated when piped, like the
 * list); `-o jsonl` prints one object per event. A range the platform no longer holds is told on stderr.
 */
async function follow(ctx: CommandContext, client: MaxClient, params: EventFollowParams): Promise<void> {
  const style = { tty: false, palette: palette(ctx.globals.color && ctx.io.isStdoutTTY), columns: ctx.io.columns };
  const history: Event[] = [];
  let live = false;
  for await (const item of client.events.follow({ ...params, signal: ctx.signal })) {
    if (item.type === 'gap') {
      ctx.out.warn(`events ${item.fromSeq}–${item.toSeq} are no longer held by the platform (${item.reason}); they cannot be shown.`);
    } else if (item.type === 'live') {
      live = true;
      ctx.out.list(history, eventColumns);
      if (ctx.out.human && ctx.io.isStderrTTY) ctx.out.note(ctx.out.err.dim('Following new events; Ctrl-C stops.'));
    } else if (!live) {
      history.push(item.event);
    } else if (ctx.out.human) {
      // One row per event: tab-separated when piped (the list's format), two spaces between columns on a terminal.
      const row = renderTable([item.event], eventColumns, style);
      ctx.io.stdout.write(ctx.io.isStdoutTTY ? row.replace(/\t/g, '  ') : row);
    } else ctx.out.line(item.event);
  }
}

/** `rig history [filters] [--follow]`: audit events, newest first; with `--follow`, oldest first and then live. */
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
  const following = o['follow'] === true;
  if (following && ctx.out.mode === 'json') throw new UsageError('--follow streams events, so it cannot print one JSON document.', 'Use -o jsonl (one JSON object per event) with --follow.');
  if (following && until !== undefined) throw new UsageError('--follow shows new events, so it cannot stop at --until.', 'Pass only one of them.');
  const filters = {
    ...(network !== undefined ? { network } : {}),
    ...(app !== undefined ? { app } : {}),
    ...(actor !== undefined ? { actor } : {}),
    ...(action !== undefined ? { action } : {}),
    ...(since !== undefined ? { since: parseTimeFlag('since', since) } : {}),
  };
  const range = until !== undefined ? { until: parseTimeFlag('until', until) } : {};
  const { client } = await openSession(ctx);
  if (following) return follow(ctx, client, { ...filters, tail: limit });
  const params = { ...filters, ...range, limit: Math.min(limit, 200) };
  const events: Event[] = await client.events.list(params, { signal: ctx.signal }).toArray({ max: limit });
  ctx.out.list(events, eventColumns, { empty: 'No events match.' });
}
