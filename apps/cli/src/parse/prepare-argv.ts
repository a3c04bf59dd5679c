import type { OptionDef } from '../commands/command-def.js';
import { UsageError } from '../errors/cli-error.js';

/**
 * Marks a flag value so cac's parser (mri) keeps it a string: mri turns numeric-looking values into numbers
 * (`--description 007` would become 7). `\0` is never in a real argument; the parser strips it again.
 */
export const VALUE_MARK = '\u0000';

export interface PreparedArgv {
  /** argv for cac: the command (multi-word folded into one token), its operands, then the flags with values inlined. */
  readonly tokens: string[];
  /** The positional words, in order, before folding (for did-you-mean). */
  readonly positionals: string[];
  /** The folded command name, when the leading positional words spell one. */
  readonly command: string | undefined;
}

/**
 * Rewrites argv before cac sees it:
 * 1. A flag that takes a value always consumes the next token (getopt semantics), so `--sort -name` works and
 *    values keep their exact text.
 * 2. cac only matches one-word commands, so leading positional words that spell a declared multi-word command
 *    (`create network`) are folded into one token at the front; options and per-command `--help` then work.
 * 3. Positional words go before all flags: mri lets a boolean flag swallow the next word (and turns it into a
 *    number when it looks like one) before giving it back, so no flag may precede a positional.
 */
export function prepareArgv(argv: readonly string[], options: readonly OptionDef[], commandNames: readonly string[]): PreparedArgv {
  const valueLong = new Set(options.filter((o) => o.value).map((o) => o.name));
  const valueShort = new Set(options.filter((o) => o.value && o.short).map((o) => o.short as string));
  const flags: string[] = [];
  const positionals: string[] = [];
  let rest: string[] = [];

  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] ?? '';
    if (token === '--') {
      rest = argv.slice(i);
      break;
    }
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const name = token.slice(2, eq === -1 ? undefined : eq);
      if (valueLong.has(name)) {
        if (eq !== -1) flags.push(`--${name}=${VALUE_MARK}${token.slice(eq + 1)}`);
        else {
          const value = argv[i + 1];
          if (value === undefined) throw new UsageError(`Flag --${name} needs a value.`);
          flags.push(`--${name}=${VALUE_MARK}${value}`);
          i++;
        }
        continue;
      }
      flags.push(token);
      continue;
    }
    if (token.startsWith('-') && token.length > 1) {
      const short = token[1] ?? '';
      if (valueShort.has(short)) {
        const inline = token.slice(2).replace(/^=/, '');
        if (inline !== '') flags.push(`-${short}=${VALUE_MARK}${inline}`);
        else {
          const value = argv[i + 1];
          if (value === undefined) throw new UsageError(`Flag -${short} needs a value.`);
          flags.push(`-${short}=${VALUE_MARK}${value}`);
          i++;
        }
        continue;
      }
      flags.push(token);
      continue;
    }
    positionals.push(token);
  }

  const words = positionals;
  const command = [...commandNames]
    .filter((name) => name.includes(' '))
    .sort((a, b) => b.split(' ').length - a.split(' ').length)
    .find((name) => {
      const parts = name.split(' ');
      return parts.every((part, index) => words[index] === part);
    });
  if (!command) {
    const single = words[0] !== undefined && commandNames.includes(words[0]) ? words[0] : undefined;
    return { tokens: [...positionals, ...flags, ...rest], positionals: words, command: single };
  }
  const operands = positionals.slice(command.split(' ').length);
  return { tokens: [command, ...operands, ...flags, ...rest], positionals: words, command };
}
