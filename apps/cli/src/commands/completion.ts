import type { CommandContext } from '../context.js';
import { UsageError } from '../errors/cli-error.js';
import { completionScript, completionShells, type CompletionShell } from '../completion/scripts.js';
import type { Invocation } from './command-def.js';

function isShell(value: string): value is CompletionShell {
  return (completionShells as readonly string[]).includes(value);
}

/** `rig completion bash|zsh|fish`: prints the script that hooks rig's completion into the shell. */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const shell = invocation.args['shell'] ?? '';
  if (!isShell(shell)) throw new UsageError(`rig has no completion for "${shell}".`, `Use one of: ${completionShells.join(', ')}.`);
  // The script is the data; as JSON it is one document like every other command's output.
  if (ctx.out.human) ctx.io.stdout.write(completionScript(shell));
  else ctx.out.value({ shell, script: completionScript(shell) });
}
