import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { DescriptionSchema, pageSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const NetworkSchema = z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  description: DescriptionSchema,
  app_count: z.int(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof NetworkSchema>, components['schemas']['Network']>>();

/** @internal */
export const NetworkPageSchema = pageSchema(NetworkSchema);
assertType<Equals<z.infer<typeof NetworkPageSchema>, components['schemas']['NetworkPage']>>();
