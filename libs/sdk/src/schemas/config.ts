import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, DescriptionSchema } from './common.js';
import { EnvMapSchema } from './env-var.js';
import { ReleaseRefSchema } from './release-ref.js';
import { Sha256DigestSchema } from './secret.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** A secret a scope must have: its key and, optionally, the digest its value must have (never the value). @internal */
export const ConfigSecretSchema = z.lazy(() => z.object({
  key: z.string(),
  digest: z.optional(Sha256DigestSchema),
}));
assertType<Equals<z.infer<typeof ConfigSecretSchema>, Schemas['ConfigSecret']>>();

/** @internal */
const ConfigSecretListSchema = z.lazy(() => z.array(ConfigSecretSchema));
assertType<Equals<z.infer<typeof ConfigSecretListSchema>, Schemas['ConfigSecretList']>>();

/** @internal */
export const ConfigAppSchema = z.lazy(() => z.object({
  name: z.string(),
  description: z.optional(DescriptionSchema),
  health_check_path: z.optional(z.string()),
  vars: z.optional(EnvMapSchema),
  secrets: z.optional(ConfigSecretListSchema),
}));
assertType<Equals<z.infer<typeof ConfigAppSchema>, Schemas['ConfigApp']>>();

/** @internal */
export const ConfigNetworkSchema = z.lazy(() => z.object({
  name: z.string(),
  description: z.optional(DescriptionSchema),
  vars: z.optional(EnvMapSchema),
  secrets: z.optional(ConfigSecretListSchema),
  apps: z.optional(z.array(ConfigAppSchema)),
}));
assertType<Equals<z.infer<typeof ConfigNetworkSchema>, Schemas['ConfigNetwork']>>();

/** @internal */
export const ConfigDocumentSchema = z.lazy(() => z.object({
  version: z.literal(1),
  networks: z.array(ConfigNetworkSchema),
}));
assertType<Equals<z.infer<typeof ConfigDocumentSchema>, Schemas['ConfigDocument']>>();

/** @internal */
export const PlanFieldSchema = z.lazy(() => z.object({
  name: z.string(),
  before: z.nullable(z.string()),
  after: z.nullable(z.string()),
}));
assertType<Equals<z.infer<typeof PlanFieldSchema>, Schemas['PlanField']>>();

/** @internal */
export const PlanChangeSchema = z.lazy(() => z.object({
  action: openEnum(['create', 'update', 'delete']),
  resource: openEnum(['network', 'app', 'var', 'secret']),
  network: z.string(),
  app: z.nullable(z.string()),
  key: z.nullable(z.string()),
  fields: z.array(PlanFieldSchema),
}));
assertType<Equals<z.infer<typeof PlanChangeSchema>, Schemas['PlanChange']>>();

/** @internal */
export const PlanBlockerSchema = z.lazy(() => z.object({
  reason: openEnum(['secret_missing', 'secret_changed', 'name_taken']),
  network: z.string(),
  app: z.nullable(z.string()),
  key: z.nullable(z.string()),
  message: z.string(),
}));
assertType<Equals<z.infer<typeof PlanBlockerSchema>, Schemas['PlanBlocker']>>();

/** @internal */
export const PlanSchema = z.lazy(() => z.object({
  digest: Sha256DigestSchema,
  changes: z.array(PlanChangeSchema),
  blockers: z.array(PlanBlockerSchema),
  summary: z.object({ create: z.int(), update: z.int(), delete: z.int() }),
}));
assertType<Equals<z.infer<typeof PlanSchema>, Schemas['Plan']>>();

/** @internal */
export const ConfigApplyResultSchema = z.lazy(() => z.object({
  plan: PlanSchema,
  releases: z.array(ReleaseRefSchema),
}));
assertType<Equals<z.infer<typeof ConfigApplyResultSchema>, Schemas['ConfigApplyResult']>>();
