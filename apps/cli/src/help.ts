import { commandUsage, optionUsage, type CommandDef, type OptionDef } from './commands/command-def.js';
import { envVars } from './env.js';
import { globalOptions } from './global-options.js';
import type { Palette } from './output/colors.js';
import { DOCS_BASE_URL } from './errors/exit-codes.js';
import { version } from './version.js';

function optionLines(options: readonly OptionDef[]): string[] {
  const usages = options.map(optionUsage);
  const width = Math.max(...usages.map((u) => u.length));
  return options.map((option, i) => `  ${(usages[i] ?? '').padEnd(width)}  ${option.description}`);
}

function commandLines(defs: readonly CommandDef[]): string[] {
  const usages = defs.map(commandUsage);
  const width = Math.max(...usages.map((u) => u.length));
  return defs.map((def, i) => `  ${(usages[i] ?? '').padEnd(width)}  ${def.summary}`);
}

function exampleLines(defs: readonly CommandDef[], limit = Number.POSITIVE_INFINITY): string[] {
  return defs.flatMap((def) => def.examples.slice(0, limit)).flatMap((example) => [`  # ${example.description}`, `  $ rig ${example.command}`]);
}

/** `rig --help`: every command, the global flags, the environment, examples. */
export function globalHelp(defs: readonly CommandDef[], p: Palette): string {
  const featured = defs.filter((d) => ['login', 'create network', 'create app', 'status app'].includes(d.name));
  return [
    `rig ${version} — the command line for Max`,
    '',
    p.bold('Usage:'),
    '  rig <command> [arguments] [flags]',
    '',
    p.bold('Commands:'),
    ...commandLines(defs),
    '',
    p.bold('Global flags:'),
    ...optionLines(globalOptions),
    '',
    p.bold('Environment:'),
    ...envVars.map((v) => `  ${v.name.padEnd(22)}${'values' in v ? `${v.values}. ` : ''}${v.description}`),
    '',
    p.bold('Examples:'),
    ...exampleLines(featured, 1),
    '',
    `Run \`rig <command> --help\` for a command's arguments, flags and examples.`,
    `Docs: ${DOCS_BASE_URL}README.md · exit codes: ${DOCS_BASE_URL}exit-codes.md`,
    '',
  ].join('\n');
}

/** `rig create --help`: the commands of one group. */
export function groupHelp(group: string, defs: readonly CommandDef[], p: Palette): string {
  const members = defs.filter((d) => d.name.startsWith(`${group} `));
  return [
    p.bold('Usage:'),
    `  rig ${group} <${members.map((d) => d.name.slice(group.length + 1)).join('|')}> [arguments] [flags]`,
    '',
    p.bold('Commands:'),
    ...commandLines(members),
    '',
    p.bold('Examples:'),
    ...exampleLines(members, 1),
    '',
    `Run \`rig ${group} <command> --help\` for details.`,
    '',
  ].join('\n');
}

/** `rig create network --help`. */
export function commandHelp(def: CommandDef, p: Palette): string {
  const lines = [def.summary, ''];
  if (def.description) lines.push(def.description, '');
  lines.push(p.bold('Usage:'), `  rig ${commandUsage(def)}${def.options.length > 0 ? ' [flags]' : ''}`, '');
  if (def.args.length > 0) {
    const width = Math.max(...def.args.map((a) => a.name.length + 2));
    lines.push(p.bold('Arguments:'), ...def.args.map((a) => `  ${(a.required ? `<${a.name}>` : `[${a.name}]`).padEnd(width)}  ${a.description}`), '');
  }
  if (def.options.length > 0) lines.push(p.bold('Flags:'), ...optionLines(def.options), '');
  lines.push(p.bold('Global flags:'), ...optionLines(globalOptions), '');
  lines.push(p.bold('Examples:'), ...exampleLines([def]), '');
  lines.push(`Docs: ${DOCS_BASE_URL}${def.name.replace(/ /g, '-')}.md`, '');
  return lines.join('\n');
}
