import type { EnvEntryView } from '../commands/app-details.js';

/**
 * The effective environment for people: `KEY  value  source (overrides …)`. On a terminal it is a titled,
 * aligned block; piped, one `env<TAB>key<TAB>source<TAB>value<TAB>overridden` line per key (the details view's
 * `key<TAB>value` lines stay parseable). Secrets show their digest, never a value.
 */
export function renderEnvTable(env: readonly EnvEntryView[], options: { tty: boolean }): string {
  const shown = (e: EnvEntryView) => (e.source === 'secret' ? `(secret ${e.digest ?? 'digest unknown'})` : (e.value ?? '')).replace(/[\t\r\n]+/g, ' ');
  if (!options.tty) return env.map((e) => `env\t${e.key}\t${e.source}\t${shown(e)}\t${e.overridden.join(',')}\n`).join('');
  if (env.length === 0) return '\nEnvironment: (empty)\n';
  const keyWidth = Math.max(...env.map((e) => e.key.length));
  const valueWidth = Math.min(48, Math.max(...env.map((e) => shown(e).length)));
  const lines = env.map((e) => {
    const value = shown(e);
    const cut = value.length > valueWidth ? `${value.slice(0, valueWidth - 1)}…` : value.padEnd(valueWidth);
    const overrides = e.overridden.length > 0 ? ` (overrides ${e.overridden.join(', ')})` : '';
    return `  ${e.key.padEnd(keyWidth)}  ${cut}  ${e.source}${overrides}`;
  });
  return `\nEnvironment (lowest to highest precedence: network < app < secret < platform):\n${lines.join('\n')}\n`;
}
