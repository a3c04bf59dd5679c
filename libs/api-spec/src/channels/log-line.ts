import { z } from 'zod';
import { afterSeqSchema, resourceNameSchema, seqSchema, timestampSchema } from './common.js';

// Log topics (`logs:app:…`, `logs:build:…`, `logs:network:…`) share their line shape, join payload and events;
// the wire shape of a line is the REST `LogLine` schema of the OpenAPI document.

/** One log line, as in REST `LogLine`. */
export const logLineSchema = z.object({
  seq: seqSchema,
  ts: timestampSchema,
  stream: z.enum(['stdout', 'stderr']),
  source: z.enum(['app', 'build', 'platform']),
  line: z.string(),
  /** Only in network streams: the app that wrote the line. */
  app: resourceNameSchema.optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

/**
 * Join payload of every log topic.
 * - `after_seq`: resume — replay every retained line with a greater seq, then follow live. No line is repeated
 *   and none is skipped (or the join fails with `cursor_expired`).
 * - without `after_seq`: follow live, first replaying the newest `tail` lines (default 0).
 * - `stream`: only stdout or only stderr.
 */
export const logJoinPayloadSchema = z
  .strictObject({
    after_seq: afterSeqSchema.optional(),
    tail: z.int().min(0).max(1000).optional(),
    stream: z.enum(['stdout', 'stderr']).optional(),
  })
  .refine((p) => p.after_seq === undefined || p.tail === undefined, {
    message: 'after_seq and tail are mutually exclusive',
  });
export type LogJoinPayload = z.infer<typeof logJoinPayloadSchema>;

/** Reply to a successful join of a log topic: where the stream stands, so the client knows when it has caught up. */
export const logJoinReplySchema = z.object({
  /** Oldest retained seq; null when the stream is empty. */
  earliest_seq: seqSchema.nullable(),
  /** Newest seq so far; null when the stream is empty. Replay is complete once a line with this seq arrived. */
  latest_seq: seqSchema.nullable(),
});
export type LogJoinReply = z.infer<typeof logJoinReplySchema>;

/** `lines`: one or more lines in ascending, gap-free seq order (the server batches bursts). */
export const logLinesEventSchema = z.object({ lines: z.array(logLineSchema).min(1) });

/**
 * `gap`: the server skipped lines `from_seq … to_seq` for this subscriber because it fell too far behind
 * (`overflow`). Fetch them over REST (`after_seq = from_seq - 1`) or report them as lost.
 */
export const logGapEventSchema = z.object({
  from_seq: seqSchema,
  to_seq: seqSchema,
  reason: z.literal('overflow'),
});
