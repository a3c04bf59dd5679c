import type { OptionDef } from './commands/command-def.js';
import { UsageError } from './errors/cli-error.js';
import { readEnv, type Env } from './env.js';

export const outputModes = ['table', 'json', 'jsonl'] as const;
export type OutputMode = (typeof outputModes)[number];

/** Flags every command accepts, before or after the command words. */
export const globalOptions: readonly OptionDef[] = [
  {
    name: 'output',
    short: 'o',
    value: 'format',
    choices: outputModes,
    description: 'Output mode: `table` (human; tab-separated when piped), `json` (one document), `jsonl` (one object per line). Default: $RIG_OUTPUT, else table.',
  },
  { name: 'json', description: 'Same as `-o json`.' },
  { name: 'verbose', short: 'v', description: 'Print the (redacted) HTTP trace to stderr, and stack traces of unexpected errors.' },
  { name: 'config', value: 'file', description: 'Use this `config.json`; its directory becomes the config directory (like RIG_CONFIG_DIR).' },
  { name: 'api-url', value: 'url', description: 'The Max API URL. Default: the context in $RIG_CONTEXT, else $RIG_API_URL, else the current context (`rig context use`; the last login), else http://127.0.0.1:4000.' },
  { name: 'no-color', description: 'No colours (also when NO_COLOR is set, or output is not a terminal).' },
  { name: 'yes', short: 'y', description: 'Answer yes to confirmations (required for destructive commands when not interactive).' },
  { name: 'help', short: 'h', description: 'Show help for rig or for a command.' },
  { name: 'version', short: 'V', description: 'Print the rig version.' },
];

/** Global settings after flags, env defaults and the terminal are taken into account. */
export interface GlobalFlags {
  readonly output: OutputMode;
  readonly verbose: boolean;
  readonly config: string | undefined;
  readonly apiUrl: string | undefined;
  /** Colours allowed at all (not disabled by --no-color / NO_COLOR); streams still need a TTY. */
  readonly color: boolean;
  readonly yes: boolean;
}

type ParsedOptions = Readonly<Record<string, string | boolean | undefined>>;

function isOutputMode(value: string): value is OutputMode {
  return (outputModes as readonly string[]).includes(value);
}

/**
 * Resolves the global flags. Precedence: `-o` > `--json` > RIG_OUTPUT > table. A contradiction (`--json -o table`)
 * is a usage error rather than a silent pick, because scripts depend on the output shape.
 */
export function resolveGlobalFlags(options: ParsedOptions, env: Env): GlobalFlags {
  const flagOutput = typeof options.output === 'string' ? options.output : undefined;
  if (flagOutput !== undefined && !isOutputMode(flagOutput)) {
    throw new UsageError(`Invalid value for --output: "${flagOutput}".`, `Use one of: ${outputModes.join(', ')}.`);
  }
  if (options.json === true && flagOutput !== undefined && flagOutput !== 'json') {
    throw new UsageError(`--json contradicts --output ${flagOutput}.`, 'Pass only one of them.');
  }
  let output: OutputMode = 'table';
  if (flagOutput !== undefined) output = flagOutput;
  else if (options.json === true) output = 'json';
  else {
    const fromEnv = readEnv(env, 'RIG_OUTPUT');
    if (fromEnv !== undefined) {
      if (!isOutputMode(fromEnv)) {
        throw new UsageError(`Invalid RIG_OUTPUT: "${fromEnv}".`, `Use one of: ${outputModes.join(', ')}.`);
      }
      output = fromEnv;
    }
  }
  return {
    output,
    verbose: options.verbose === true,
    config: typeof options.config === 'string' ? options.config : undefined,
    apiUrl: typeof options.apiUrl === 'string' ? options.apiUrl : undefined,
    color: options.color !== false && readEnv(env, 'NO_COLOR') === undefined,
    yes: options.yes === true,
  };
}
