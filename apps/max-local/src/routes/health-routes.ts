import type { RouteTable } from '../http/route-types.js';
import { ApiError } from '../http/api-error.js';
import { VERSION } from '../version.js';
import type { RouteDeps } from './deps.js';

export function healthRoutes(_deps: RouteDeps, isShuttingDown: () => boolean): RouteTable {
  return {
    healthz: () => {
      // Load balancers and supervisors should stop sending traffic while we drain.
      if (isShuttingDown()) throw new ApiError(503, 'unavailable', 'max-local is shutting down.');
      return { status: 200, body: { status: 'ok', version: VERSION } };
    },
  };
}
