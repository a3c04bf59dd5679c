import type { OperationId, HttpMethod } from '../http/openapi.js';
import type { Scope } from './scopes.js';

/** The spec's rule: deleting networks and managing API tokens and OIDC trust policies needs `admin`. */
const ADMIN_OPERATIONS: ReadonlySet<OperationId> = new Set<OperationId>([
  'deleteNetwork',
  'createApiToken',
  'deleteApiToken',
  'listTrustPolicies',
  'createTrustPolicy',
  'deleteTrustPolicy',
]);

/** `read` may only GET; `deploy` may do everything else except the admin operations. */
export function requiredScope(operationId: OperationId, method: HttpMethod): Scope {
  if (ADMIN_OPERATIONS.has(operationId)) return 'admin';
  return method === 'get' ? 'read' : 'deploy';
}
