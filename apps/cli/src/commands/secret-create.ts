import { isEnvKey } from '@max/api-spec';
import type { CommandContext } from '../context.js';
import { describeScope, parseEnvScope, sdkScope } from '../env-scope.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { readEnvFile } from '../read-input-file.js';
import { readSecretValue } from '../read-secret.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';
import { stringOption } from './views.js';

/**
 * `rig create secret KEY [--from-file F]` or `--from-env-file F`, at `--network N [--app A]`. The value never
 * comes from argv; afterwards only the key and digest are shown.
 */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const key = invocation.args['key'];
  const envFile = stringOption(invocation.options['fromEnvFile']);
  const fromFile = stringOption(invocation.options['fromFile']);
  if (key !== undefined && key.includes('=')) {
    // Never repeat the argument: everything after `=` is a secret that is now in the shell history.
    const name = key.slice(0, key.indexOf('='));
    throw new UsageError(
      'rig never takes a secret value on the command line (it would leak into shell history and process lists); nothing was set.',
      `Pass only the key and the value on stdin: \`rig create secret ${isEnvKey(name) ? name : 'KEY'} --network <network> < value.txt\`, or type it at the prompt, or use --from-file. Consider the value exposed and rotate it.`,
    );
  }
  const scope = parseEnvScope(invocation);
  let values: Record<string, string>;
  if (envFile !== undefined) {
    if (key !== undefined || fromFile !== undefined) throw new UsageError('--from-env-file sets every secret of the file; pass no KEY and no --from-file with it.');
    values = Object.fromEntries((await readEnvFile(ctx.io.cwd, envFile)).map((e) => [e.key, e.value]));
    if (Object.keys(values).length === 0) throw new CliError(`${envFile} sets no secrets; nothing to do.`, ExitCode.RejectedInput, 'empty_env_file');
  } else {
    if (key === undefined) throw new UsageError('Which secret?', 'Pass its KEY (the value comes from stdin, a prompt or --from-file), or --from-env-file <file>.');
    if (!isEnvKey(key)) throw new CliError(`"${key}" is not a valid key (A-Z, 0-9 and _, not starting with a digit).`, ExitCode.RejectedInput, 'invalid_key');
    values = { [key]: await readSecretValue(ctx, key, fromFile) };
  }
  const { client } = await openSession(ctx);
  const result = await client.secrets.set(sdkScope(scope), values, { signal: ctx.signal });
  ctx.out.success(`Set secret${result.data.length === 1 ? '' : 's'} ${result.data.map((s) => `${s.key} (${s.digest.slice(0, 19)}…)`).join(', ')} on ${describeScope(scope)}.`);
  noteReleases(ctx, result.releases);
  ctx.out.result({ network: scope.network, app: scope.app, secrets: result.data, releases: result.releases });
}
