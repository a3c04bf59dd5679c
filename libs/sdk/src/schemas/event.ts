import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, pageSchema, TimestampSchema } from './common.js';
import { ReleaseRefSchema } from './release-ref.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** @internal */
export const ActorSchema = z.lazy(() => z.object({
  type: openEnum(['user', 'api_token', 'system']),
  id: z.string(),
  email: z.nullable(z.string()),
}));
assertType<Equals<z.infer<typeof ActorSchema>, Schemas['Actor']>>();

/** @internal */
export const EventTargetSchema = z.lazy(() => z.object({
  type: openEnum(['user', 'network', 'app', 'api_token', 'var', 'secret', 'deployment', 'release', 'run', 'shell', 'config', 'trust_policy', 'oidc_issuer']),
  network: z.optional(z.string()),
  app: z.optional(z.string()),
  id: z.optional(z.string()),
}));
assertType<Equals<z.infer<typeof EventTargetSchema>, Schemas['EventTarget']>>();

/** @internal */
export const EventSchema = z.lazy(() => z.object({
  id: z.string(),
  seq: z.int(),
  action: z.string(),
  actor: ActorSchema,
  target: EventTargetSchema,
  details: z.record(z.string(), z.unknown()),
  revertible: z.optional(z.boolean()),
  created_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof EventSchema>, Schemas['Event']>>();

/** @internal */
export const EventPageSchema = pageSchema(EventSchema);
assertType<Equals<z.infer<typeof EventPageSchema>, Schemas['EventPage']>>();

/** @internal */
export const EventRevertResultSchema = z.lazy(() => z.object({
  event: EventSchema,
  releases: z.array(ReleaseRefSchema),
}));
assertType<Equals<z.infer<typeof EventRevertResultSchema>, Schemas['EventRevertResult']>>();
