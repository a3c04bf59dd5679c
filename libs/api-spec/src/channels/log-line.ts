import * as z from 'zod';
import { afterSeqSchema, resourceNameSchema, seqGapEventSchema, seqJoinReplySchema, seqSchema, timestampSchema } from './common.js';

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
 *   and none is skipped silently: lines no longer retained are reported by a `gap` event.
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

/**
 * Reply to a successful join of a log topic: `{last_seq}` (0 for an empty stream). With `tail`, the client takes
 * its cursor from the lines it receives, not from `last_seq` (the tail lines are at or below it).
 */
export const logJoinReplySchema = seqJoinReplySchema;
export type LogJoinReply = z.infer<typeof logJoinReplySchema>;

/** `lines`: one or more lines in ascending, gap-free seq order (the server batches bursts). */
export const logLinesEventSchema = z.object({ lines: z.array(logLineSchema).min(1) });

/** `gap`: lines `from_seq … to_seq` are no longer retained (see {@link seqGapEventSchema}). */
export const logGapEventSchema = seqGapEventSchema;
