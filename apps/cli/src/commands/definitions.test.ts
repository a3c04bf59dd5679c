import { describe, expect, it } from 'vitest';
import { globalOptions } from '../global-options.js';
import { commandHelp } from '../help.js';
import { palette } from '../output/colors.js';
import { parseArgv } from '../parse/parse-argv.js';
import { commands } from './definitions.js';

/** Splits an example command line the way a shell would (quotes; a `< file` or `> file` redirect is dropped). */
function shellWords(line: string): string[] {
  const words = [...line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
  const redirect = words.findIndex((w) => w === '<' || w === '>');
  return redirect === -1 ? words : words.slice(0, redirect);
}

describe('command definitions', () => {
  it.each(commands.map((d) => [d.name, d] as const))('%s: has a summary and examples, each of which parses to it', (_name, def) => {
    expect(def.summary.length).toBeGreaterThan(0);
    expect(def.examples.length).toBeGreaterThan(0);
    for (const example of def.examples) {
      const parsed = parseArgv(shellWords(example.command), commands);
      expect(parsed.kind).toBe('run');
      if (parsed.kind === 'run') expect(parsed.def.name).toBe(def.name);
    }
  });

  it.each(commands.map((d) => [d.name, d] as const))('%s --help: shows every example, as a command line to copy', (_name, def) => {
    const help = commandHelp(def, palette(false));
    const examples = help.slice(help.indexOf('Examples:'));
    expect(help).toContain('Examples:');
    for (const example of def.examples) expect(examples).toContain(`$ rig ${example.command}\n`);
  });

  it('no two flags share a name or a short alias in a way the parser could confuse', () => {
    const byName = new Map<string, boolean>();
    const shortToName = new Map<string, string>();
    for (const option of [...globalOptions, ...commands.flatMap((d) => d.options)]) {
      const takesValue = option.value !== undefined;
      // prepareArgv decides "takes a value" per flag name across all commands: it must be consistent.
      expect(byName.get(option.name) ?? takesValue).toBe(takesValue);
      byName.set(option.name, takesValue);
      if (option.short) {
        expect(shortToName.get(option.short) ?? option.name).toBe(option.name);
        shortToName.set(option.short, option.name);
      }
    }
  });

  it('command names are unique and a group word is never a command itself', () => {
    const names = commands.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    const groups = new Set(names.filter((n) => n.includes(' ')).map((n) => n.split(' ')[0]));
    for (const group of groups) expect(names).not.toContain(group);
  });
});
