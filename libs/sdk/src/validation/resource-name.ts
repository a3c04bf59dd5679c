import { isResourceName, RESOURCE_NAME_MAX_LENGTH } from '@max/api-spec';
import { MaxValidationError } from '../errors/error-classes.js';

/**
 * The server's wording for a name that breaks the pattern. It is not (yet) exported by @max/api-spec, so it is
 * repeated here; the integration test compares these details with max-local's for the same inputs.
 */
const NAME_RULE =
  'must be an RFC 1035 label: 1 to 63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';

/**
 * The reason a name breaks the rule, worded like the server's schema validation (one entry per field, the
 * first failing JSON Schema keyword: length before pattern), or undefined when the name is valid.
 */
function describeNameProblem(name: string): string | undefined {
  if (isResourceName(name)) return undefined;
  if (name.length < 1) return 'must NOT have fewer than 1 characters';
  if (name.length > RESOURCE_NAME_MAX_LENGTH) return `must NOT have more than ${RESOURCE_NAME_MAX_LENGTH} characters`;
  return NAME_RULE;
}

/**
 * Rejects an invalid network/app name before any request, with the server's error code (`validation_failed`)
 * and `details.fields` shape, so callers handle both the same way. The rule itself comes from
 * `@max/api-spec`, the same constant the server validates with.
 *
 * @param pointer JSON Pointer of the input as the server would report it: `/name` (body), `/path/network`,
 *   `/query/app`.
 * @internal
 */
export function assertResourceName(name: string, pointer: string, what: 'network' | 'app'): void {
  const problem = describeNameProblem(name);
  if (problem === undefined) return;
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid ${what} name ${JSON.stringify(name)}: ${problem}`,
    details: { fields: [{ path: pointer, message: problem }] },
  });
}
