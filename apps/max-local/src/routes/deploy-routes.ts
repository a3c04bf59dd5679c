import { actorOf } from '../auth/principal.js';
import type { ManifestEntry } from '../deploy/manifest.js';
import { toWireDeployment, toWireRelease } from '../deployments/deploy-wire.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';

/** Deployments (create → upload → finalize → build/release, cancel) and releases (list, get, rollback). */
export function deployRoutes({ platform }: RouteDeps): RouteTable {
  return {
    createDeployment: async ({ params, body, principal }) => {
      const deployment = await platform.deploys.create(principal.user.id, actorOf(principal), params.network, params.app, {
        // The spec's entries are a subset of what the engine's validator accepts (it re-checks every field).
        manifest: body.manifest as ManifestEntry[],
        message: body.message,
        rollback: body.rollback,
        stabilizationSeconds: body.stabilization_seconds,
      });
      return { status: 201, body: toWireDeployment(deployment) };
    },
    listDeployments: ({ params, query, principal }) => {
      const app = platform.apps.get(principal.user.id, params.network, params.app);
      const page = platform.deploys.records.listDeployments(app.id, { limit: query.limit ?? 50, cursor: query.cursor, state: query.state });
      return { status: 200, body: { data: page.items.map(toWireDeployment), next_cursor: page.nextCursor } };
    },
    getDeployment: ({ params, principal }) => ({
      status: 200,
      body: toWireDeployment(platform.deploys.get(principal.user.id, params.deployment_id)),
    }),
    finalizeDeployment: async ({ params, principal }) => ({
      status: 200,
      body: toWireDeployment(await platform.deploys.finalize(principal.user.id, params.deployment_id)),
    }),
    cancelDeployment: async ({ params, principal }) => ({
      status: 200,
      body: toWireDeployment(await platform.deploys.cancel(principal.user.id, params.deployment_id)),
    }),
    listReleases: ({ params, query, principal }) => {
      const page = platform.deploys.listReleases(principal.user.id, params.network, params.app, { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireRelease), next_cursor: page.nextCursor } };
    },
    getRelease: ({ params, principal }) => ({
      status: 200,
      body: toWireRelease(platform.deploys.getRelease(principal.user.id, params.network, params.app, params.version)),
    }),
    rollbackRelease: ({ params, body, principal }) => ({
      status: 201,
      body: toWireRelease(platform.deploys.rollback(principal.user.id, actorOf(principal), params.network, params.app, body.to)),
    }),
  };
}
