import { cac } from 'cac';
import { commandUsage, optionKey, type CommandDef, type Invocation, type OptionDef } from '../commands/command-def.js';
import { commandGroups } from '../commands/definitions.js';
import { UsageError } from '../errors/cli-error.js';
import { globalOptions } from '../global-options.js';
import { suggestCommand, suggestOption } from './did-you-mean.js';
import { prepareArgv, VALUE_MARK } from './prepare-argv.js';

type RawOptions = Readonly<Record<string, string | boolean | undefined>>;

/** What the command line asks for. Usage errors are thrown as `UsageError`. */
export type ParsedArgv =
  | { readonly kind: 'run'; readonly def: CommandDef; readonly invocation: Invocation; readonly globals: RawOptions }
  | { readonly kind: 'help'; readonly def?: CommandDef; readonly group?: string; readonly globals: RawOptions }
  | { readonly kind: 'version'; readonly globals: RawOptions };

function rawName(option: OptionDef): string {
  const long = `--${option.name}`;
  const names = option.short ? `-${option.short}, ${long}` : long;
  return option.value ? `${names} <${option.value}>` : names;
}

/** mri yields numbers for some values, arrays for repeated flags and marked strings for value flags; normalise. */
function normaliseValue(value: unknown): string | boolean | undefined {
  const last: unknown = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof last === 'string') return last.startsWith(VALUE_MARK) ? last.slice(VALUE_MARK.length) : last;
  if (typeof last === 'boolean') return last;
  if (typeof last === 'number') return String(last);
  return undefined;
}

function flagSpelling(key: string): string {
  return key.length === 1 ? `-${key}` : `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function pick(options: Record<string, unknown>, defs: readonly OptionDef[]): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  for (const def of defs) {
    const key = optionKey(def);
    const value = normaliseValue(options[key]);
    if (value === undefined) continue;
    if (def.value && typeof value !== 'string') throw new UsageError(`Flag --${def.name} needs a value.`);
    if (def.choices && typeof value === 'string' && !def.choices.includes(value)) {
      throw new UsageError(`Invalid value for --${def.name}: "${value}".`, `Use one of: ${def.choices.join(', ')}.`);
    }
    out[key] = value;
  }
  return out;
}

/** cac is told to allow unknown flags (it would throw its own wording); rig checks them here, with a hint. */
function checkUnknownFlags(options: Record<string, unknown>, def: CommandDef | undefined): void {
  const declared = [...globalOptions, ...(def?.options ?? [])];
  const known = new Set<string>(['--']);
  for (const option of declared) {
    known.add(optionKey(option));
    if (option.short) known.add(option.short);
  }
  for (const key of Object.keys(options)) {
    if (known.has(key)) continue;
    const spelled = flagSpelling(key);
    if (def?.name === 'login' && /token/i.test(key)) {
      // Never echo the value: it is probably a token.
      throw new UsageError(
        `Unknown flag ${spelled}: rig never takes a token on the command line (it would leak into shell history and process lists).`,
        'Pipe it on stdin instead: `rig login --with-token < token.txt`.',
      );
    }
    // Only flags this command (or every command) has: `--nmae` on `create network` must not suggest a `--name`
    // that exists on some other command.
    const suggestion = key.length > 1 ? suggestOption(spelled.slice(2), declared.map((o) => o.name)) : undefined;
    // `create network --nmae x`: the name is an argument there, not a flag.
    const argument = !suggestion && def && key.length > 1 ? def.args.find((a) => suggestOption(spelled.slice(2), [a.name]) !== undefined) : undefined;
    throw new UsageError(
      `Unknown flag ${spelled}${def ? ` for \`rig ${def.name}\`` : ''}.`,
      suggestion
        ? `Did you mean --${suggestion}?`
        : def && argument
          ? `<${argument.name}> is an argument, not a flag: \`rig ${commandUsage(def)}\`.`
          : `Run \`rig ${def ? `${def.name} ` : ''}--help\` to see the flags.`,
    );
  }
}

