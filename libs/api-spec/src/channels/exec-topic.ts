import * as z from 'zod';
import { emptyPayloadSchema, offsetGapEventSchema, offsetJoinErrorSchema, outputOffsetSchema } from './common.js';
import { defineTopic } from './topic-definition.js';

// `exec:<run_id>` — I/O of a one-off command run. stdout and stderr arrive as binary frames named `stdout` and
// `stderr`; the offset counts the bytes of both in the order they were produced, so one number resumes both.

/**
 * Join: `output_offset` resumes at that byte (dropped bytes are reported by a `gap` event); without it, output
 * starts at the oldest buffered byte.
 */
export const execJoinPayloadSchema = z.strictObject({ output_offset: outputOffsetSchema.optional() });
export type ExecJoinPayload = z.infer<typeof execJoinPayloadSchema>;

export const runStateSchema = z.enum(['pending', 'running', 'exited', 'failed', 'timed_out', 'cancelled']);

export const execJoinReplySchema = z.object({
  state: runStateSchema,
  output_offset: outputOffsetSchema,
  output_bytes: outputOffsetSchema,
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
});
export type ExecJoinReply = z.infer<typeof execJoinReplySchema>;

/** `exit`: the run finished; all output up to `output_bytes` has been sent. The channel closes next. */
export const execExitEventSchema = z.object({
  state: z.enum(['exited', 'failed', 'timed_out', 'cancelled']),
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
  /** Why the run failed to start, when `state` is `failed`. */
  error: z.string().nullable(),
  output_bytes: outputOffsetSchema,
});
export type ExecExitEvent = z.infer<typeof execExitEventSchema>;

/** Client → server `signal`: forward a signal (for example Ctrl-C as SIGINT) to the process. */
export const execSignalMessageSchema = z.strictObject({
  signal: z.enum(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGKILL']),
});

export const execTopic = defineTopic({
  family: 'exec',
  pattern: 'exec:<run_id>',
  joinPayload: execJoinPayloadSchema,
  joinReply: execJoinReplySchema,
  joinError: offsetJoinErrorSchema,
  serverEvents: { exit: execExitEventSchema, gap: offsetGapEventSchema },
  clientEvents: {
    /** Close the process's stdin. */
    stdin_eof: emptyPayloadSchema,
    signal: execSignalMessageSchema,
  },
  binaryServerEvents: ['stdout', 'stderr'],
  binaryClientEvents: ['stdin'],
});
