import type { EnvEntryView } from '../commands/app-details.js';

/**
 * The effective environment for people: `KEY  value  source (overrides …)`. On a terminal it is a titled,
 * aligned block; piped, one `env<TAB>key<TAB>source<TAB>value<TAB>overridden` line per key (the details view's
 * `key<TAB>value` lines stay parseable). Secrets show their digest, never a value.
 */
export function renderEnvTable(env: readonly EnvEntryView[], options: { tty: boolean }): string {
  const shown = (e: EnvEntryView) => describeValue(e).replace(/[\t\r\n]+/g, ' ');
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

/**
 * What the value column shows: the value; for a secret its digest (the value is never shown); for a platform
 * value that is null, that it is fixed only when a process starts (`PORT` before a process runs).
 */
function describeValue(e: EnvEntryView): string {
  if (e.source === 'secret') return `(secret ${e.digest ?? 'digest unknown'})`;
  if (e.value === null) return e.source === 'platform' ? '(set when a process starts)' : '';
  return e.value;
}
