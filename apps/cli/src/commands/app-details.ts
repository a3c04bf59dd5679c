import type { App, EnvEntry, Secret } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';
import { renderEnvTable } from '../output/env-table.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { appFields, stringOption } from './views.js';

/** One key of the effective environment as rig shows it: secrets carry the digest of the value that wins. */
export interface EnvEntryView {
  key: string;
  source: EnvEntry['source'];
  value: string | null;
  digest?: string;
  overridden: EnvEntry['source'][];
}

/** App secrets override network secrets, so the digest shown is the app's when it has the key. */
export function withDigests(entries: readonly EnvEntry[], appSecrets: readonly Secret[], networkSecrets: readonly Secret[]): EnvEntryView[] {
  const digests = new Map<string, string>([...networkSecrets, ...appSecrets].map((s) => [s.key, s.digest]));
  return entries.map((entry) => {
    const digest = entry.source === 'secret' ? digests.get(entry.key) : undefined;
    return { key: entry.key, source: entry.source, value: entry.source === 'secret' ? null : entry.value, ...(digest !== undefined ? { digest } : {}), overridden: [...entry.overridden] };
  });
}

/** `rig details app <ref>`: every field, then the effective environment with sources and overrides. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const { network, app } = parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const { client } = await openSession(ctx);
  const signal = ctx.signal;
  const [details, env, appSecrets, networkSecrets] = await Promise.all([
    client.apps.get(network, app, { signal }),
    client.apps.env(network, app, { signal }),
    client.secrets.list({ network, app }, { limit: 200 }, { signal }).toArray(),
    client.secrets.list({ network }, { limit: 200 }, { signal }).toArray(),
  ]);
  const view = { ...details, env: withDigests(env.data, appSecrets, networkSecrets) };
  if (!ctx.out.human) return ctx.out.value(view);
  ctx.out.details<App>(details, appFields as readonly Column<App>[]);
  ctx.io.stdout.write(renderEnvTable(view.env, { tty: ctx.io.isStdoutTTY }));
}
