import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { pageSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const CommandSchema = z.lazy(() => z.array(z.string()));
assertType<Equals<z.infer<typeof CommandSchema>, Schemas['Command']>>();

/** @internal */
export const ShellStateSchema = z.enum(['running', 'exited']);
assertType<Equals<z.infer<typeof ShellStateSchema>, Schemas['ShellState']>>();

/** @internal */
export const ShellSessionSchema = z.lazy(() => z.object({
  id: z.string(),
  network: z.string(),
  app: z.nullable(z.string()),
  command: CommandSchema,
  term: z.string(),
  cols: z.int(),
  rows: z.int(),
  state: ShellStateSchema,
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  pid: z.int(),
  attached_clients: z.int(),
  output_bytes: z.int(),
  detach_timeout_seconds: z.int(),
  created_at: TimestampSchema,
  ended_at: z.nullable(TimestampSchema),
}));
assertType<Equals<z.infer<typeof ShellSessionSchema>, Schemas['ShellSession']>>();

/** @internal */
export const RunStateSchema = z.enum(['pending', 'running', 'exited', 'failed', 'timed_out', 'cancelled']);
assertType<Equals<z.infer<typeof RunStateSchema>, Schemas['RunState']>>();

/** @internal */
export const RunSchema = z.lazy(() => z.object({
  id: z.string(),
  network: z.string(),
  app: z.nullable(z.string()),
  command: CommandSchema,
  state: RunStateSchema,
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  error: z.nullable(z.string()),
  pid: z.nullable(z.int()),
  attached_clients: z.int(),
  release: z.nullable(z.int()),
  timeout_seconds: z.int(),
  output_bytes: z.int(),
  created_at: TimestampSchema,
  started_at: z.nullable(TimestampSchema),
  finished_at: z.nullable(TimestampSchema),
}));
assertType<Equals<z.infer<typeof RunSchema>, Schemas['Run']>>();

/** @internal */
export const ShellSessionPageSchema = pageSchema(ShellSessionSchema);
assertType<Equals<z.infer<typeof ShellSessionPageSchema>, Schemas['ShellSessionPage']>>();

/** @internal */
export const RunPageSchema = pageSchema(RunSchema);
assertType<Equals<z.infer<typeof RunPageSchema>, Schemas['RunPage']>>();
