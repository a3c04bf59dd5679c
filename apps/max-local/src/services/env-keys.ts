import { validationFailed, type FieldError } from '../http/api-error.js';

/** `^[A-Z_][A-Z0-9_]*$`, 1..255 characters: what shells and `execve` accept portably. */
export const ENV_KEY_PATTERN = /^[A-Z_][A-Z0-9_]*$/;
export const ENV_KEY_MAX = 255;
/** Per value, in characters (the spec's `EnvValue.maxLength`). */
export const ENV_VALUE_MAX = 65536;
/** Keys per bulk request (the spec's `EnvMap.maxProperties` / `EnvKeyList.maxItems`). */
export const ENV_KEYS_PER_REQUEST_MAX = 1000;

/** Set by the platform for every process; users may not set them (they would be silently overridden). */
export const PLATFORM_KEYS = ['PORT', 'MAX_APP', 'MAX_NETWORK', 'MAX_HOSTNAME', 'MAX_RELEASE'] as const;
export type PlatformKey = (typeof PLATFORM_KEYS)[number];
const RESERVED: ReadonlySet<string> = new Set(PLATFORM_KEYS);

export function envKeyProblem(key: string): string | null {
  if (key.length === 0 || key.length > ENV_KEY_MAX) return `must be 1 to ${ENV_KEY_MAX} characters`;
  if (!ENV_KEY_PATTERN.test(key)) return 'must match ^[A-Z_][A-Z0-9_]*$ (upper-case letters, digits and underscores, not starting with a digit)';
  return null;
}

/**
 * Problems with the keys and values of a bulk set, one per offending entry, so a client can fix
 * everything at once. Messages never quote values: the same code checks secrets. `path` is the
 * JSON Pointer of the map in the request (e.g. `/vars`).
 */
export function envEntryProblems(
  entries: Readonly<Record<string, string>>,
  path: string,
  options: { allowEmpty?: boolean } = {},
): FieldError[] {
  const fields: FieldError[] = [];
  const keys = Object.keys(entries);
  if (keys.length === 0 && !options.allowEmpty) fields.push({ path, message: 'must contain at least one key' });
  if (keys.length > ENV_KEYS_PER_REQUEST_MAX) fields.push({ path, message: `must contain at most ${ENV_KEYS_PER_REQUEST_MAX} keys` });
  for (const key of keys) {
    const pointer = `${path}/${escapePointer(key)}`;
    const problem = envKeyProblem(key);
    if (problem) {
      fields.push({ path: pointer, message: `key ${problem}` });
      continue;
    }
    if (RESERVED.has(key)) {
      fields.push({ path: pointer, message: `${key} is set by the platform and cannot be set` });
      continue;
    }
    const value = entries[key];
    if (typeof value !== 'string') {
      fields.push({ path: pointer, message: 'must be a string' });
    } else if (value.length > ENV_VALUE_MAX) {
      fields.push({ path: pointer, message: `must be at most ${ENV_VALUE_MAX} characters` });
    } else if (value.includes('\0')) {
      // execve() ends a value at the first NUL: the process would see something else than was stored.
      fields.push({ path: pointer, message: 'must not contain NUL characters' });
    }
  }
  return fields;
}

/**
 * Problems with a list of keys. For unset, absent keys are fine and platform keys are harmless
 * (never stored); for a config document's secret list (`forSet`), platform keys are refused.
 */
export function envKeyListProblems(
  keys: readonly string[],
  path: string,
  options: { allowEmpty?: boolean; forSet?: boolean } = {},
): FieldError[] {
  const fields: FieldError[] = [];
  if (keys.length === 0 && !options.allowEmpty) fields.push({ path, message: 'must contain at least one key' });
  if (keys.length > ENV_KEYS_PER_REQUEST_MAX) fields.push({ path, message: `must contain at most ${ENV_KEYS_PER_REQUEST_MAX} keys` });
  if (new Set(keys).size !== keys.length) fields.push({ path, message: 'must not repeat a key' });
  keys.forEach((key, index) => {
    const problem = envKeyProblem(key);
    if (problem) fields.push({ path: `${path}/${index}`, message: `key ${problem}` });
    else if (options.forSet && RESERVED.has(key)) fields.push({ path: `${path}/${index}`, message: `${key} is set by the platform and cannot be set` });
  });
  return fields;
}

/** Throws one 422 naming every problem of a bulk set. */
export function assertEnvEntries(entries: Readonly<Record<string, string>>, path: string): void {
  throwIfAny(envEntryProblems(entries, path));
}

/** Throws one 422 naming every problem of a bulk unset. */
export function assertEnvKeyList(keys: readonly string[], path: string): void {
  throwIfAny(envKeyListProblems(keys, path));
}

/** Throws a 422 listing `fields`, with the first one in the message, when there are any. */
export function throwIfAny(fields: FieldError[]): void {
  if (fields.length > 0) throw validationFailed(fields, describe(fields));
}

function describe(fields: FieldError[]): string {
  const first = fields[0] as FieldError;
  const more = fields.length > 1 ? ` (and ${fields.length - 1} more)` : '';
  return `The request is invalid: ${first.path} ${first.message}${more}.`;
}

/** RFC 6901 escaping for keys used in JSON Pointers. */
export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
