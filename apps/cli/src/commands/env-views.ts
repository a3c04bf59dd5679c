import type { ReleaseRef, Secret, Var } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import type { Column } from '../output/table.js';

/** How vars, secrets and the releases a change made look to people. */

export const varColumns: readonly Column<Var>[] = [
  { header: 'KEY', key: 'key', value: (v) => v.key },
  { header: 'VALUE', key: 'value', value: (v) => v.value, flexible: true },
  { header: 'UPDATED', key: 'updated_at', value: (v) => v.updated_at, kind: 'time' },
];

export const secretColumns: readonly Column<Secret>[] = [
  { header: 'KEY', key: 'key', value: (s) => s.key },
  { header: 'DIGEST', key: 'digest', value: (s) => s.digest },
  { header: 'UPDATED', key: 'updated_at', value: (s) => s.updated_at, kind: 'time' },
];

/** "✓ … New releases: prod/web v4." — a config change makes a release of every deployed app it affects. */
export function noteReleases(ctx: CommandContext, releases: readonly ReleaseRef[]): void {
  if (releases.length === 0) return;
  ctx.out.success(`New release${releases.length === 1 ? '' : 's'}: ${releases.map((r) => `${r.network}/${r.app} v${r.version}`).join(', ')}.`);
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
