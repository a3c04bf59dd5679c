import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { ScopeSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const MeSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  created_at: TimestampSchema,
  auth: z.object({
    type: z.enum(['access_token', 'api_token']),
    scope: ScopeSchema,
    expires_at: z.nullable(TimestampSchema),
  }),
});
assertType<Equals<z.infer<typeof MeSchema>, components['schemas']['Me']>>();
