import { MaxValidationError } from '../errors/error-classes.js';
import { assertOpaqueId } from '../validation/opaque-id.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Which log stream: an app's runtime logs, a network's merged logs, or one deployment's build log.
 *
 * @example
 * ```ts
 * const app: LogTarget = { network: 'staging', app: 'web' };
 * const network: LogTarget = { network: 'staging' };
 * const build: LogTarget = { deployment: 'dep_123' };
 * ```
 */
export type LogTarget =
  | { network: string; app: string; deployment?: never }
  | { network: string; app?: undefined; deployment?: never }
  | { deployment: string; network?: never; app?: never };

/** A validated target, tagged by kind. @internal */
export type ResolvedLogTarget =
  | { kind: 'app'; network: string; app: string }
  | { kind: 'network'; network: string }
  | { kind: 'build'; deployment: string };

/** @internal */
export function resolveLogTarget(target: LogTarget): ResolvedLogTarget {
  if (target.deployment !== undefined) {
    if (target.network !== undefined || target.app !== undefined) {
      const problem = 'give either a deployment or a network (and app), not both';
      throw new MaxValidationError({
        code: 'validation_failed',
        message: `Invalid log target: ${problem}`,
        details: { fields: [{ path: '/deployment', message: problem }] },
      });
    }
    assertOpaqueId(target.deployment, '/path/deployment_id', 'deployment id');
    return { kind: 'build', deployment: target.deployment };
  }
  assertResourceName(target.network, '/path/network', 'network');
  if (target.app === undefined) return { kind: 'network', network: target.network };
  assertResourceName(target.app, '/path/app', 'app');
  return { kind: 'app', network: target.network, app: target.app };
}
