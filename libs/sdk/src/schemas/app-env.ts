import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum } from './common.js';
import { Sha256DigestSchema } from './secret.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const EnvSourceSchema = openEnum(['network', 'app', 'secret', 'platform']);
assertType<Equals<z.infer<typeof EnvSourceSchema>, Schemas['EnvSource']>>();

/** @internal */
export const EnvEntrySchema = z.object({
  key: z.string(),
  source: EnvSourceSchema,
  value: z.nullable(z.string()),
  digest: z.nullable(Sha256DigestSchema),
  overridden: z.array(EnvSourceSchema),
});
assertType<Equals<z.infer<typeof EnvEntrySchema>, Schemas['EnvEntry']>>();

/** @internal */
export const AppEnvSchema = z.object({ data: z.array(EnvEntrySchema) });
assertType<Equals<z.infer<typeof AppEnvSchema>, Schemas['AppEnv']>>();
