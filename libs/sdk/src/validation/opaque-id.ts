import { MaxValidationError } from '../errors/error-classes.js';

/** The spec's bounds for opaque ids in paths (`deployment_id`, `event_id`, …). */
const ID_MAX_LENGTH = 255;

/**
 * Rejects an id the server could not route before any request: an empty id would address another path
 * (`/deployments//finalize`), an overlong one is refused anyway.
 *
 * @param pointer JSON Pointer of the input, e.g. `/path/deployment_id`.
 * @internal
 */
export function assertOpaqueId(id: string, pointer: string, what: string): void {
  let problem: string | undefined;
  if (typeof id !== 'string' || id.length < 1) problem = 'must NOT have fewer than 1 characters';
  else if (id.length > ID_MAX_LENGTH) problem = `must NOT have more than ${ID_MAX_LENGTH} characters`;
  if (problem === undefined) return;
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid ${what}: ${problem}`,
    details: { fields: [{ path: pointer, message: problem }] },
  });
}
