import type { Event } from '@max/rig-sdk';
import type { Column } from '../output/table.js';

/** How audit events look to people. */

function target(e: Event): string {
  const t = e.target;
  const where = t.app !== undefined && t.network !== undefined ? `${t.network}/${t.app}` : (t.network ?? t.app);
  if (where !== undefined) return t.type === 'network' || t.type === 'app' ? where : `${t.type} ${where}`;
  return t.id !== undefined ? `${t.type} ${t.id}` : t.type;
}

/** Keys a var/secret change touched, when the event says (never values: details are redacted by the platform). */
function keys(e: Event): string | null {
  const value = e.details['keys'];
  return Array.isArray(value) && value.every((k) => typeof k === 'string') ? value.join(',') : null;
}

export const eventColumns: readonly Column<Event>[] = [
  { header: 'ID', key: 'id', value: (e) => e.id },
  { header: 'TIME', key: 'created_at', value: (e) => e.created_at, kind: 'time' },
  { header: 'ACTOR', key: 'actor', value: (e) => e.actor.email ?? `${e.actor.type} ${e.actor.id}` },
  { header: 'ACTION', key: 'action', value: (e) => e.action },
  { header: 'TARGET', key: 'target', value: target },
  { header: 'KEYS', key: 'keys', value: keys, flexible: true },
  { header: 'REVERTIBLE', key: 'revertible', value: (e) => (e.revertible === true ? 'yes' : null) },
];
