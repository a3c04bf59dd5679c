import type { RouteTable } from '../http/route-types.js';
import { authRoutes } from './auth-routes.js';
import type { RouteDeps } from './deps.js';
import { eventRoutes } from './event-routes.js';
import { healthRoutes } from './health-routes.js';
import { meRoutes } from './me-routes.js';
import { appRoutes, networkRoutes } from './network-routes.js';
import { configRoutes } from './config-routes.js';
import { secretRoutes, varRoutes } from './var-routes.js';
import { blobRoutes } from './blob-routes.js';
import { deployRoutes } from './deploy-routes.js';
import { logRoutes } from './log-routes.js';
import { remoteRoutes } from './remote-routes.js';
import { oidcRoutes } from './oidc-routes.js';

/**
 * Handlers for the operations max-local implements, by operationId. Operations the spec defines for
 * later milestones have no entry and answer 404 until they do.
 */
export function apiHandlers(deps: RouteDeps, isShuttingDown: () => boolean): RouteTable {
  return {
    ...healthRoutes(deps, isShuttingDown),
    ...authRoutes(deps),
    ...meRoutes(deps),
    ...networkRoutes(deps),
    ...appRoutes(deps),
    ...eventRoutes(deps),
    ...varRoutes(deps),
    ...secretRoutes(deps),
    ...configRoutes(deps),
    ...blobRoutes(deps),
    ...deployRoutes(deps),
    ...logRoutes(deps),
    ...remoteRoutes(deps),
    ...oidcRoutes(deps),
  };
}
