import { validationFailed, type FieldError } from '../http/api-error.js';

/** RFC 1035 label: 1–63 chars, lowercase letter first, letters/digits/hyphens, no trailing hyphen. */
export const RFC1035_LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const NAME_RULE =
  'must be an RFC 1035 label: 1 to 63 lowercase letters, digits or hyphens, starting with a letter and not ending with a hyphen';

/** Describes what is wrong with a name, or null when it is valid. */
export function nameProblem(value: string): string | null {
  if (value.length === 0) return 'must not be empty';
  if (value.length > 63) return `is ${value.length} characters long; ${NAME_RULE}`;
  if (!RFC1035_LABEL.test(value)) return NAME_RULE;
  return null;
}

/**
 * Service-layer check. The HTTP schema validates names too, but services are also called from
 * code paths that bypass HTTP (CLI, future importers), and the rule is the domain's, not the wire's.
 */
export function assertName(value: string, path: string): void {
  const problem = nameProblem(value);
  if (problem !== null) throw validationFailed([{ path, message: problem } satisfies FieldError]);
}

/** Max length of free-text descriptions. */
export const DESCRIPTION_MAX = 1000;

export function assertDescription(value: string | null | undefined, path = '/description'): void {
  if (typeof value === 'string' && value.length > DESCRIPTION_MAX) {
    throw validationFailed([{ path, message: `must be at most ${DESCRIPTION_MAX} characters` }]);
  }
}

/** Health check paths are URL paths on the app: absolute, printable ASCII, no spaces, bounded. */
export function assertHealthCheckPath(value: string | undefined, path = '/health_check_path'): void {
  if (value === undefined) return;
  if (!/^\/[\x21-\x7e]{0,1023}$/.test(value)) {
    throw validationFailed([{ path, message: 'must be an absolute URL path starting with "/" (printable ASCII, at most 1024 characters)' }]);
  }
}
