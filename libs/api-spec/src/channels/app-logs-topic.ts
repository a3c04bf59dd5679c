import { seqJoinErrorSchema } from './common.js';
import { logGapEventSchema, logJoinPayloadSchema, logJoinReplySchema, logLinesEventSchema } from './log-line.js';
import { defineTopic } from './topic-definition.js';

// `logs:app:<network>/<app>` — runtime output of an app (all its releases), the live form of
// GET /api/v1/networks/{network}/apps/{app}/logs.

export const appLogsTopic = defineTopic({
  family: 'logs:app',
  pattern: 'logs:app:<network>/<app>',
  joinPayload: logJoinPayloadSchema,
  joinReply: logJoinReplySchema,
  joinError: seqJoinErrorSchema,
  serverEvents: { lines: logLinesEventSchema, gap: logGapEventSchema },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
