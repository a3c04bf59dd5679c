import type { Schemas } from '@max/api-spec';
import { toRfc3339, toRfc3339OrNull } from '../clock.js';
import type { ApiTokenInfo } from '../services/api-tokens.js';
import type { App } from '../services/apps.js';
import type { PlatformSettings } from '../services/context.js';
import type { EventRecord } from '../services/event-log.js';
import type { Network } from '../services/networks.js';
import { isRevertible } from '../services/revert.js';

/** Domain objects → wire shapes (snake_case, RFC 3339), typed by the spec's schemas. */

export const toWireNetwork = (network: Network): Schemas['Network'] => ({
  id: network.id,
  name: network.name,
  description: network.description,
  app_count: network.appCount,
  created_at: toRfc3339(network.createdAt),
  updated_at: toRfc3339(network.updatedAt),
});

export function toWireApp(app: App, settings: PlatformSettings): Schemas['App'] {
  const hostname = `${app.name}.${app.network}.${settings.domain}`;
  return {
    id: app.id,
    name: app.name,
    network: app.network,
    hostname,
    url: `http://${hostname}:${settings.routerPort}`,
    description: app.description,
    health_check_path: app.healthCheckPath,
    status: app.status,
    current_release: app.currentRelease,
    ...timestamps(app.createdAt, app.updatedAt),
  };
}

/** Most rows were never updated: one conversion serves both (lists of thousands spend most time here). */
function timestamps(createdAt: number, updatedAt: number): { created_at: string; updated_at: string } {
  const created = toRfc3339(createdAt);
  return { created_at: created, updated_at: updatedAt === createdAt ? created : toRfc3339(updatedAt) };
}

export const toWireApiToken = (token: ApiTokenInfo): Schemas['ApiToken'] => ({
  id: token.id,
  name: token.name,
  scope: token.scope,
  created_at: toRfc3339(token.createdAt),
  expires_at: toRfc3339OrNull(token.expiresAt),
  last_used_at: toRfc3339OrNull(token.lastUsedAt),
});

export const toWireEvent = (event: EventRecord): Schemas['Event'] => ({
  id: event.id,
  seq: event.seq,
  action: event.action,
  actor: event.actor,
  target: event.target as Schemas['EventTarget'],
  details: event.details,
  revertible: isRevertible(event),
  created_at: toRfc3339(event.createdAt),
});
