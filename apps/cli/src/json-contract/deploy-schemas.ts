import * as z from 'zod/mini';
import { openEnum } from './open-enum.js';
import { DeploymentFailureSchema, ReleaseSchema } from './wire-schemas.js';

/**
 * The machine output of `rig deploy` and `rig rollback app`: rig's own contract, in the wire's snake_case. The
 * SDK's deploy events are mapped onto it in `commands/deploy-events.ts`, so an SDK refactor cannot change what
 * scripts read.
 */

const count = z.int().check(z.nonnegative());
const time = z.string().check(z.describe('RFC 3339 time.'));

export const DeployOutcomeSchema = z
  .enum(['live', 'submitted', 'build_failed', 'health_check_failed', 'rolled_back', 'timed_out', 'failed', 'cancelled'])
  .check(
    z.describe(
      '`live` (exit 0), `submitted` (`--no-wait`: uploaded and queued, exit 0), `build_failed` (10), `health_check_failed` (11), `rolled_back` (12), `timed_out` (20: still going on the platform), `failed` (1: another failure, such as a platform error), `cancelled` (1).',
    ),
  );

export const DeploymentStateSchema = openEnum(['uploading', 'queued', 'building', 'releasing', 'running', 'failed', 'rolled_back', 'cancelled']);

const ExclusionGroupSchema = z.object({
  kind: z.enum(['secret-like', 'builtin', 'gitignore', 'rigignore']),
  reason: z.string().check(z.describe('`secret-like: private key`, `gitignore: .gitignore:3`, `builtin: node_modules`, …')),
  pattern: z.optional(z.string()),
  paths: z.array(z.string()),
});

const BundleWarningSchema = z.object({ path: z.string(), code: z.string(), message: z.string() });

/** `rig deploy --dry-run`: what would be uploaded and what was left out (`-o json`, or the one `-o jsonl` line). */
export const DeployDryRunSchema = z.object({
  dry_run: z.literal(true),
  network: z.string(),
  app: z.string(),
  directory: z.string().check(z.describe('Absolute path of the deployed directory.')),
  files: count,
  symlinks: count,
  total_bytes: count,
  unique_blobs: count,
  digest: z.string().check(z.describe('SHA-256 of the manifest: the same tree always has the same digest.')),
  largest: z.array(z.object({ path: z.string(), size: count })),
  excluded_count: count,
  excluded: z.array(ExclusionGroupSchema),
  secret_like: z.array(z.string()).check(z.describe('Paths left out because they look like credentials.')),
  warnings: z.array(BundleWarningSchema),
});

/** `rig deploy -o json`: one document with the outcome (also written, with a non-zero exit, when it failed). */
export const DeployResultSchema = z.object({
  outcome: DeployOutcomeSchema,
  network: z.string(),
  app: z.string(),
  app_created: z.boolean().check(z.describe('True when `--create` created the app.')),
  deployment_id: z.nullable(z.string()),
  state: z.nullable(DeploymentStateSchema).check(z.describe('The deployment’s last known state.')),
  release: z.nullable(z.int()).check(z.describe('The release this deployment made, once it got that far.')),
  url: z.nullable(z.string()),
  bundle: z.object({ files: count, bytes: count, digest: z.string(), secret_like: z.array(z.string()) }),
  uploaded: z.object({ blobs: count, bytes: count }).check(z.describe('What actually travelled: only blobs the platform lacked.')),
  failure: z.nullable(DeploymentFailureSchema),
  duration_ms: count,
});

const event = <T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) => z.object({ type: z.literal(type), ...shape });

const deployment_id = z.string();

/** One `rig deploy -o jsonl` line: a deploy event as it happens (the SDK's `DeployEvent`, in snake_case). */
export const DeployEventLineSchema = z.discriminatedUnion('type', [
  event('bundled', {
    files: count,
    bytes: count,
    unique_blobs: count,
    digest: z.string(),
    excluded_count: count,
    secret_like: z.array(z.string()).check(z.describe('Paths left out because they look like credentials.')),
    warnings: z.array(BundleWarningSchema),
  }),
  event('app_created', { network: z.string(), app: z.string(), url: z.string() }),
  event('deployment_created', {
    deployment_id,
    missing_blobs: count.check(z.describe('Distinct blobs the platform lacks: only these are uploaded.')),
    missing_bytes: count,
  }),
  event('upload_progress', { bytes_sent: count, bytes_total: count, blobs_done: count, blobs_total: count, chunks_done: count, chunks_total: count }),
  event('upload_retry', { chunk: count, attempt: z.int(), delay_ms: count, error: z.object({ code: z.string(), message: z.string() }) }),
  event('uploaded', { blobs: count, bytes: count, chunks: count, duration_ms: count }),
  event('status', { deployment_id, state: DeploymentStateSchema, previous_state: z.nullable(DeploymentStateSchema) }),
  event('build_log', { deployment_id, seq: z.int(), ts: time, stream: openEnum(['stdout', 'stderr']), source: openEnum(['app', 'build', 'platform']), line: z.string() }),
  event('build_log_gap', { deployment_id, from_seq: z.int(), to_seq: z.int(), reason: z.string() }),
  event('release_created', { deployment_id, release: z.int() }),
  event('stabilizing', {
    deployment_id,
    release: z.int(),
    second: z.int().check(z.describe('This tick of the stabilization window (1-based, about one a second).')),
    seconds: z.int().check(z.describe('Ticks in the window: the release counts as live after the last one.')),
    ok: z.boolean().check(z.describe('False when the release’s process exited (the window ends there).')),
  }),
  event('healthy', { deployment_id, release: z.nullable(z.int()), url: z.string() }),
  event('failed', { deployment_id, ...DeploymentFailureSchema.shape }),
  event('rolled_back', { deployment_id, release: z.nullable(z.int()), failure: z.nullable(DeploymentFailureSchema) }),
  event('cancelled', { deployment_id }),
  event('timeout', { deployment_id, timeout_ms: count, state: DeploymentStateSchema }),
]);

/** `rig rollback app -o json`. */
export const RollbackResultSchema = z.object({
  outcome: z.enum(['live', 'health_check_failed', 'timed_out']),
  release: ReleaseSchema,
  url: z.string(),
});
