import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, pageSchema, TimestampSchema } from './common.js';
import { DeploymentStateSchema } from './deployment-state.js';
import { ActorSchema } from './event.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const DeploymentFailureSchema = z.lazy(() => z.object({
  stage: openEnum(['upload', 'build', 'release']),
  reason: openEnum(['build_failed', 'start_failed', 'health_check_failed', 'crashed_after_release', 'timed_out', 'internal_error']),
  message: z.string(),
}));
assertType<Equals<z.infer<typeof DeploymentFailureSchema>, Schemas['DeploymentFailure']>>();

/** @internal */
export const DeploymentSchema = z.lazy(() => z.object({
  id: z.string(),
  network: z.string(),
  app: z.string(),
  state: DeploymentStateSchema,
  message: z.nullable(z.string()),
  file_count: z.int(),
  total_size: z.int(),
  missing_blobs: z.array(z.string()),
  release: z.nullable(z.int()),
  failure: z.nullable(DeploymentFailureSchema),
  created_by: ActorSchema,
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
  finished_at: z.nullable(TimestampSchema),
}));
assertType<Equals<z.infer<typeof DeploymentSchema>, Schemas['Deployment']>>();

/** @internal */
export const DeploymentPageSchema = pageSchema(DeploymentSchema);
assertType<Equals<z.infer<typeof DeploymentPageSchema>, Schemas['DeploymentPage']>>();
