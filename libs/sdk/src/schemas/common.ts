import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/**
 * An enum in a RESPONSE (ADR 0012): accepts any string, so a platform newer than this SDK can add a value (a new
 * app status, a new event target) without every older client failing to parse it; the value passes through
 * as-is. Typed as the values this SDK knows — the API version it was built for — so types stay the spec's;
 * code that branches on such a value keeps a default branch. Requests are not parsed with these: they are
 * typed strictly, and the platform rejects unknown values (422).
 *
 * @internal
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T): z.ZodMiniType<T[number]> {
  // The union keeps the known values in the schema (and in JSON Schema generated from it); the cast states the
  // type of the values this SDK knows (see above).
  return z.union([z.enum(values), z.string()]) as unknown as z.ZodMiniType<T[number]>;
}

/** `read` < `deploy` < `admin`. @internal */
export const ScopeSchema = openEnum(['read', 'deploy', 'admin']);
assertType<Equals<z.infer<typeof ScopeSchema>, Schemas['Scope']>>();

/** @internal */
export const DescriptionSchema = z.nullable(z.string());
assertType<Equals<z.infer<typeof DescriptionSchema>, Schemas['Description']>>();

/** RFC 3339 timestamps travel as strings; the SDK does not convert them (wire shapes stay wire shapes). @internal */
export const TimestampSchema = z.string();

/** @internal */
export const NextCursorSchema = z.nullable(z.string());
assertType<Equals<z.infer<typeof NextCursorSchema>, Schemas['NextCursor']>>();

/**
 * The list envelope `{ data, next_cursor }` around an item schema.
 *
 * @internal
 */
export function pageSchema<Item extends z.ZodMiniType>(item: Item) {
  return z.lazy(() => z.object({ data: z.array(item), next_cursor: NextCursorSchema }));
}
