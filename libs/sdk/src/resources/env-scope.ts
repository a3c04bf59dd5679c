import { assertResourceName } from '../validation/resource-name.js';

/**
 * Where vars and secrets live: a network (inherited by all its apps), or one app of it (overrides the
 * network's keys).
 *
 * @example
 * ```ts
 * const networkScope: EnvScope = { network: 'staging' };
 * const appScope: EnvScope = { network: 'staging', app: 'web' };
 * ```
 */
export interface EnvScope {
  network: string;
  /** Omit (or leave undefined) for network scope. */
  app?: string | undefined;
}

/**
 * Paging for `vars.list` / `secrets.list` (sorted by key).
 *
 * @example
 * ```ts
 * const params: EnvListParams = { limit: 200 };
 * ```
 */
export interface EnvListParams {
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Checks the scope's names locally, and narrows it: `{ network, app }` for app scope, `{ network }` otherwise.
 *
 * @internal
 */
export function resolveScope(scope: EnvScope): { network: string; app?: string } {
  assertResourceName(scope.network, '/path/network', 'network');
  if (scope.app === undefined) return { network: scope.network };
  assertResourceName(scope.app, '/path/app', 'app');
  return { network: scope.network, app: scope.app };
}
