import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { pageSchema, TimestampSchema } from './common.js';
import { ReleaseRefSchema } from './release-ref.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** Keys to values (`EnvMap`), as vars and config documents carry them. @internal */
export const EnvMapSchema = z.lazy(() => z.record(z.string(), z.string()));
assertType<Equals<z.infer<typeof EnvMapSchema>, Schemas['EnvMap']>>();

/** @internal */
export const VarSchema = z.lazy(() => z.object({
  key: z.string(),
  value: z.string(),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof VarSchema>, Schemas['Var']>>();

/** @internal */
export const VarPageSchema = pageSchema(VarSchema);
assertType<Equals<z.infer<typeof VarPageSchema>, Schemas['VarPage']>>();

/** @internal */
export const VarsSetResultSchema = z.lazy(() => z.object({
  data: z.array(VarSchema),
  releases: z.array(ReleaseRefSchema),
}));
assertType<Equals<z.infer<typeof VarsSetResultSchema>, Schemas['VarsSetResult']>>();

/** The answer to a bulk unset of vars or secrets. @internal */
export const KeysUnsetResultSchema = z.lazy(() => z.object({
  unset: z.array(z.string()),
  releases: z.array(ReleaseRefSchema),
}));
assertType<Equals<z.infer<typeof KeysUnsetResultSchema>, Schemas['KeysUnsetResult']>>();
