import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { parseDurationFlag } from '../parse/parse-duration.js';
import { relayShell, requireTerminal, terminalSize } from '../remote/shell-relay.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

const TERM_PATTERN = /^[A-Za-z0-9._+-]{1,64}$/;

/** `rig shell app <ref>` / `rig shell network <name>`: start a PTY session and attach this terminal to it. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const terminal = requireTerminal(ctx); // before anything is sent: a script gets exit 2 and a hint
  const target =
    invocation.command === 'shell network'
      ? { network: invocation.args['name'] ?? '' }
      : parseAppRef(invocation.args['app'] ?? '', stringOption(invocation.options['network']));
  const timeout = stringOption(invocation.options['detachTimeout']);
  const detachTimeoutSeconds = timeout === undefined ? undefined : Math.max(1, Math.ceil(parseDurationFlag('detach-timeout', timeout) / 1000));
  if (detachTimeoutSeconds !== undefined && detachTimeoutSeconds > 86_400) throw new UsageError('--detach-timeout can be at most 24h.');
  const term = ctx.io.env['TERM'];
  const { client } = await openSession(ctx);
  const session = await client.shells.create(target, {
    ...terminalSize(terminal),
    ...(term !== undefined && TERM_PATTERN.test(term) ? { term } : {}),
    ...(detachTimeoutSeconds === undefined ? {} : { detach_timeout_seconds: detachTimeoutSeconds }),
  }, { signal: ctx.signal });
  return relayShell(ctx, client, session.id);
}
