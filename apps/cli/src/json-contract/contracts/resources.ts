import * as z from 'zod/mini';
import type { ContractFactories } from '../contract-types.js';
import { list, oneOrList } from '../contract-types.js';
import {
  AppSchema,
  DashboardSchema,
  EnvSourceSchema,
  EventRevertResultSchema,
  EventSchema,
  NetworkSchema,
  PlanBlockerSchema,
  PlanChangeSchema,
  PlanSummarySchema,
  ReleaseRefSchema,
  SecretSchema,
  Sha256DigestSchema,
  VarSchema,
} from '../wire-schemas.js';

export { parseContractValue } from '../parse-contract.js';

const scope = { network: z.string(), app: z.nullable(z.string()) };

const EnvEntryViewSchema = z.object({
  key: z.string(),
  source: EnvSourceSchema,
  value: z
    .nullable(z.string())
    .check(z.describe('The value the process sees; null for secrets, and for platform values fixed only when a process starts (PORT before a process runs).')),
  digest: z.optional(Sha256DigestSchema.check(z.describe('Secrets only: the digest of the value.'))),
  overridden: z.array(EnvSourceSchema).check(z.describe('Lower-precedence sources that also define this key, lowest first.')),
});

const PlanViewSchema = {
  plan_digest: Sha256DigestSchema,
  changes: z.array(PlanChangeSchema),
  summary: PlanSummarySchema,
};

/** Networks, apps, vars, secrets, the dashboard, config as code and the audit history. */
export const contracts: ContractFactories = {
  'create network': () => ({ json: NetworkSchema }),
  'create app': () => ({ json: AppSchema }),
  'status network': () => oneOrList(NetworkSchema),
  'status app': () => oneOrList(AppSchema),
  'details network': () => ({ json: NetworkSchema }),
  'details app': () => ({ json: z.extend(AppSchema, { env: z.array(EnvEntryViewSchema) }) }),
  'update app': () => ({ json: AppSchema }),
  'delete network': () => ({ json: z.object({ name: z.string(), deleted: z.literal(true) }) }),
  'delete app': () => ({ json: z.object({ network: z.string(), name: z.string(), deleted: z.literal(true) }) }),
  'create var': () => ({ json: z.object({ ...scope, vars: z.array(VarSchema), releases: z.array(ReleaseRefSchema) }) }),
  'delete var': () => ({ json: z.object({ ...scope, unset: z.array(z.string()), releases: z.array(ReleaseRefSchema) }) }),
  'status var': () => list(VarSchema),
  'create secret': () => ({ json: z.object({ ...scope, secrets: z.array(SecretSchema), releases: z.array(ReleaseRefSchema) }) }),
  'delete secret': () => ({ json: z.object({ ...scope, unset: z.array(z.string()), releases: z.array(ReleaseRefSchema) }) }),
  'status secret': () => list(SecretSchema),
  'status dashboard': () => ({ json: DashboardSchema }),
  'config export': () => ({ document: 'config-document' }),
  'config diff': () => ({
    json: z.object({
      in_sync: z.boolean().check(z.describe('True when applying the document would change nothing (exit 0); false otherwise (exit 5).')),
      ...PlanViewSchema,
      blockers: z.array(PlanBlockerSchema),
    }),
  }),
  'config apply': () => ({
    json: z.object({
      applied: z.boolean().check(z.describe('False when there was nothing to change.')),
      ...PlanViewSchema,
      releases: z.array(ReleaseRefSchema),
    }),
  }),
  history: () => list(EventSchema),
  revert: () => ({ json: EventRevertResultSchema }),
};
