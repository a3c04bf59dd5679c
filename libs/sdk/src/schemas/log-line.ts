import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const LogLineSchema = z.lazy(() => z.object({
  seq: z.int(),
  ts: TimestampSchema,
  stream: openEnum(['stdout', 'stderr']),
  source: openEnum(['app', 'build', 'platform']),
  line: z.string(),
  app: z.optional(z.string()),
}));
assertType<Equals<z.infer<typeof LogLineSchema>, Schemas['LogLine']>>();

/** @internal */
export const LogPageSchema = z.lazy(() => z.object({
  data: z.array(LogLineSchema),
  has_more: z.boolean(),
  earliest_seq: z.nullable(z.int()),
  latest_seq: z.nullable(z.int()),
}));
assertType<Equals<z.infer<typeof LogPageSchema>, Schemas['LogPage']>>();
