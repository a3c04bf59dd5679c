import type { Dashboard, MaxClient } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { palette } from '../output/colors.js';
import { renderTable, type Column } from '../output/table.js';
import type { Invocation } from './command-def.js';
import { eventColumns } from './event-views.js';
import { appColumns, networkColumns, stringOption } from './views.js';
import { openSession } from '../session.js';

type DashboardApp = Dashboard['apps'][number];

const dashboardAppColumns: readonly Column<DashboardApp>[] = [
  ...(appColumns.filter((c) => c.key !== 'created_at') as unknown as readonly Column<DashboardApp>[]),
  { header: 'LAST DEPLOY', key: 'latest_deployment', value: (a) => a.latest_deployment?.state ?? null },
];

function countsLine(d: Dashboard): string {
  const s = d.counts.apps_by_status;
  const byStatus = (['running', 'deploying', 'crashed', 'stopped', 'created'] as const).filter((k) => s[k] > 0).map((k) => `${s[k]} ${k}`);
  return `${d.counts.networks} network${d.counts.networks === 1 ? '' : 's'} · ${d.counts.apps} app${d.counts.apps === 1 ? '' : 's'}${byStatus.length > 0 ? ` (${byStatus.join(', ')})` : ''} · ${d.counts.deployments_in_progress} deployment${d.counts.deployments_in_progress === 1 ? '' : 's'} in progress`;
}

function renderDashboard(ctx: CommandContext, dashboard: Dashboard): string {
  const style = { tty: ctx.io.isStdoutTTY, palette: palette(ctx.globals.color && ctx.io.isStdoutTTY), columns: ctx.io.columns };
  const title = (text: string) => (style.tty ? `${text}\n` : `# ${text}\n`);
  const sections = [title(countsLine(dashboard))];
  sections.push(title('Networks') + (dashboard.networks.length > 0 ? renderTable(dashboard.networks, networkColumns, style) : '(none)\n'));
  sections.push(title('Apps') + (dashboard.apps.length > 0 ? renderTable(dashboard.apps, dashboardAppColumns, style) : '(none)\n'));
  if (dashboard.truncated) sections.push('Only the first apps are shown; `rig status app` lists them all.\n');
  sections.push(title('Recent events') + (dashboard.recent_events.length > 0 ? renderTable(dashboard.recent_events, eventColumns, style) : '(none)\n'));
  return sections.join('\n');
}

/** Clear the screen and home the cursor: the watched view replaces itself instead of scrolling. */
const CLEAR_SCREEN = '\u001b[H\u001b[2J';

/** Events often come in bursts (a config apply, a deploy): one refresh per burst is enough. */
const REFRESH_DELAY_MS = 150;

/**
 * `--watch`: fetch, show, and fetch again after every change on the live events stream. On a terminal the view is
 * redrawn in place; piped, every change prints a new document (`-o jsonl`: one Dashboard per line).
 */
async function watch(ctx: CommandContext, client: MaxClient, events: number): Promise<void> {
  const redraw = ctx.out.human && ctx.io.isStdoutTTY;
  const show = (dashboard: Dashboard): void => {
    if (!ctx.out.human) return ctx.out.line(dashboard);
    const footer = `Updated ${new Date().toLocaleTimeString()} · watching for changes, Ctrl-C stops`;
    if (redraw) ctx.io.stdout.write(`${CLEAR_SCREEN}${renderDashboard(ctx, dashboard)}\n${ctx.out.err.dim(footer)}\n`);
    else ctx.io.stdout.write(`${renderDashboard(ctx, dashboard)}\n`);
  };
  // Everything after the newest event that existed before the first fetch triggers a refresh, so no change made
  // between the fetch and the subscription is missed.
  const [newest] = await client.events.list({ limit: 1 }, { signal: ctx.signal }).toArray({ max: 1 });
  show(await client.dashboard.get({ events }, { signal: ctx.signal }));

  const stop = new AbortController();
  const signal = AbortSignal.any([ctx.signal, stop.signal]);
  let failure: unknown;
  let queue: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const refresh = (): void => {
    timer = undefined;
    queue = queue
      .then(async () => show(await client.dashboard.get({ events }, { signal })))
      .catch((error: unknown) => {
        failure ??= error;
        stop.abort();
      });
  };
  try {
    for await (const item of client.events.stream({ afterSeq: newest?.seq ?? 0, signal })) {
      if (item.type === 'gap') ctx.out.warn(`events ${item.fromSeq}–${item.toSeq} are no longer held by the platform (${item.reason}); the view is refreshed anyway.`);
      timer ??= setTimeout(refresh, REFRESH_DELAY_MS);
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
  }
  await queue;
  if (failure !== undefined) throw failure;
}

/** `rig status dashboard`: networks, apps, recent events and counts, from one request; `--watch` keeps it current. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const eventsFlag = stringOption(invocation.options['events']);
  const events = eventsFlag === undefined ? 10 : Number(eventsFlag);
  if (!Number.isInteger(events) || events < 0 || events > 100) throw new UsageError(`Invalid value for --events: "${eventsFlag ?? ''}".`, 'Use a whole number from 0 to 100.');
  const watching = invocation.options['watch'] === true;
  if (watching && ctx.out.mode === 'json') throw new UsageError('--watch prints a new dashboard on every change, so it cannot print one JSON document.', 'Use -o jsonl (one dashboard per line) with --watch.');
  const { client } = await openSession(ctx);
  if (watching) return watch(ctx, client, events);
  const dashboard = await client.dashboard.get({ events }, { signal: ctx.signal });
  if (!ctx.out.human) return ctx.out.value(dashboard);
  ctx.io.stdout.write(renderDashboard(ctx, dashboard));
}
