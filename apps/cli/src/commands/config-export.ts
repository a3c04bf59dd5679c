import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandContext } from '../context.js';
import { openSession } from '../session.js';
import type { Invocation } from './command-def.js';
import { stringOption } from './views.js';

/** `rig config export [--network N] [--file F]`: the declarative document (secret keys, never values). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const network = stringOption(invocation.options['network']);
  const file = stringOption(invocation.options['file']);
  const { client } = await openSession(ctx);
  const document = await client.config.export(network !== undefined ? { network } : {}, { signal: ctx.signal });
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (file !== undefined) {
    await writeFile(resolve(ctx.io.cwd, file), text);
    const apps = document.networks.reduce((sum, n) => sum + (n.apps?.length ?? 0), 0);
    ctx.out.success(`Wrote ${file}: ${document.networks.length} network${document.networks.length === 1 ? '' : 's'}, ${apps} app${apps === 1 ? '' : 's'}.`);
    ctx.out.result(document);
    return;
  }
  // The document is the data: pretty in every mode but jsonl, where it is one line.
  if (ctx.out.mode === 'jsonl') ctx.out.value(document);
  else ctx.io.stdout.write(text);
}
