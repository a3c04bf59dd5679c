import type { Event, MaxClient } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { renderTable } from '../output/table.js';
import { palette } from '../output/colors.js';
import { parseTimeFlag } from '../parse/parse-time.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { matchesEventFilter, type EventFilter } from './event-filter.js';
import { eventColumns } from './event-views.js';
import { stringOption } from './views.js';

/** The newest event's seq of the whole feed (0 when there is none): where a live stream picks up. */
async function latestSeq(client: MaxClient, signal: AbortSignal): Promise<number> {
  const [newest] = await client.events.list({ limit: 1 }, { signal }).toArray({ max: 1 });
  return newest?.seq ?? 0;
}

/**
 * `--follow`: every event after `afterSeq` that matches the filters and was not listed already, as it happens.
 * Table mode prints one row per event (tab-separated when piped, like the list); `-o jsonl` one object per line.
 * A range the platform no longer holds is reported on stderr, never skipped in silence.
 */
async function follow(ctx: CommandContext, client: MaxClient, filter: EventFilter, afterSeq: number, listed: ReadonlySet<string>): Promise<void> {
  if (ctx.out.human && ctx.io.isStderrTTY) ctx.out.note(ctx.out.err.dim('Following new events; Ctrl-C stops.'));
  const style = { tty: false, palette: palette(ctx.globals.color && ctx.io.isStdoutTTY), columns: ctx.io.columns };
  for await (const item of client.events.stream({ afterSeq, signal: ctx.signal })) {
    if (item.type === 'gap') {
      ctx.out.warn(`events ${item.fromSeq}–${item.toSeq} are no longer held by the platform (${item.reason}); they cannot be shown.`);
      continue;
    }
    const event = item.event;
    if (listed.has(event.id) || !matchesEventFilter(event, filter)) continue;
    if (ctx.out.human) {
      // One row per event: tab-separated when piped (the list's format), two spaces between columns on a terminal.
      const row = renderTable([event], eventColumns, style);
      ctx.io.stdout.write(ctx.io.isStdoutTTY ? row.replace(/\t/g, '  ') : row);
    } else ctx.out.line(event);
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
  const filter: EventFilter = {
    ...(network !== undefined ? { network } : {}),
    ...(app !== undefined ? { app } : {}),
    ...(actor !== undefined ? { actor } : {}),
    ...(action !== undefined ? { action } : {}),
  };
  const params = {
    ...filter,
    ...(since !== undefined ? { since: parseTimeFlag('since', since) } : {}),
    ...(until !== undefined ? { until: parseTimeFlag('until', until) } : {}),
    limit: Math.min(limit, 200),
  };
  const { client } = await openSession(ctx);
  // The live stream starts after the newest event that existed before the list was read, so an event made in
  // between is either listed or streamed (the `listed` set drops the one that would be both).
  const cursor = following ? await latestSeq(client, ctx.signal) : 0;
  const events: Event[] = await client.events.list(params, { signal: ctx.signal }).toArray({ max: limit });
  if (!following) return ctx.out.list(events, eventColumns, { empty: 'No events match.' });
  // Followed output reads top to bottom in time order, like `tail -f`: the history first, then what happens next.
  ctx.out.list([...events].reverse(), eventColumns);
  await follow(ctx, client, filter, cursor, new Set(events.map((e) => e.id)));
}
