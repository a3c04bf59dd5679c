import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** `read` < `deploy` < `admin`. @internal */
export const ScopeSchema = z.enum(['read', 'deploy', 'admin']);
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
  return z.object({ data: z.array(item), next_cursor: NextCursorSchema });
}
