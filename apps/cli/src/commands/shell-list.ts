import type { ShellSession } from '@max/rig-sdk';
import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

const columns: readonly Column<ShellSession>[] = [
  { header: 'ID', key: 'id', value: (s) => s.id },
  { header: 'TARGET', key: 'target', value: (s) => (s.app === null ? `${s.network} (network)` : `${s.network}/${s.app}`) },
  { header: 'STATE', key: 'state', value: (s) => (s.state === 'exited' ? `exited (${s.exit_code ?? s.signal ?? '?'})` : s.state), style: (text, s, p) => (s.state === 'running' ? p.green(text) : text) },
  { header: 'ATTACHED', key: 'attached_clients', value: (s) => s.attached_clients },
  { header: 'PID', key: 'pid', value: (s) => s.pid },
  { header: 'CREATED', key: 'created_at', value: (s) => s.created_at, kind: 'time' },
  { header: 'COMMAND', key: 'command', value: (s) => s.command.join(' '), flexible: true },
];

/** `rig shell list`: the caller's sessions, newest first. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const networkFlag = stringOption(invocation.options['network']);
  const appFlag = stringOption(invocation.options['app']);
  const scope = appFlag === undefined ? { network: networkFlag } : parseAppRef(appFlag, networkFlag);
  const state = stringOption(invocation.options['state']) as ShellSession['state'] | undefined;
  const { client } = await openSession(ctx);
  const sessions = await client.shells
    .list({ ...(scope.network === undefined ? {} : { network: scope.network }), ...('app' in scope ? { app: scope.app } : {}), ...(state ? { state } : {}) }, { signal: ctx.signal })
    .toArray();
  ctx.out.list(sessions, columns, { empty: 'No shell sessions. Start one with `rig shell app <network>/<app>`.' });
  return 0;
}
