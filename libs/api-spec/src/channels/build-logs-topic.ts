import * as z from 'zod';
import { seqSchema, seqJoinErrorSchema } from './common.js';
import { deploymentStateSchema } from './deployment-state.js';
import { logGapEventSchema, logJoinPayloadSchema, logJoinReplySchema, logLinesEventSchema } from './log-line.js';
import { defineTopic } from './topic-definition.js';

// `logs:build:<deployment_id>` — the build output of one deployment. Unlike runtime logs it ends: once the build
// is over and every line was delivered the server pushes `eof` and closes the channel (`phx_close`, no rejoin).

/** `eof`: no line will follow `last_seq`; `state` is the deployment's state when the build log closed. */
export const buildLogEofEventSchema = z.object({
  last_seq: seqSchema.nullable(),
  state: deploymentStateSchema,
});

export const buildLogsTopic = defineTopic({
  family: 'logs:build',
  pattern: 'logs:build:<deployment_id>',
  joinPayload: logJoinPayloadSchema,
  joinReply: logJoinReplySchema,
  joinError: seqJoinErrorSchema,
  serverEvents: { lines: logLinesEventSchema, gap: logGapEventSchema, eof: buildLogEofEventSchema },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
