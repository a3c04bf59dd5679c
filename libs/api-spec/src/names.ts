// Name rules shared by the server (validation) and clients (early, friendly errors). The OpenAPI document carries
// the same patterns; the spec test asserts they agree so the two can never drift apart.

/** RFC 1035 label: network and app names become DNS labels in `<app>.<network>.<domain>`. */
export const RESOURCE_NAME_PATTERN_SOURCE = '^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$';
/** {@link RESOURCE_NAME_PATTERN_SOURCE} as a RegExp. */
export const RESOURCE_NAME_PATTERN = new RegExp(RESOURCE_NAME_PATTERN_SOURCE);
/** Longest network or app name (a DNS label is at most 63 octets). */
export const RESOURCE_NAME_MAX_LENGTH = 63;

/** Environment variable keys of vars and secrets. */
export const ENV_KEY_PATTERN_SOURCE = '^[A-Z_][A-Z0-9_]*$';
/** {@link ENV_KEY_PATTERN_SOURCE} as a RegExp. */
export const ENV_KEY_PATTERN = new RegExp(ENV_KEY_PATTERN_SOURCE);
/** Longest var or secret key. */
export const ENV_KEY_MAX_LENGTH = 255;

/**
 * Whether `name` is a valid network or app name.
 *
 * @example
 * isResourceName('staging-eu'); // true
 * isResourceName('Staging');    // false: uppercase
 */
export function isResourceName(name: string): boolean {
  return name.length <= RESOURCE_NAME_MAX_LENGTH && RESOURCE_NAME_PATTERN.test(name);
}

/**
 * Whether `key` is a valid var or secret key.
 *
 * @example
 * isEnvKey('DATABASE_URL'); // true
 * isEnvKey('database_url'); // false
 */
export function isEnvKey(key: string): boolean {
  return key.length >= 1 && key.length <= ENV_KEY_MAX_LENGTH && ENV_KEY_PATTERN.test(key);
}
