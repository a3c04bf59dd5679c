import { commands } from './commands/definitions.js';
import type { CommandContext, InterruptBehaviour } from './context.js';
import { InterruptedError } from './errors/cli-error.js';
import { writeErrorReport } from './errors/error-report.js';
import { readEnv } from './env.js';
import { resolveGlobalFlags, type GlobalFlags } from './global-options.js';
import { commandHelp, globalHelp, groupHelp } from './help.js';
import type { Io } from './io.js';
import { palette } from './output/colors.js';
import { Output } from './output/output.js';
import { loadOutputContract } from './json-contract/load-contract.js';
import { parseArgv } from './parse/parse-argv.js';
import { version } from './version.js';

export type { Io } from './io.js';

/**
 * `ExitCode.Interrupted` (errors/exit-codes.ts, which the test below pins), spelled out here because that module
 * pulls in the SDK and main must stay light for `rig --version`.
 */
export const INTERRUPTED_EXIT_CODE = 130;

/**
 * Best-effort global flags for reporting an error when argv itself could not be parsed: a usage error must still
 * come out as JSON when the user asked for JSON.
 */
function fallbackGlobals(argv: readonly string[], env: Io['env']): GlobalFlags {
  let output: GlobalFlags['output'] = 'table';
  const fromEnv = readEnv(env, 'RIG_OUTPUT');
  if (fromEnv === 'json' || fromEnv === 'jsonl') output = fromEnv;
  argv.forEach((arg, i) => {
    const value = /^(?:-o|--output)=?(.*)$/.exec(arg)?.[1] || (arg === '-o' || arg === '--output' ? argv[i + 1] : undefined);
    if (value === 'json' || value === 'jsonl' || value === 'table') output = value;
    if (arg === '--json') output = 'json';
  });
  return {
    output,
    verbose: argv.includes('-v') || argv.includes('--verbose'),
    config: undefined,
    apiUrl: undefined,
    color: !argv.includes('--no-color') && readEnv(env, 'NO_COLOR') === undefined,
    yes: false,
  };
}

/** Resolves when the signal aborts; never rejects, so it can be raced against a command. */
function whenAborted(signal: AbortSignal): Promise<'aborted'> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve('aborted');
    else signal.addEventListener('abort', () => resolve('aborted'), { once: true });
  });
}

/**
 * Runs rig with `argv` (without `node` and the script path) and returns the exit code. Never exits the process
 * and never touches `process`: everything goes through `io` (wrangler's `main()` / gh's iostreams), so tests
 * call this in-process and only `bin/rig.mjs` exits.
 */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  // The completion scripts' hidden entry point: never parsed, never an error on stderr (see completion/).
  if (argv[0] === '__complete') return (await import('./completion/run-complete.js')).runComplete(argv.slice(1), io);
  const signal = io.signal ?? new AbortController().signal;
  let globals = fallbackGlobals(argv, io.env);
  const errorContext: CommandContext['errorContext'] = {};
  const interrupt: InterruptBehaviour = { quiet: false };
  try {
    const parsed = parseArgv(argv, commands);
    globals = resolveGlobalFlags(parsed.globals, io.env);
    const stdoutPalette = palette(globals.color && io.isStdoutTTY);

    if (parsed.kind === 'version') {
      io.stdout.write(globals.output === 'table' ? `rig ${version}\n` : `${JSON.stringify({ version })}\n`);
      return 0;
    }
    if (parsed.kind === 'help') {
      const text = parsed.def
        ? commandHelp(parsed.def, stdoutPalette)
        : parsed.group
          ? groupHelp(parsed.group, commands, stdoutPalette)
          : globalHelp(commands, stdoutPalette);
      io.stdout.write(text);
      return 0;
    }

    const out = new Output(io, globals);
    // The JSON contract is only needed (and only loaded) when the output is JSON; it loads beside the command.
    const [command] = await Promise.all([
      parsed.def.load(),
      globals.output === 'table'
        ? undefined
        : loadOutputContract(parsed.def.name).then(({ contract, parse }) => {
            out.contract = contract;
            out.parseContract = parse;
          }),
    ]);
    // Ctrl-C is how one leaves a follow or a watch: not an error (see docs/cli/exit-codes.md, 130).
    const { follow, watch } = parsed.invocation.options;
    interrupt.quiet = follow === true || watch === true;
    const ctx: CommandContext = { io, globals, out, signal, errorContext, interrupt };
    const outcome = await Promise.race([command.run(ctx, parsed.invocation), whenAborted(signal)]);
    if (outcome === 'aborted') throw new InterruptedError();
    return outcome ?? 0;
  } catch (error) {
    if (signal.aborted && interrupt.quiet) {
      if (interrupt.note !== undefined) io.stderr.write(`${interrupt.note}\n`);
      return INTERRUPTED_EXIT_CODE;
    }
    const { mapError } = await import('./errors/map-error.js');
    const report = mapError(signal.aborted ? new InterruptedError() : error, errorContext);
    writeErrorReport(io, report, { json: globals.output !== 'table', verbose: globals.verbose, color: globals.color });
    return report.exitCode;
  }
}
