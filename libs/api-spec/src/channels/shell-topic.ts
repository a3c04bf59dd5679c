import * as z from 'zod';
import { offsetGapEventSchema, offsetJoinErrorSchema, outputOffsetSchema } from './common.js';
import { defineTopic } from './topic-definition.js';

// `shell:<session_id>` — attach to a PTY session. Output and input are raw bytes in Phoenix binary frames
// (`output` from the server, `input` from the client). Output offsets count PTY bytes since the session began;
// frames are contiguous from the join reply's `output_offset`, so a client's position is that offset plus the
// bytes received, and it rejoins with that number after a reconnect. Input resumes too (`input_stream`,
// `input_at`): every input frame says where it starts in its stream, so after a cut the client resends what the
// server had not applied (the join reply's `input_bytes`) and the server drops what it already has.

const terminalSize = { cols: z.int().min(1).max(1000), rows: z.int().min(1).max(1000) };

/**
 * Join: `output_offset` resumes output at that byte (bytes already dropped from the buffer are reported by a `gap`
 * event, and `cursor_ahead` refuses an offset beyond the output so far); without it, output starts at the oldest
 * buffered byte. `cols`/`rows` resize the PTY on attach (both or neither). `input_stream` names the client's input
 * stream (chosen by the client, the same on every rejoin): the reply's `input_bytes` then says how many of its bytes
 * the session has applied, and `input_at` frames are accepted.
 */
export const shellJoinPayloadSchema = z
  .strictObject({
    output_offset: outputOffsetSchema.optional(),
    input_stream: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 characters of A-Z, a-z, 0-9, _ and -').optional(),
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
  /** With `input_stream` in the join: bytes of that stream the session has applied (0 for a new stream). */
  input_bytes: outputOffsetSchema.optional(),
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
  binaryClientEvents: ['input', 'input_at'],
});
