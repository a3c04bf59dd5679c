import { z } from 'zod';
import { afterSeqSchema, resourceNameSchema, seqSchema, seqJoinErrorSchema, timestampSchema } from './common.js';
import { defineTopic } from './topic-definition.js';

// `events:<user_id>` — the audit events of one user as they happen (the live form of GET /api/v1/events).

/** An audit event, as the REST `Event` schema. */
export const eventRecordSchema = z.object({
  id: z.string(),
  seq: seqSchema,
  action: z.string().regex(/^[a-z_]+\.[a-z_]+$/),
  actor: z.object({
    type: z.enum(['user', 'api_token', 'system']),
    id: z.string(),
    email: z.string().nullable(),
  }),
  target: z.object({
    type: z.enum(['user', 'network', 'app', 'api_token', 'var', 'secret', 'deployment', 'release', 'run', 'shell', 'config']),
    network: resourceNameSchema.optional(),
    app: resourceNameSchema.optional(),
    id: z.string().optional(),
  }),
  details: z.record(z.string(), z.unknown()),
  revertible: z.boolean().optional(),
  created_at: timestampSchema,
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

/** Join: `after_seq` replays every event with a greater seq before going live; without it, live only. */
export const eventsJoinPayloadSchema = z.strictObject({ after_seq: afterSeqSchema.optional() });
export type EventsJoinPayload = z.infer<typeof eventsJoinPayloadSchema>;

export const eventsJoinReplySchema = z.object({
  earliest_seq: seqSchema.nullable(),
  /** Newest seq at join time; the replay is complete once an event with this seq arrived. */
  latest_seq: seqSchema.nullable(),
});
export type EventsJoinReply = z.infer<typeof eventsJoinReplySchema>;

export const eventsTopic = defineTopic({
  family: 'events',
  pattern: 'events:<user_id>',
  joinPayload: eventsJoinPayloadSchema,
  joinReply: eventsJoinReplySchema,
  joinError: seqJoinErrorSchema,
  serverEvents: {
    /** One audit event; events arrive in ascending seq order without gaps. */
    event: eventRecordSchema,
  },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
