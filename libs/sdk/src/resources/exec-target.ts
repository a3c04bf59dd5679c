import { MaxValidationError } from '../errors/error-classes.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Where a shell or a command runs: in an app (its current release directory and effective environment), or in
 * a network (a workspace directory with the network's environment).
 *
 * @example
 * ```ts
 * const app: ExecTarget = { network: 'staging', app: 'web' };
 * const network: ExecTarget = { network: 'staging' };
 * ```
 */
export type ExecTarget = { network: string; app: string } | { network: string; app?: undefined };

/** @internal */
export type ResolvedExecTarget = { kind: 'app'; network: string; app: string } | { kind: 'network'; network: string };

/** @internal */
export function resolveExecTarget(target: ExecTarget): ResolvedExecTarget {
  assertResourceName(target.network, '/path/network', 'network');
  if (target.app === undefined) return { kind: 'network', network: target.network };
  assertResourceName(target.app, '/path/app', 'app');
  return { kind: 'app', network: target.network, app: target.app };
}

/**
 * Checks the `network`/`app` filters of `shells.list` and `runs.list`: valid names, and an app only with its
 * network (app names are unique only within one).
 *
 * @internal
 */
export function assertExecFilters(filters: { network?: string | undefined; app?: string | undefined }): void {
  if (filters.network !== undefined) assertResourceName(filters.network, '/query/network', 'network');
  if (filters.app === undefined) return;
  if (filters.network === undefined) {
    const message = 'an app filter needs its network';
    throw new MaxValidationError({ code: 'validation_failed', message: `Invalid filter: ${message}`, details: { fields: [{ path: '/query/app', message }] } });
  }
  assertResourceName(filters.app, '/query/app', 'app');
}

/**
 * A create body whose defaulted fields (`term`, `timeout_seconds`) may be absent: the generated body type marks
 * them required because they have a spec `default`, which the platform applies to an absent field.
 *
 * @internal
 */
export function withDefaults<T extends object>(input: T): T & { term: string } & { timeout_seconds: number } {
  // Absent defaulted fields are filled in by the platform; the wire body is the caller's input unchanged.
  return input as T & { term: string } & { timeout_seconds: number };
}
