import * as z from 'zod';
import { resourceNameSchema, timestampSchema } from './common.js';

// Deployment shapes used by the `deployment:<id>` and `logs:build:<id>` topics, mirroring the REST schemas.

/** REST `DeploymentState`. */
export const deploymentStateSchema = z.enum([
  'uploading',
  'queued',
  'building',
  'releasing',
  'running',
  'failed',
  'rolled_back',
  'cancelled',
]);
export type DeploymentState = z.infer<typeof deploymentStateSchema>;

/** States after which a deployment never changes again. */
export const FINAL_DEPLOYMENT_STATES = ['running', 'failed', 'rolled_back', 'cancelled'] as const satisfies readonly DeploymentState[];

/** REST `DeploymentFailure`. */
export const deploymentFailureSchema = z.object({
  stage: z.enum(['upload', 'build', 'release']),
  reason: z.enum(['build_failed', 'start_failed', 'health_check_failed', 'crashed_after_release', 'timed_out', 'internal_error']),
  message: z.string(),
});
export type DeploymentFailure = z.infer<typeof deploymentFailureSchema>;

/** REST `Deployment` (fields a client acts on; others pass through unvalidated). */
export const deploymentSnapshotSchema = z.looseObject({
  id: z.string(),
  network: resourceNameSchema,
  app: resourceNameSchema,
  state: deploymentStateSchema,
  message: z.string().nullable(),
  file_count: z.int().min(0),
  total_size: z.int().min(0),
  missing_blobs: z.array(z.string().regex(/^[a-f0-9]{64}$/)),
  release: z.int().min(1).nullable(),
  failure: deploymentFailureSchema.nullable(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
  finished_at: timestampSchema.nullable(),
});
export type DeploymentSnapshot = z.infer<typeof deploymentSnapshotSchema>;
