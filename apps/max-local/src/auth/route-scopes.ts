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

/**
 * Shells and runs execute code, and their records show command lines: even reading them needs `deploy`
 * (docs/protocol.md §1, Scopes — the `shell`/`exec` topics likewise).
 */
const REMOTE_ACCESS_OPERATIONS: ReadonlySet<OperationId> = new Set<OperationId>(['listShells', 'getShell', 'listRuns', 'getRun']);

/** `read` may only GET; `deploy` may do everything else except the admin operations. */
export function requiredScope(operationId: OperationId, method: HttpMethod): Scope {
  if (ADMIN_OPERATIONS.has(operationId)) return 'admin';
  if (REMOTE_ACCESS_OPERATIONS.has(operationId)) return 'deploy';
  return method === 'get' ? 'read' : 'deploy';
}
