import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, pageSchema, TimestampSchema } from './common.js';
import { ActorSchema } from './event.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const ReleaseStateSchema = openEnum(['pending', 'active', 'superseded', 'failed']);
assertType<Equals<z.infer<typeof ReleaseStateSchema>, Schemas['ReleaseState']>>();

/** @internal */
export const ReleaseSchema = z.object({
  version: z.int(),
  network: z.string(),
  app: z.string(),
  state: ReleaseStateSchema,
  reason: openEnum(['deploy', 'config', 'rollback']),
  deployment_id: z.string(),
  rollback_of: z.nullable(z.int()),
  config_digest: z.string(),
  description: z.string(),
  created_by: ActorSchema,
  created_at: TimestampSchema,
});
assertType<Equals<z.infer<typeof ReleaseSchema>, Schemas['Release']>>();

/** @internal */
export const ReleasePageSchema = pageSchema(ReleaseSchema);
assertType<Equals<z.infer<typeof ReleasePageSchema>, Schemas['ReleasePage']>>();
