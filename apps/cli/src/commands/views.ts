import type { App, Network } from '@max/rig-sdk';
import type { Palette } from '../output/colors.js';
import type { Column } from '../output/table.js';

/** How the human views show networks and apps. JSON output is always the wire object, untouched. */

export const networkColumns: readonly Column<Network>[] = [
  { header: 'NAME', key: 'name', value: (n) => n.name },
  { header: 'APPS', key: 'app_count', value: (n) => n.app_count },
  { header: 'CREATED', key: 'created_at', value: (n) => n.created_at, kind: 'time' },
  { header: 'DESCRIPTION', key: 'description', value: (n) => n.description, flexible: true },
];

export const networkFields: readonly Column<Network>[] = [
  { header: 'Name', key: 'name', value: (n) => n.name },
  { header: 'ID', key: 'id', value: (n) => n.id },
  { header: 'Description', key: 'description', value: (n) => n.description },
  { header: 'Apps', key: 'app_count', value: (n) => n.app_count },
  { header: 'Created', key: 'created_at', value: (n) => n.created_at, kind: 'time' },
  { header: 'Updated', key: 'updated_at', value: (n) => n.updated_at, kind: 'time' },
];

const statusStyle = (text: string, app: App, p: Palette): string => {
  switch (app.status) {
    case 'running':
      return p.green(text);
    case 'crashed':
      return p.red(text);
    case 'deploying':
      return p.yellow(text);
    default:
      return text;
  }
};

export const appColumns: readonly Column<App>[] = [
  { header: 'NETWORK', key: 'network', value: (a) => a.network },
  { header: 'NAME', key: 'name', value: (a) => a.name },
  { header: 'STATUS', key: 'status', value: (a) => a.status, style: statusStyle },
  { header: 'RELEASE', key: 'current_release', value: (a) => (a.current_release === null ? null : `v${a.current_release}`) },
  { header: 'URL', key: 'url', value: (a) => a.url },
  { header: 'CREATED', key: 'created_at', value: (a) => a.created_at, kind: 'time' },
];

export const appFields: readonly Column<App>[] = [
  { header: 'Name', key: 'name', value: (a) => a.name },
  { header: 'Network', key: 'network', value: (a) => a.network },
  { header: 'ID', key: 'id', value: (a) => a.id },
  { header: 'Status', key: 'status', value: (a) => a.status, style: statusStyle },
  { header: 'Release', key: 'current_release', value: (a) => (a.current_release === null ? null : `v${a.current_release}`) },
  { header: 'Hostname', key: 'hostname', value: (a) => a.hostname },
  { header: 'URL', key: 'url', value: (a) => a.url },
  { header: 'Health check', key: 'health_check_path', value: (a) => a.health_check_path },
  { header: 'Description', key: 'description', value: (a) => a.description },
  { header: 'Created', key: 'created_at', value: (a) => a.created_at, kind: 'time' },
  { header: 'Updated', key: 'updated_at', value: (a) => a.updated_at, kind: 'time' },
];

/** `--sort` values of the CLI → the API's `sort` parameter. */
export function apiSort(sort: string | boolean | undefined): 'name' | '-name' | 'created_at' | '-created_at' | undefined {
  switch (sort) {
    case 'name':
    case '-name':
      return sort;
    case 'created':
      return 'created_at';
    case '-created':
      return '-created_at';
    default:
      return undefined;
  }
}

/** A string flag's value (flags declared with a value are always strings after parsing). */
export function stringOption(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
