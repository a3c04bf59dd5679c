import * as z from 'zod';
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

/**
 * Why a join was refused. The `reason` field of a join reply with status `error`. A cursor that points at history
 * the server no longer keeps is NOT a join error: the join succeeds and the server pushes a `gap` event first
 * (see {@link seqGapEventSchema}), so a live tail never stalls on a refused rejoin.
 */
export const JOIN_ERROR_REASONS = ['unauthorized', 'not_found', 'invalid_payload', 'cursor_ahead'] as const;
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
 * Join errors of topics with a `seq` cursor. `cursor_ahead`: the cursor is beyond the newest item (it comes from
 * another history, e.g. a wiped data dir). Replaying "after" it would silently deliver nothing, so the server
 * refuses and says where the stream stands (`last_seq`); the client decides (report it, rejoin from 0 or from
 * `last_seq`).
 */
export const seqJoinErrorSchema = z.discriminatedUnion('reason', [
  unauthorized,
  notFound,
  invalidPayload,
  z.object({ reason: z.literal('cursor_ahead'), message: z.string(), last_seq: afterSeqSchema }),
]);
export type SeqJoinError = z.infer<typeof seqJoinErrorSchema>;

/**
 * Join errors of topics with an `output_offset` cursor. `cursor_ahead`: the offset is beyond the output produced
 * so far; `output_bytes` says how much there is.
 */
export const offsetJoinErrorSchema = z.discriminatedUnion('reason', [
  unauthorized,
  notFound,
  invalidPayload,
  z.object({ reason: z.literal('cursor_ahead'), message: z.string(), output_bytes: outputOffsetSchema }),
]);
export type OffsetJoinError = z.infer<typeof offsetJoinErrorSchema>;

/**
 * Reply to a successful join of a sequenced topic (events, logs): the newest `seq` when the join was decided
 * (0: the stream is empty). Without a cursor the stream starts live after it, and the client adopts it as its
 * cursor; with one, the replay is complete once an item with this seq (or a gap ending at it) arrived.
 */
export const seqJoinReplySchema = z.object({ last_seq: afterSeqSchema });
export type SeqJoinReply = z.infer<typeof seqJoinReplySchema>;

/** Why items were skipped. Only `retention` today: the server no longer holds them. */
export const GAP_REASONS = ['retention'] as const;

/**
 * `gap` on sequenced topics: items `from_seq … to_seq` (inclusive) are gone and will never be delivered. Pushed
 * in-band, in seq order, right where the missing items would have been (usually first after a join whose cursor
 * was older than what is retained). The client reports it and moves its cursor to `to_seq`.
 */
export const seqGapEventSchema = z.object({
  from_seq: seqSchema,
  to_seq: seqSchema,
  reason: z.enum(GAP_REASONS),
});
export type SeqGapEvent = z.infer<typeof seqGapEventSchema>;

/**
 * `gap` on byte streams (shell, exec): output bytes `from_offset … to_offset - 1` were dropped from the buffer.
 * Output that follows starts at `to_offset` (the join reply's `output_offset`).
 */
export const offsetGapEventSchema = z.object({
  from_offset: outputOffsetSchema,
  to_offset: outputOffsetSchema,
  reason: z.enum(GAP_REASONS),
});
export type OffsetGapEvent = z.infer<typeof offsetGapEventSchema>;

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
