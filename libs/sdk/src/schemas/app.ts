import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, DescriptionSchema, pageSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const AppStatusSchema = openEnum(['created', 'deploying', 'running', 'crashed', 'stopped']);
assertType<Equals<z.infer<typeof AppStatusSchema>, components['schemas']['AppStatus']>>();

/** @internal */
export const AppSchema = z.lazy(() => z.object({
  id: z.string(),
  name: z.string(),
  network: z.string(),
  hostname: z.string(),
  url: z.string(),
  description: DescriptionSchema,
  health_check_path: z.string(),
  status: AppStatusSchema,
  current_release: z.nullable(z.int()),
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof AppSchema>, components['schemas']['App']>>();

/** @internal */
export const AppPageSchema = pageSchema(AppSchema);
assertType<Equals<z.infer<typeof AppPageSchema>, components['schemas']['AppPage']>>();
