import { toEffectiveEnvEntry, type App, type EffectiveEnvEntry } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';
import { renderEnvTable } from '../output/env-table.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { appFields, stringOption } from './views.js';

/** One key of the effective environment as rig shows it (the SDK's view: secrets by digest only). */
export type EnvEntryView = EffectiveEnvEntry;

/** `rig details app <ref>`: every field, then the effective environment with sources and overrides (two requests). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const { client } = await openSession(ctx);
  const signal = ctx.signal;
  const [details, env] = await Promise.all([client.apps.get(network, app, { signal }), client.apps.env(network, app, { signal })]);
  const view = { ...details, env: env.data.map(toEffectiveEnvEntry) };
  if (!ctx.out.human) return ctx.out.value(view);
  ctx.out.details<App>(details, appFields as readonly Column<App>[]);
  ctx.io.stdout.write(renderEnvTable(view.env, { tty: ctx.io.isStdoutTTY }));
}
