import { actorOf } from '../auth/principal.js';
import { notFound } from '../http/api-error.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';
import { toWireSecret, toWireVar } from './config-wire.js';

/** Vars and secrets at network and app scope: list, get, bulk set, bulk unset. */
export function varRoutes({ platform }: RouteDeps): RouteTable {
  const { envScopes, vars } = platform;
  return {
    listNetworkVars: ({ params, query, principal }) => {
      const page = vars.list(envScopes.resolve(principal.user.id, params.network), { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireVar), next_cursor: page.nextCursor } };
    },
    getNetworkVar: ({ params, principal }) => ({
      status: 200,
      body: toWireVar(vars.get(envScopes.resolve(principal.user.id, params.network), params.key)),
    }),
    setNetworkVars: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network);
      const result = vars.set(principal.user.id, actorOf(principal), scope, body.vars);
      return { status: 200, body: { data: result.data.map(toWireVar), releases: result.releases } };
    },
    unsetNetworkVars: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network);
      return { status: 200, body: vars.unset(principal.user.id, actorOf(principal), scope, body.keys) };
    },
    listAppVars: ({ params, query, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      const page = vars.list(scope, { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireVar), next_cursor: page.nextCursor } };
    },
    getAppVar: ({ params, principal }) => ({
      status: 200,
      body: toWireVar(vars.get(envScopes.resolve(principal.user.id, params.network, params.app), params.key)),
    }),
    setAppVars: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      const result = vars.set(principal.user.id, actorOf(principal), scope, body.vars);
      return { status: 200, body: { data: result.data.map(toWireVar), releases: result.releases } };
    },
    unsetAppVars: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      return { status: 200, body: vars.unset(principal.user.id, actorOf(principal), scope, body.keys) };
    },
  };
}

export function secretRoutes({ platform }: RouteDeps): RouteTable {
  const { envScopes, secrets } = platform;
  return {
    listNetworkSecrets: ({ params, query, principal }) => {
      const page = secrets.list(envScopes.resolve(principal.user.id, params.network), { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireSecret), next_cursor: page.nextCursor } };
    },
    getNetworkSecret: ({ params, principal }) => ({
      status: 200,
      body: toWireSecret(secrets.get(envScopes.resolve(principal.user.id, params.network), params.key)),
    }),
    setNetworkSecrets: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network);
      const result = secrets.set(principal.user.id, actorOf(principal), scope, body.secrets);
      return { status: 200, body: { data: result.data.map(toWireSecret), releases: result.releases } };
    },
    unsetNetworkSecrets: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network);
      return { status: 200, body: secrets.unset(principal.user.id, actorOf(principal), scope, body.keys) };
    },
    listAppSecrets: ({ params, query, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      const page = secrets.list(scope, { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireSecret), next_cursor: page.nextCursor } };
    },
    getAppSecret: ({ params, principal }) => ({
      status: 200,
      body: toWireSecret(secrets.get(envScopes.resolve(principal.user.id, params.network, params.app), params.key)),
    }),
    setAppSecrets: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      const result = secrets.set(principal.user.id, actorOf(principal), scope, body.secrets);
      return { status: 200, body: { data: result.data.map(toWireSecret), releases: result.releases } };
    },
    unsetAppSecrets: ({ params, body, principal }) => {
      const scope = envScopes.resolve(principal.user.id, params.network, params.app);
      return { status: 200, body: secrets.unset(principal.user.id, actorOf(principal), scope, body.keys) };
    },
    copyAppSecrets: ({ params, body, principal }) => {
      // The path's network is checked for a network-bound credential before this runs; the source is named in the
      // body, so it is checked here: such a credential copies only within its own network.
      if (principal.network !== null && body.from.network !== principal.network) throw notFound(`Network ${body.from.network} not found.`);
      const to = envScopes.resolve(principal.user.id, params.network, params.app);
      const from = envScopes.resolve(principal.user.id, body.from.network, body.from.app);
      const result = secrets.copy(principal.user.id, actorOf(principal), from, to, body.keys);
      return { status: 200, body: { data: result.data.map(toWireSecret), releases: result.releases } };
    },
  };
}
