import type { Release } from '@max/rig-sdk';
import type { Palette } from '../output/colors.js';
import type { Column } from '../output/table.js';

/** How releases look to people. */

const stateStyle = (text: string, r: Release, p: Palette): string => {
  switch (r.state) {
    case 'active':
      return p.green(text);
    case 'failed':
      return p.red(text);
    case 'pending':
      return p.yellow(text);
    default:
      return text;
  }
};

function what(r: Release): string {
  if (r.reason === 'rollback' && r.rollback_of !== null) return `rollback to v${r.rollback_of}`;
  return r.reason;
}

export const releaseColumns: readonly Column<Release>[] = [
  { header: 'VERSION', key: 'version', value: (r) => `v${r.version}` },
  { header: 'STATE', key: 'state', value: (r) => r.state, style: stateStyle },
  { header: 'REASON', key: 'reason', value: what },
  { header: 'CREATED', key: 'created_at', value: (r) => r.created_at, kind: 'time' },
  { header: 'BY', key: 'created_by', value: (r) => r.created_by.email ?? `${r.created_by.type} ${r.created_by.id}` },
  { header: 'DEPLOYMENT', key: 'deployment_id', value: (r) => r.deployment_id },
  { header: 'DESCRIPTION', key: 'description', value: (r) => r.description, flexible: true },
];
