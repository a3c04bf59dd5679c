import * as z from 'zod';
import { offsetGapEventSchema, offsetJoinErrorSchema, outputOffsetSchema } from './common.js';
import { defineTopic } from './topic-definition.js';

// `shell:<session_id>` — attach to a PTY session. Output and input are raw bytes in Phoenix binary frames
// (`output` from the server, `input` from the client). Output offsets count PTY bytes since the session began;
// frames are contiguous from the join reply's `output_offset`, so a client's position is that offset plus the
// bytes received, and it rejoins with that number after a reconnect.

const terminalSize = { cols: z.int().min(1).max(1000), rows: z.int().min(1).max(1000) };

/**
 * Join: `output_offset` resumes output at that byte (bytes already dropped from the buffer are reported by a `gap`
 * event, and `cursor_ahead` refuses an offset beyond the output so far); without it, output starts at the oldest
 * buffered byte. `cols`/`rows` resize the PTY on attach (both or neither).
 */
export const shellJoinPayloadSchema = z
  .strictObject({
    output_offset: outputOffsetSchema.optional(),
    cols: terminalSize.cols.optional(),
    rows: terminalSize.rows.optional(),
  })
  .refine((p) => (p.cols === undefined) === (p.rows === undefined), { message: 'cols and rows go together' });
export type ShellJoinPayload = z.infer<typeof shellJoinPayloadSchema>;

export const shellJoinReplySchema = z.object({
  state: z.enum(['running', 'exited']),
  /** Where the output that follows starts. */
  output_offset: outputOffsetSchema,
  /** Bytes of output so far: replay is complete once the client's position reaches it. */
  output_bytes: outputOffsetSchema,
  ...terminalSize,
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
});
export type ShellJoinReply = z.infer<typeof shellJoinReplySchema>;

/** `exit`: the process ended; every output byte up to `output_bytes` has been sent. The channel closes next. */
export const shellExitEventSchema = z.object({
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
  output_bytes: outputOffsetSchema,
});

/** `resized`: the PTY size changed (another attached client resized it). */
export const shellResizedEventSchema = z.object(terminalSize);

/** Client → server `resize`. */
export const shellResizeMessageSchema = z.strictObject(terminalSize);
export type ShellResizeMessage = z.infer<typeof shellResizeMessageSchema>;

export const shellTopic = defineTopic({
  family: 'shell',
  pattern: 'shell:<session_id>',
  joinPayload: shellJoinPayloadSchema,
  joinReply: shellJoinReplySchema,
  joinError: offsetJoinErrorSchema,
  serverEvents: { exit: shellExitEventSchema, resized: shellResizedEventSchema, gap: offsetGapEventSchema },
  clientEvents: { resize: shellResizeMessageSchema },
  binaryServerEvents: ['output'],
  binaryClientEvents: ['input'],
});
