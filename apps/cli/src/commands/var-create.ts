import { isEnvKey } from '@max/api-spec';
import type { CommandContext } from '../context.js';
import { describeScope, parseEnvScope, sdkScope } from '../env-scope.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { readEnvFile } from '../read-input-file.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { noteReleases } from './env-views.js';
import { stringOption } from './views.js';

/** `KEY=VALUE` words → a map; every bad word is reported at once, before anything is sent. */
export function parseAssignments(words: readonly string[]): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const word of words) {
    const eq = word.indexOf('=');
    if (eq === -1) {
      problems.push(`"${word}" is not KEY=VALUE`);
      continue;
    }
    const key = word.slice(0, eq);
    if (!isEnvKey(key)) problems.push(`"${key}" is not a valid key (A-Z, 0-9 and _, not starting with a digit)`);
    else if (key in values) problems.push(`${key} is given twice`);
    else values[key] = word.slice(eq + 1);
  }
  if (problems.length > 0) throw new CliError(`Invalid vars: ${problems.join('; ')}. Nothing was set.`, ExitCode.RejectedInput, 'invalid_vars');
  return values;
}

/** `rig create var KEY=VALUE… | --from-env-file F --network N [--app A]`: one atomic request. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const scope = parseEnvScope(invocation);
  const file = stringOption(invocation.options['fromEnvFile']);
  if (file !== undefined && invocation.variadic.length > 0) throw new UsageError('Pass KEY=VALUE arguments or --from-env-file, not both.');
  let values: Record<string, string>;
  if (file !== undefined) {
    values = Object.fromEntries((await readEnvFile(ctx.io.cwd, file)).map((e) => [e.key, e.value]));
    if (Object.keys(values).length === 0) throw new CliError(`${file} sets no vars; nothing to do.`, ExitCode.RejectedInput, 'empty_env_file');
  } else {
    if (invocation.variadic.length === 0) throw new UsageError('Which vars?', 'Pass KEY=VALUE arguments, or --from-env-file <file>.');
    values = parseAssignments(invocation.variadic);
  }
  const { client } = await openSession(ctx);
  const result = await client.vars.set(sdkScope(scope), values, { signal: ctx.signal });
  const keys = result.data.map((v) => v.key);
  ctx.out.success(`Set ${keys.join(', ')} on ${describeScope(scope)}.`);
  noteReleases(ctx, result.releases);
  ctx.out.result({ network: scope.network, app: scope.app, vars: result.data, releases: result.releases });
}
