import { z } from 'zod';
import { ENV_KEY_PATTERN, RESOURCE_NAME_PATTERN } from '../names.js';

// Building blocks shared by the channel topic schemas. Direction matters:
// - payloads the SERVER receives (join payloads, client events) are strict objects: unknown keys are rejected, so a
//   typo in a cursor name fails loudly instead of silently replaying from the start;
// - payloads the CLIENT receives are plain objects: unknown keys are stripped, so servers can add fields without
//   breaking older clients.

/** An RFC 3339 timestamp with a zone (`Z` or an offset). */
export const timestampSchema = z.iso.datetime({ offset: true });

/** A network or app name (RFC 1035 label). */
export const resourceNameSchema = z.string().max(63).regex(RESOURCE_NAME_PATTERN);

/** A var or secret key. */
export const envKeySchema = z.string().min(1).max(255).regex(ENV_KEY_PATTERN);

/** A log sequence number (≥ 1); `after_seq` cursors may be 0, meaning "from the very start". */
export const seqSchema = z.int().min(1);

/** Resume cursor of sequenced streams (logs, events): deliver items with `seq` greater than this. */
export const afterSeqSchema = z.int().min(0);

/** Resume cursor of byte streams (shell and exec output): deliver output from this byte offset on. */
export const outputOffsetSchema = z.int().min(0);

/** Why a join was refused. The `reason` field of a join reply with status `error`. */
export const JOIN_ERROR_REASONS = ['unauthorized', 'not_found', 'invalid_payload', 'cursor_expired'] as const;
export type JoinErrorReason = (typeof JOIN_ERROR_REASONS)[number];

const unauthorized = z.object({
  reason: z.literal('unauthorized'),
  message: z.string(),
});
const notFound = z.object({
  reason: z.literal('not_found'),
  message: z.string(),
});
const invalidPayload = z.object({
  reason: z.literal('invalid_payload'),
  message: z.string(),
});

/**
 * Join errors of topics with a `seq` cursor. `cursor_expired` carries the oldest seq still available: the
 * lines `after_seq + 1 … earliest_seq - 1` are gone, the client reports that gap and rejoins with
 * `after_seq = earliest_seq - 1`.
 */
export const seqJoinErrorSchema = z.discriminatedUnion('reason', [
  unauthorized,
  notFound,
  invalidPayload,
  z.object({ reason: z.literal('cursor_expired'), message: z.string(), earliest_seq: seqSchema }),
]);
export type SeqJoinError = z.infer<typeof seqJoinErrorSchema>;

/**
 * Join errors of topics with an `output_offset` cursor. `cursor_expired` carries the oldest byte offset still
 * buffered; bytes `output_offset … earliest_offset - 1` are gone.
 */
export const offsetJoinErrorSchema = z.discriminatedUnion('reason', [
  unauthorized,
  notFound,
  invalidPayload,
  z.object({ reason: z.literal('cursor_expired'), message: z.string(), earliest_offset: outputOffsetSchema }),
]);
export type OffsetJoinError = z.infer<typeof offsetJoinErrorSchema>;

/** Join errors of topics without a cursor (their join reply is a full snapshot). */
export const snapshotJoinErrorSchema = z.discriminatedUnion('reason', [unauthorized, notFound, invalidPayload]);
export type SnapshotJoinError = z.infer<typeof snapshotJoinErrorSchema>;

/** The empty payload of events that carry no data (Phoenix payloads must be objects, never null). */
export const emptyPayloadSchema = z.strictObject({});

/** Why the server refused a client event (the `response` of a `phx_reply` with status `error`). */
export const CLIENT_EVENT_ERROR_REASONS = ['invalid_payload', 'unknown_event', 'exited'] as const;
export const clientEventErrorSchema = z.object({
  reason: z.enum(CLIENT_EVENT_ERROR_REASONS),
  message: z.string(),
});
export type ClientEventError = z.infer<typeof clientEventErrorSchema>;
