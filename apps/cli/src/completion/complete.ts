import type { CommandDef, OptionDef } from '../commands/command-def.js';
import { commandGroups } from '../commands/definitions.js';
import { globalOptions } from '../global-options.js';

/** One completion candidate: the word to insert and, for shells that show them (zsh, fish), what it is. */
export interface Candidate {
  readonly value: string;
  readonly description?: string;
}

/** What the shell should offer: candidates, or its own file-name completion when `files` is set and none match. */
export interface Completion {
  readonly candidates: readonly Candidate[];
  readonly files: boolean;
}

/** What the platform knows, asked only when the word being completed needs it. Each may answer `[]`. */
export interface CompletionSources {
  networks(): Promise<readonly Candidate[]>;
  /** App refs: `<network>/<app>`, or bare app names when `network` is given (`--network prod`). */
  apps(network: string | undefined): Promise<readonly Candidate[]>;
  deployments(): Promise<readonly Candidate[]>;
  contexts(): Promise<readonly Candidate[]>;
}

/** What a positional argument or a flag value is, for completion. */
type ValueKind = 'network' | 'app' | 'deployment' | 'context' | 'file' | 'shell' | 'none';

const SHELLS: readonly Candidate[] = [
  { value: 'bash', description: 'Bash 4.1 or newer' },
  { value: 'zsh', description: 'Z shell' },
  { value: 'fish', description: 'fish shell' },
];

/**
 * The kind of value a positional argument takes. Commands name their arguments consistently (`app` is always an
 * app ref, `name` of a `… network` command a network), so the rules key on names instead of a table per command.
 */
function argKind(def: CommandDef, argName: string): ValueKind {
  if (def.name.startsWith('create ')) return 'none'; // a new name: nothing to offer
  if (argName === 'app') return 'app';
  if (argName === 'name' && def.name.endsWith(' network')) return 'network';
  if (argName === 'name' && def.name.startsWith('context ')) return 'context';
  if (argName === 'deployment-id') return 'deployment';
  if (argName === 'dir' || argName === 'file') return 'file';
  if (argName === 'shell') return 'shell';
  return 'none';
}

function flagKind(option: OptionDef): ValueKind {
  if (option.name === 'network') return 'network';
  if (option.name === 'app') return 'app';
  if (option.value === 'file') return 'file';
  return 'none';
}

const withPrefix = (prefix: string) => (c: Candidate) => c.value.startsWith(prefix);

/** Splits words into positionals and flags, as the parser will: a value flag consumes the next word. */
function scan(words: readonly string[], valueFlags: ReadonlyMap<string, OptionDef>) {
  const positionals: string[] = [];
  const flagValues = new Map<string, string>();
  /** A value flag that is the last word: the word being completed is its value. */
  let pending: OptionDef | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    if (word === '--') {
      positionals.push(...words.slice(i + 1));
      break;
    }
    if (word.startsWith('-') && word.length > 1) {
      const eq = word.indexOf('=');
      const name = word.slice(0, eq === -1 ? undefined : eq);
      const option = valueFlags.get(name);
      if (option && eq !== -1) flagValues.set(option.name, word.slice(eq + 1));
      else if (option) {
        const value = words[i + 1];
        if (value !== undefined) flagValues.set(option.name, value);
        else pending = option;
        i++;
      }
      continue;
    }
    positionals.push(word);
  }
  return { positionals, flagValues, pending };
}

function flagSpellings(options: readonly OptionDef[]): Map<string, OptionDef> {
  const map = new Map<string, OptionDef>();
  for (const option of options) {
    map.set(`--${option.name}`, option);
    if (option.short) map.set(`-${option.short}`, option);
  }
  return map;
}

async function valuesOf(kind: ValueKind, sources: CompletionSources, network: string | undefined): Promise<Completion> {
  switch (kind) {
    case 'network':
      return { candidates: await sources.networks(), files: false };
    case 'app':
      return { candidates: await sources.apps(network), files: false };
    case 'deployment':
      return { candidates: await sources.deployments(), files: false };
    case 'context':
      return { candidates: await sources.contexts(), files: false };
    case 'shell':
      return { candidates: SHELLS, files: false };
    case 'file':
      return { candidates: [], files: true };
    case 'none':
      return { candidates: [], files: false };
  }
}

/**
 * Completes the last of `words` (the words after `rig`, the last one being the word under the cursor, possibly
 * empty) against the declared commands: command words, flags of the command typed so far, flag values (choices,
 * networks, apps) and arguments. Pure apart from `sources`, so every case is a table test.
 */
export async function complete(words: readonly string[], defs: readonly CommandDef[], sources: CompletionSources): Promise<Completion> {
  const current = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  const allFlags = flagSpellings([...globalOptions, ...defs.flatMap((d) => d.options)]);
  const valueFlags = new Map([...allFlags].filter(([, option]) => option.value !== undefined));
  const { positionals, flagValues, pending } = scan(before, valueFlags);

  const def = [...defs]
    .sort((a, b) => b.name.split(' ').length - a.name.split(' ').length)
    .find((d) => d.name.split(' ').every((part, i) => positionals[i] === part));
  const network = flagValues.get('network');
  const filter = (completion: Completion): Completion => ({ ...completion, candidates: completion.candidates.filter(withPrefix(current)) });

  // The value of a flag: `--network <TAB>`, `-o <TAB>`.
  if (pending) {
    if (pending.choices) return filter({ candidates: pending.choices.map((value) => ({ value })), files: false });
    return filter(await valuesOf(flagKind(pending), sources, network));
  }

  if (current.startsWith('-')) {
    const eq = current.indexOf('=');
    if (eq !== -1) {
      // `--output=js<TAB>`: complete the value, keeping the flag in the word.
      const option = valueFlags.get(current.slice(0, eq));
      const typed = current.slice(eq + 1);
      const values = option?.choices ? option.choices.map((value) => ({ value })) : option ? (await valuesOf(flagKind(option), sources, network)).candidates : [];
      return { candidates: values.filter(withPrefix(typed)).map((c) => ({ ...c, value: `${current.slice(0, eq + 1)}${c.value}` })), files: false };
    }
    const options = [...(def?.options ?? []), ...globalOptions];
    const candidates = options.map((o) => ({ value: `--${o.name}`, description: firstSentence(o.description) }));
    return filter({ candidates, files: false });
  }

  if (!def) {
    const groups = commandGroups(defs);
    if (positionals.length === 0) {
      const firsts = new Map<string, string>();
      for (const d of defs) {
        const first = d.name.split(' ')[0] ?? '';
        if (!firsts.has(first)) firsts.set(first, groups.has(first) ? `${(groups.get(first) ?? []).map((m) => m.name.split(' ').slice(1).join(' ')).join(', ')}` : d.summary);
      }
      return filter({ candidates: [...firsts].map(([value, description]) => ({ value, description })), files: false });
    }
    const members = positionals.length === 1 ? groups.get(positionals[0] ?? '') : undefined;
    if (members) return filter({ candidates: members.map((m) => ({ value: m.name.split(' ').slice(1).join(' '), description: m.summary })), files: false });
    return { candidates: [], files: false };
  }

  const index = positionals.length - def.name.split(' ').length;
  const last = def.args.at(-1);
  const arg = def.args[index] ?? (last?.variadic ? last : undefined);
  if (!arg) return { candidates: [], files: false };
  return filter(await valuesOf(argKind(def, arg.name), sources, network));
}

function firstSentence(text: string): string {
  const end = text.search(/\.(\s|$)/);
  return (end === -1 ? text : text.slice(0, end)).replace(/`/g, '');
}
