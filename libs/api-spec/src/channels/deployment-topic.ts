import * as z from 'zod';
import { emptyPayloadSchema, snapshotJoinErrorSchema, timestampSchema } from './common.js';
import { deploymentFailureSchema, deploymentSnapshotSchema, deploymentStateSchema } from './deployment-state.js';
import { defineTopic } from './topic-definition.js';

// `deployment:<deployment_id>` — progress of one deployment. No cursor: the join reply is a full snapshot, and
// a state is all a client needs (a reconnect may skip intermediate states but never the final one). After the
// final state the server closes the channel (`phx_close`).

export const deploymentJoinReplySchema = z.object({ deployment: deploymentSnapshotSchema });
export type DeploymentJoinReply = z.infer<typeof deploymentJoinReplySchema>;

/** `state`: the deployment moved to a new state. */
export const deploymentStateEventSchema = z.object({
  state: deploymentStateSchema,
  previous_state: deploymentStateSchema,
  release: z.int().min(1).nullable(),
  failure: deploymentFailureSchema.nullable(),
  at: timestampSchema,
  /**
   * The newest `seq` of the deployment's build log when it changed state (`logs:build:<deployment_id>`): a client
   * following both topics shows this change after that line, so build output and states come out in order even
   * though the two topics are delivered independently. Absent from servers that predate it.
   */
  build_log_seq: z.int().min(0).optional(),
});
export type DeploymentStateEvent = z.infer<typeof deploymentStateEventSchema>;

/** `health_check`: one probe of the new release during `releasing`. */
export const deploymentHealthCheckEventSchema = z.object({
  release: z.int().min(1),
  attempt: z.int().min(1),
  max_attempts: z.int().min(1),
  ok: z.boolean(),
  /** HTTP status of the probe; null when the connection failed. */
  status: z.int().min(100).max(599).nullable(),
  message: z.string(),
  at: timestampSchema,
});
export type DeploymentHealthCheckEvent = z.infer<typeof deploymentHealthCheckEventSchema>;

export const deploymentTopic = defineTopic({
  family: 'deployment',
  pattern: 'deployment:<deployment_id>',
  joinPayload: emptyPayloadSchema,
  joinReply: deploymentJoinReplySchema,
  joinError: snapshotJoinErrorSchema,
  serverEvents: { state: deploymentStateEventSchema, health_check: deploymentHealthCheckEventSchema },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
