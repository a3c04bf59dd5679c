import * as z from 'zod';
import {
  afterSeqSchema,
  resourceNameSchema,
  seqGapEventSchema,
  seqJoinErrorSchema,
  seqJoinReplySchema,
  seqSchema,
  timestampSchema,
} from './common.js';
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
    type: z.enum(['user', 'network', 'app', 'api_token', 'var', 'secret', 'deployment', 'release', 'run', 'shell', 'config', 'trust_policy', 'oidc_issuer']),
    network: resourceNameSchema.optional(),
    app: resourceNameSchema.optional(),
    id: z.string().optional(),
  }),
  details: z.record(z.string(), z.unknown()),
  revertible: z.boolean().optional(),
  created_at: timestampSchema,
});
export type EventRecord = z.infer<typeof eventRecordSchema>;

/**
 * Join: `after_seq` replays every event with a greater seq before going live; without it, live only (from the
 * reply's `last_seq`).
 */
export const eventsJoinPayloadSchema = z.strictObject({ after_seq: afterSeqSchema.optional() });
export type EventsJoinPayload = z.infer<typeof eventsJoinPayloadSchema>;

/** Reply: `{last_seq}`, the user's newest seq when the join was decided (0 before the first event). */
export const eventsJoinReplySchema = seqJoinReplySchema;
export type EventsJoinReply = z.infer<typeof eventsJoinReplySchema>;

export const eventsTopic = defineTopic({
  family: 'events',
  pattern: 'events:<user_id>',
  joinPayload: eventsJoinPayloadSchema,
  joinReply: eventsJoinReplySchema,
  joinError: seqJoinErrorSchema,
  serverEvents: {
    /** One audit event; events arrive in ascending seq order, contiguous except across a `gap`. */
    event: eventRecordSchema,
    /** Events the server no longer holds (retention); max-local never prunes, other servers may. */
    gap: seqGapEventSchema,
  },
  clientEvents: {},
  binaryServerEvents: [],
  binaryClientEvents: [],
});
