import { listContexts, resolveConfigDir, useContext, type RigContext } from '@max/rig-auth';
import type { CommandContext } from '../context.js';
import { CliError, UsageError } from '../errors/cli-error.js';
import { ExitCode } from '../errors/exit-codes.js';
import { canPrompt } from '../io.js';
import { suggestOption } from '../parse/did-you-mean.js';
import { readLine } from '../prompt.js';
import type { Invocation } from './command-def.js';
import { configDirFromFlag } from '../session.js';

/** The config dir: `--config`'s directory, else RIG_CONFIG_DIR / XDG / ~/.config/rig. */
export function resolveConfigDirFor(ctx: CommandContext, fromFlag: string | undefined): string {
  return fromFlag ?? resolveConfigDir(ctx.io.env);
}

/** On a terminal, without a name: number the contexts and read a choice. */
async function pick(ctx: CommandContext, contexts: readonly RigContext[]): Promise<string> {
  contexts.forEach((c, i) => ctx.out.note(`  ${i + 1}) ${c.current ? '* ' : '  '}${c.name}  ${c.apiUrl}`));
  ctx.io.stderr.write(`Use which context? [1-${contexts.length}] `);
  const answer = (await readLine(ctx.io.stdin, ctx.signal))?.trim() ?? '';
  const chosen = /^\d+$/.test(answer) ? contexts[Number(answer) - 1] : contexts.find((c) => c.name === answer);
  if (!chosen) throw new UsageError(`No context "${answer}".`, 'Pass its name: `rig context use <name>`.');
  return chosen.name;
}

/** `rig context use [name]`: make a context current (its API URL is then used without `--api-url`). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const configDir = resolveConfigDirFor(ctx, configDirFromFlag(ctx));
  const contexts = await listContexts(configDir);
  const names = contexts.map((c) => c.name);
  let name = invocation.args['name'];
  if (name === undefined) {
    if (contexts.length === 0) throw new CliError('There are no contexts yet.', ExitCode.NotFound, 'not_found', '`rig login` (with `--api-url` for another Max) creates one.');
    if (!canPrompt(ctx.io)) throw new UsageError('Missing argument <name> for `rig context use`.', `Contexts: ${names.join(', ')}.`);
    name = await pick(ctx, contexts);
  }
  const used = await useContext(configDir, name);
  if (!used) {
    const suggestion = suggestOption(name, names);
    throw new CliError(
      `There is no context named "${name}".`,
      ExitCode.NotFound,
      'not_found',
      suggestion ? `Did you mean \`rig context use ${suggestion}\`?` : names.length > 0 ? `Contexts: ${names.join(', ')}.` : '`rig login` creates one.',
    );
  }
  ctx.out.success(`Using context ${used.name} (${used.apiUrl}).`);
  ctx.out.result({ name: used.name, api_url: used.apiUrl, current: true }, undefined);
}
