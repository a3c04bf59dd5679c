import * as z from 'zod/mini';
import { openEnum } from './open-enum.js';

/**
 * The API objects rig prints, as zod schemas. JSON output is parsed through them before it is written (see
 * `outputs.ts`), so `-o json` carries exactly these fields — an unknown field from the server never reaches a
 * script (or a log) — and the published JSON Schemas (`docs/cli/json/`) are generated from the same objects.
 * They mirror the OpenAPI document's schemas; `json-contract.test.ts` checks each against it.
 */

const time = z.string().check(z.describe('RFC 3339 time.'));

const count = z.int().check(z.nonnegative());

export const NetworkSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.nullable(z.string()),
  app_count: count,
  created_at: time,
  updated_at: time,
});

export const AppStatusSchema = openEnum(['created', 'deploying', 'running', 'crashed', 'stopped']);

export const AppSchema = z.object({
  id: z.string(),
  name: z.string(),
  network: z.string(),
  hostname: z.string(),
  url: z.string(),
  description: z.nullable(z.string()),
  health_check_path: z.string(),
  status: AppStatusSchema,
  current_release: z.nullable(z.int()),
  created_at: time,
  updated_at: time,
});

export const VarSchema = z.object({ key: z.string(), value: z.string(), created_at: time, updated_at: time });

export const Sha256DigestSchema = z.string().check(z.regex(/^sha256:[a-f0-9]{64}$/), z.describe('`sha256:` and the hex SHA-256 of the value.'));

export const SecretSchema = z.object({ key: z.string(), digest: Sha256DigestSchema, created_at: time, updated_at: time });

export const ReleaseRefSchema = z.object({ network: z.string(), app: z.string(), version: z.int().check(z.positive()) });

export const EnvSourceSchema = openEnum(['network', 'app', 'secret', 'platform']);

export const ActorSchema = z.object({ type: openEnum(['user', 'api_token', 'system']), id: z.string(), email: z.nullable(z.string()) });

export const EventSchema = z.object({
  id: z.string(),
  seq: z.int(),
  action: z.string(),
  actor: ActorSchema,
  target: z.object({
    type: z.string(),
    network: z.optional(z.string()),
    app: z.optional(z.string()),
    id: z.optional(z.string()),
  }),
  details: z.record(z.string(), z.unknown()).check(z.describe('Action-specific facts, redacted: never a token or secret value.')),
  revertible: z.optional(z.boolean()),
  created_at: time,
});

export const DeploymentSummarySchema = z.object({
  id: z.string(),
  state: z.string(),
  created_at: time,
  finished_at: z.nullable(time),
});

export const DashboardSchema = z.object({
  networks: z.array(NetworkSchema),
  apps: z.array(z.extend(AppSchema, { latest_deployment: z.nullable(DeploymentSummarySchema) })),
  recent_events: z.array(EventSchema),
  counts: z.object({
    networks: count,
    apps: count,
    apps_by_status: z.object({ created: count, deploying: count, running: count, crashed: count, stopped: count }),
    deployments_in_progress: count,
  }),
  truncated: z.boolean(),
  generated_at: time,
});

export const PlanChangeSchema = z.object({
  action: openEnum(['create', 'update', 'delete']),
  resource: openEnum(['network', 'app', 'var', 'secret']),
  network: z.string(),
  app: z.nullable(z.string()),
  key: z.nullable(z.string()),
  fields: z.array(z.object({ name: z.string(), before: z.nullable(z.string()), after: z.nullable(z.string()) })),
});

export const PlanBlockerSchema = z.object({
  reason: openEnum(['secret_missing', 'secret_changed', 'name_taken']),
  network: z.string(),
  app: z.nullable(z.string()),
  key: z.nullable(z.string()),
  message: z.string(),
});

export const PlanSummarySchema = z.object({ create: count, update: count, delete: count });

export const ReleaseSchema = z.object({
  version: z.int().check(z.positive()),
  network: z.string(),
  app: z.string(),
  state: openEnum(['pending', 'active', 'superseded', 'failed']),
  reason: openEnum(['deploy', 'config', 'rollback'], 'What made the release.'),
  deployment_id: z.string().check(z.describe('The deployment whose code the release runs.')),
  rollback_of: z.nullable(z.int()).check(z.describe('For rollbacks, the version whose code and config were restored.')),
  config_digest: Sha256DigestSchema,
  description: z.string(),
  created_by: ActorSchema,
  created_at: time,
});

export const DeploymentFailureSchema = z.object({
  stage: openEnum(['upload', 'build', 'release']),
  reason: openEnum(['build_failed', 'start_failed', 'health_check_failed', 'crashed_after_release', 'timed_out', 'internal_error']),
  message: z.string(),
});

export const EventRevertResultSchema = z.object({ event: EventSchema, releases: z.array(ReleaseRefSchema) });

export type PlanChange = z.infer<typeof PlanChangeSchema>;
export type PlanBlocker = z.infer<typeof PlanBlockerSchema>;
