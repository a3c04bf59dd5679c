import type { CommandContext } from '../context.js';

/** A positional argument of a command. */
export interface ArgDef {
  readonly name: string;
  readonly required: boolean;
  readonly description: string;
  /** Takes every remaining positional word (`KEY=VALUE…`); only the last argument may. */
  readonly variadic?: boolean;
}

/** A flag, of a command or global. */
export interface OptionDef {
  /** Long name in kebab-case, without dashes (`network`, `health-check-path`, `no-color`). */
  readonly name: string;
  /** One-letter alias, without the dash. */
  readonly short?: string;
  /** Placeholder when the flag takes a value (`name`, `format`); absent for boolean flags. */
  readonly value?: string;
  readonly description: string;
  /** The only accepted values, checked before anything runs (exit 2 otherwise). */
  readonly choices?: readonly string[];
}

export interface ExampleDef {
  /** The command line after `rig `. */
  readonly command: string;
  readonly description: string;
}

/** What a command module receives: positional args by name, flags by camelCased name. */
export interface Invocation {
  readonly command: string;
  readonly args: Readonly<Record<string, string | undefined>>;
  /** The words of the variadic argument, if the command has one (empty otherwise); not repeated in `args`. */
  readonly variadic: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** A command implementation: returns an exit code (0 when omitted) or throws. */
export interface CommandModule {
  run(ctx: CommandContext, invocation: Invocation): Promise<number | void>;
}

export interface CommandDef {
  /** One or more words: `login`, `create network`. */
  readonly name: string;
  readonly summary: string;
  /** Longer description for `--help` and the docs. */
  readonly description?: string;
  readonly args: readonly ArgDef[];
  readonly options: readonly OptionDef[];
  readonly examples: readonly ExampleDef[];
  /** What stdout holds with `-o json` (documented, and a contract: `docs/cli/json/<command>.schema.json`). */
  readonly jsonOutput: string;
  /**
   * Set when a positional argument could be a secret value typed by mistake (`rig create secret KEY=value`):
   * usage errors then never repeat the arguments, and say this instead.
   */
  readonly secretArgvHint?: string;
  /** Loaded only when this command runs, so `rig --help` loads no SDK. */
  readonly load: () => Promise<CommandModule>;
}

/** `--flag <value>` as shown in help. */
export function optionUsage(option: OptionDef): string {
  const long = `--${option.name}`;
  const names = option.short ? `-${option.short}, ${long}` : `    ${long}`;
  return option.value ? `${names} <${option.value}>` : names;
}

/** `create network <name>` as shown in help. */
export function commandUsage(def: CommandDef): string {
  const args = def.args.map((arg) => {
    const name = arg.variadic ? `${arg.name}...` : arg.name;
    return arg.required ? `<${name}>` : `[${name}]`;
  });
  return [def.name, ...args].join(' ');
}

/** The key a flag has in parsed options: cac camelCases names and strips `no-`. */
export function optionKey(option: OptionDef): string {
  const name = option.name.startsWith('no-') ? option.name.slice(3) : option.name;
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
