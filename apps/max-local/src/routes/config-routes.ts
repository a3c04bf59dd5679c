import { actorOf } from '../auth/principal.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';
import { toWireDashboard } from './config-wire.js';
import { toWireEvent } from './wire.js';

/** Effective environment, dashboard, config as code, and event revert. */
export function configRoutes({ platform }: RouteDeps): RouteTable {
  return {
    getAppEnv: ({ params, principal }) => ({
      status: 200,
      body: { data: platform.env.entries(principal.user.id, params.network, params.app) },
    }),
    getDashboard: ({ query, principal }) => ({
      status: 200,
      body: toWireDashboard(platform.dashboard.get(principal.user.id, { events: query.events ?? 20 }), platform.settings),
    }),
    exportConfig: ({ query, principal }) => ({
      status: 200,
      body: platform.config.export(principal.user.id, query.network),
    }),
    planConfig: ({ query, body, principal }) => ({
      status: 200,
      body: platform.config.plan(principal.user.id, body, query.prune ?? false),
    }),
    applyConfig: ({ body, principal }) => ({
      status: 200,
      body: platform.config.apply(principal.user.id, actorOf(principal), body),
    }),
    revertEvent: ({ params, principal }) => {
      const result = platform.revert.revert(principal.user.id, actorOf(principal), params.event_id);
      return { status: 201, body: { event: toWireEvent(result.event), releases: result.releases } };
    },
  };
}
