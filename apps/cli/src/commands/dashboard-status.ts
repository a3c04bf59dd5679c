import type { Dashboard } from '@max/rig-sdk';
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

/** `rig status dashboard`: networks, apps, recent events and counts, from one request. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const eventsFlag = stringOption(invocation.options['events']);
  const events = eventsFlag === undefined ? 10 : Number(eventsFlag);
  if (!Number.isInteger(events) || events < 0 || events > 100) throw new UsageError(`Invalid value for --events: "${eventsFlag ?? ''}".`, 'Use a whole number from 0 to 100.');
  const { client } = await openSession(ctx);
  const dashboard = await client.dashboard.get({ events }, { signal: ctx.signal });
  if (!ctx.out.human) return ctx.out.value(dashboard);
  const style = { tty: ctx.io.isStdoutTTY, palette: palette(ctx.globals.color && ctx.io.isStdoutTTY), columns: ctx.io.columns };
  const title = (text: string) => (style.tty ? `${text}\n` : `# ${text}\n`);
  const sections = [title(countsLine(dashboard))];
  sections.push(title('Networks') + (dashboard.networks.length > 0 ? renderTable(dashboard.networks, networkColumns, style) : '(none)\n'));
  sections.push(title('Apps') + (dashboard.apps.length > 0 ? renderTable(dashboard.apps, dashboardAppColumns, style) : '(none)\n'));
  if (dashboard.truncated) sections.push('Only the first apps are shown; `rig status app` lists them all.\n');
  sections.push(title('Recent events') + (dashboard.recent_events.length > 0 ? renderTable(dashboard.recent_events, eventColumns, style) : '(none)\n'));
  ctx.io.stdout.write(sections.join('\n'));
}
