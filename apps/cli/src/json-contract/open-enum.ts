import * as z from 'zod/mini';

/**
 * An enum the platform sends (ADR 0012): these values are the ones this rig knows, and any other string is
 * passed through as-is — a newer platform may add values (a new app status) without breaking older scripts'
 * parsers or rig itself. The published JSON Schema says the same (`anyOf` the known values and any string).
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T, description?: string) {
  const schema = z.union([z.enum(values), z.string()]);
  return schema.check(z.describe(`${description ? `${description} ` : ''}Known values: ${values.map((v) => `\`${v}\``).join(', ')}; a newer platform may send others, passed through as-is.`));
}
