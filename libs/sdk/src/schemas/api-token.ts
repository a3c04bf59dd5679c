import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { pageSchema, ScopeSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

const apiTokenFields = {
  id: z.string(),
  name: z.string(),
  scope: ScopeSchema,
  created_at: TimestampSchema,
  expires_at: z.nullable(TimestampSchema),
  last_used_at: z.nullable(TimestampSchema),
};

/** An API token as listed (no secret). @internal */
export const ApiTokenSchema = z.lazy(() => z.object(apiTokenFields));
assertType<Equals<z.infer<typeof ApiTokenSchema>, Schemas['ApiToken']>>();

/** An API token as created, with its secret shown once. @internal */
export const ApiTokenCreatedSchema = z.lazy(() => z.object({ ...apiTokenFields, token: z.string() }));
assertType<Equals<z.infer<typeof ApiTokenCreatedSchema>, Schemas['ApiTokenCreated']>>();

/** @internal */
export const ApiTokenPageSchema = pageSchema(ApiTokenSchema);
assertType<Equals<z.infer<typeof ApiTokenPageSchema>, Schemas['ApiTokenPage']>>();
