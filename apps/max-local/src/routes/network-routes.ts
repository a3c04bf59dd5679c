import { actorOf } from '../auth/principal.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';
import { toWireApp, toWireNetwork } from './wire.js';

export function networkRoutes({ platform }: RouteDeps): RouteTable {
  return {
    listNetworks: ({ query, principal }) => {
      if (principal.network !== null) {
        // A network-bound token (OIDC) sees exactly its network (auth/network-binding.ts: `filter`).
        const bound = platform.networks.require(principal.user.id, principal.network);
        const visible = !query.q || bound.name.includes(query.q);
        return { status: 200, body: { data: visible && !query.cursor ? [toWireNetwork(bound)] : [], next_cursor: null } };
      }
      const page = platform.networks.list(principal.user.id, {
        q: query.q,
        sort: query.sort ?? 'name',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      return { status: 200, body: { data: page.items.map(toWireNetwork), next_cursor: page.nextCursor } };
    },
    createNetwork: ({ body, principal }) => ({
      status: 201,
      body: toWireNetwork(platform.networks.create(principal.user.id, actorOf(principal), body)),
    }),
    getNetwork: ({ params, principal }) => ({
      status: 200,
      body: toWireNetwork(platform.networks.require(principal.user.id, params.network)),
    }),
    updateNetwork: ({ params, body, principal }) => ({
      status: 200,
      body: toWireNetwork(platform.networks.update(principal.user.id, actorOf(principal), params.network, body)),
    }),
    deleteNetwork: ({ params, query, principal }) => {
      platform.networks.delete(principal.user.id, actorOf(principal), params.network, query.force ?? false);
      return { status: 204, body: undefined };
    },
  };
}

export function appRoutes({ platform }: RouteDeps): RouteTable {
  const wire = (app: Parameters<typeof toWireApp>[0]) => toWireApp(app, platform.settings);
  return {
    listApps: ({ params, query, principal }) => {
      const page = platform.apps.list(principal.user.id, params.network, {
        q: query.q,
        sort: query.sort ?? 'name',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      return { status: 200, body: { data: page.items.map(wire), next_cursor: page.nextCursor } };
    },
    // One request for every app of every network (`rig status app`); a bound credential's `network` is filled in
    // by its binding rule (`query`), so it sees its own network only.
    listAllApps: ({ query, principal }) => {
      const page = platform.apps.listAll(principal.user.id, {
        q: query.q,
        network: query.network,
        sort: query.sort ?? 'name',
        limit: query.limit ?? 50,
        cursor: query.cursor,
      });
      return { status: 200, body: { data: page.items.map(wire), next_cursor: page.nextCursor } };
    },
    createApp: ({ params, body, principal }) => ({
      status: 201,
      body: wire(platform.apps.create(principal.user.id, actorOf(principal), params.network, body)),
    }),
    getApp: ({ params, principal }) => ({
      status: 200,
      body: wire(platform.apps.get(principal.user.id, params.network, params.app)),
    }),
    updateApp: ({ params, body, principal }) => ({
      status: 200,
      body: wire(platform.apps.update(principal.user.id, actorOf(principal), params.network, params.app, body)),
    }),
    deleteApp: ({ params, principal }) => {
      platform.apps.delete(principal.user.id, actorOf(principal), params.network, params.app);
      return { status: 204, body: undefined };
    },
  };
}
