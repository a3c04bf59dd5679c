import * as z from 'zod';
import { resourceNameSchema, seqJoinErrorSchema } from './common.js';
import { logGapEventSchema, logJoinPayloadSchema, logJoinReplySchema, logLineSchema } from './log-line.js';
import { defineTopic } from './topic-definition.js';

// `logs:network:<network>` — the runtime output of every app of a network merged into one stream with its own
// seq; each line names its app.

/** A line of a network stream: `app` is always present. */
export const networkLogLineSchema = logLineSchema.extend({ app: resourceNameSchema });
export type NetworkLogLine = z.infer<typeof networkLogLineSchema>;

export const networkLogLinesEventSchema = z.object({ lines: z.array(networkLogLineSchema).min(1) });

export const networkLogsTopic = defineTopic({
  family: 'logs:network',
  pattern: 'logs:network:<network>',
  joinPayload: logJoinPayloadSchema,
  joinReply: logJoinReplySchema,
  joinError: seqJoinErrorSchema,
  serverEvents: { lines: networkLogLinesEventSchema, gap: logGapEventSchema },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
