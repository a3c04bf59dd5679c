import { parseAppRef } from '../app-ref.js';
import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { parseDurationFlag } from '../parse/parse-duration.js';
import { asRemoteFailure, processIo, relayRun, type CommandResult } from '../remote/run-relay.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

const MAX_TIMEOUT_SECONDS = 86_400;

/**
 * `rig command <ref> -- <argv…>`: run a program remotely and relay its I/O and exit code, as ssh does.
 * `rig command attach <run-id>`: the same relay for a run that already exists. (`attach` cannot be an app
 * reference by itself — those are `<network>/<app>` or need `--network` — so the two never collide.)
 */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<number> {
  processIo(ctx);
  const ref = invocation.args['app'] ?? '';
  const networkFlag = stringOption(invocation.options['network']);
  if (ref === 'attach' && networkFlag === undefined) return attach(ctx, invocation);

  const argv = [...invocation.variadic];
  if (argv.length === 0) throw new UsageError('Missing the command to run.', 'Put it after `--`: `rig command demo/web -- ls -la`.');
  // `<network>/`: the network's workspace instead of an app.
  const networkOnly = /^[^/]+\/$/.test(ref) ? ref.slice(0, -1) : undefined;
  if (networkOnly !== undefined && networkFlag !== undefined) throw new UsageError('`<network>/` already names the network; leave out --network.');
  const target = networkOnly !== undefined ? { network: networkOnly } : parseAppRef(ref, networkFlag);
  const timeout = stringOption(invocation.options['timeout']);
  const timeoutSeconds = timeout === undefined ? undefined : Math.ceil(parseDurationFlag('timeout', timeout) / 1000);
  if (timeoutSeconds !== undefined && timeoutSeconds > MAX_TIMEOUT_SECONDS) throw new UsageError('--timeout can be at most 24h.');

  return asRemoteFailure(async () => {
    const { client } = await openSession(ctx);
    const input = { command: argv, ...(timeoutSeconds === undefined ? {} : { timeout_seconds: timeoutSeconds }) };
    if (invocation.options['detach'] !== true) {
      const { run: started, attachment } = await client.runs.start(target, input, { signal: ctx.signal });
      return relayRun(ctx, client, started, attachment);
    }
    const created = await client.runs.create(target, input, { signal: ctx.signal });
    ctx.out.note(`Started run ${created.id}. Follow it with: rig command attach ${created.id}`);
    const result: CommandResult = {
      id: created.id,
      network: created.network,
      app: created.app,
      command: created.command,
      state: 'running',
      exit_code: null,
      signal: null,
      error: null,
      stdout_bytes: 0,
      stderr_bytes: 0,
      lost_bytes: 0,
    };
    ctx.out.result(result, created.id);
    return 0;
  });
}

async function attach(ctx: CommandContext, invocation: Invocation): Promise<number> {
  const [id, ...extra] = invocation.variadic;
  if (id === undefined) throw new UsageError('Missing the run id: `rig command attach <run-id>`.', '`rig command --detach` prints it.');
  if (extra.length > 0 || invocation.options['detach'] === true || invocation.options['timeout'] !== undefined) {
    throw new UsageError('`rig command attach` takes only a run id.', 'To run a command in an app called `attach`, name its network: `rig command <network>/attach -- …`.');
  }
  return asRemoteFailure(async () => {
    const { client } = await openSession(ctx);
    const existing = await client.runs.get(id, { signal: ctx.signal });
    return relayRun(ctx, client, existing);
  });
}