/**
 * Parses argv (without `node` and the script) against the declared commands, with cac doing option parsing and
 * command matching. Pure: no I/O, so every command line can be tested as a table.
 */
export function parseArgv(argv: readonly string[], defs: readonly CommandDef[]): ParsedArgv {
  const allOptions: OptionDef[] = [...globalOptions, ...defs.flatMap((d) => d.options)];
  const names = defs.map((d) => d.name);
  const prepared = prepareArgv(argv, allOptions, names);

  const cli = cac('rig');
  for (const option of globalOptions) cli.option(rawName(option), option.description);
  // When the words name a command, cac needs to know only that one: declaring all 60 commands and their flags
  // to cac is a noticeable part of every rig start. Otherwise (help, a typo) it gets them all.
  const named = prepared.command === undefined ? undefined : defs.find((d) => d.name === prepared.command);
  for (const def of named ? [named] : defs) {
    const command = cli.command(def.name, def.summary, { allowUnknownOptions: true });
    for (const option of def.options) command.option(rawName(option), option.description);
  }
  const parsed = cli.parse(['node', 'rig', ...prepared.tokens], { run: false });
  const options = parsed.options as Record<string, unknown>;
  const matchedName = cli.matchedCommandName;
  const def = matchedName === undefined ? undefined : defs.find((d) => d.name === matchedName);
  const globals = pick(options, globalOptions);

  if (globals.version === true) return { kind: 'version', globals };

  if (!def) {
    const groups = commandGroups(defs);
    const first = prepared.positionals[0];
    if (first === undefined) {
      checkUnknownFlags(options, undefined);
      return { kind: 'help', globals };
    }
    // `rig create` alone (gh's `gh repo`): list what the group can do, as `rig create --help` does.
    if (groups.has(first) && prepared.positionals.length === 1) {
      checkUnknownFlags(options, undefined);
      return { kind: 'help', group: first, globals };
    }
    const suggestion = suggestCommand(prepared.positionals, names);
    const typed = prepared.positionals.slice(0, suggestion ? suggestion.split(' ').length : groups.has(first) ? 2 : 1);
    throw new UsageError(
      `Unknown command "${typed.join(' ')}".`,
      suggestion ? `Did you mean \`rig ${suggestion}\`?` : 'Run `rig --help` to see the commands.',
    );
  }

  checkUnknownFlags(options, def);
  if (globals.help === true) return { kind: 'help', def, globals };

  const positional = [...parsed.args.map(String), ...((options['--'] as string[] | undefined) ?? [])];
  const takesRest = def.args.at(-1)?.variadic === true;
  if (!takesRest && positional.length > def.args.length) {
    if (def.name === 'login') {
      // Never echo the extra argument: it may well be a token.
      throw new UsageError(
        '`rig login` takes no arguments, and never a token: it would leak into shell history and process lists.',
        'Pipe the token on stdin instead: `rig login --with-token < token.txt`.',
      );
    }
    if (def.secretArgvHint !== undefined) {
      // Never echo the extra argument: it may be a secret value typed on the command line by mistake.
      throw new UsageError(`Too many arguments for \`rig ${def.name}\`; rig never takes a secret value on the command line.`, def.secretArgvHint);
    }
    throw new UsageError(`Unexpected argument "${positional[def.args.length] ?? ''}" for \`rig ${def.name}\`.`, `Run \`rig ${def.name} --help\`.`);
  }
  const args: Record<string, string | undefined> = {};
  let variadic: string[] = [];
  def.args.forEach((arg, index) => {
    const value = positional[index];
    if (value === undefined && arg.required) {
      throw new UsageError(`Missing argument <${arg.name}> for \`rig ${def.name}\`.`, `Run \`rig ${def.name} --help\` for examples.`);
    }
    if (arg.variadic) variadic = positional.slice(index);
    else args[arg.name] = value;
  });

  return { kind: 'run', def, invocation: { command: def.name, args, variadic, options: pick(options, def.options) }, globals };
}
