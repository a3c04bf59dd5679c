import { topics } from '@max/api-spec';
import * as z from 'zod/mini';
import type { HttpCore } from '../core/http-core.js';
import { MaxValidationError } from '../errors/error-classes.js';
import { attachmentLifecycle, subscribeByteChannel, type AttachConnectionState, type OutputGap } from './byte-stream.js';
import { toMaxError } from './channel-error.js';
import { openSocket } from './open-socket.js';

/**
 * Options of `client.shells.attach`.
 *
 * @example
 * ```ts
 * const options: ShellAttachOptions = { cols: process.stdout.columns, rows: process.stdout.rows };
 * ```
 */
export interface ShellAttachOptions {
  /** Terminal size to set on attach (both or neither). */
  cols?: number;
  rows?: number;
  /** Resume output at this byte; default: from the oldest byte still buffered (the scrollback). */
  offset?: number;
  /** Aborting detaches (the session keeps running). */
  signal?: AbortSignal;
}

/**
 * One item of a shell's output: a chunk of PTY bytes (`offset`: where its first byte sits in the session's
 * output), a range no longer buffered, or the size set by another attached client.
 *
 * @example
 * ```ts
 * const write = (item: ShellOutputItem) => (item.type === 'output' ? process.stdout.write(item.data) : undefined);
 * ```
 */
export type ShellOutputItem =
  | { type: 'output'; data: Uint8Array; offset: number }
  | OutputGap
  | { type: 'resized'; cols: number; rows: number };

/**
 * How an attachment ended: the shell exited (`exitCode`, or `signal` when one killed it), or the client
 * detached (`detached`; the session keeps running and can be attached again at `offset`).
 *
 * @example
 * ```ts
 * const end: ShellEnd = await attachment.exit;
 * if (end.state === 'detached') console.error(`rig shell attach ${attachment.id}`);
 * ```
 */
export type ShellEnd =
  | { state: 'exited'; exitCode: number | null; signal: string | null; outputBytes: number }
  | { state: 'detached'; offset: number };

/**
 * A live attachment to a shell session (`shell:<id>`). Output is an async iterable that reconnects by itself
 * and resumes from the last byte it delivered: no byte lost (unless the platform dropped it, reported as a
 * `gap` item), none repeated. Input resumes too (see `write`); resizes sent while the connection is down wait for
 * it (bounded).
 *
 * @example
 * ```ts
 * const shell = await client.shells.attach(session.id, { cols: 120, rows: 40 });
 * process.stdin.on('data', (bytes) => void shell.write(bytes));
 * for await (const item of shell.output) if (item.type === 'output') process.stdout.write(item.data);
 * const end = await shell.exit;
 * ```
 */
export interface ShellAttachment {
  readonly id: string;
  readonly output: AsyncIterable<ShellOutputItem>;
  /** Resolves when the shell exits or the client detaches; rejects when the attachment failed. */
  readonly exit: Promise<ShellEnd>;
  /** The offset after the last byte delivered: `offset` for a later attach that continues here. */
  readonly offset: number;
  /**
   * Sends keystrokes or pasted bytes (strings as UTF-8) without waiting for an answer: each is one message the
   * platform does not reply to, so a keystroke costs one frame each way. Resolves once the bytes are on their way
   * (or kept while the connection is down). Across reconnects every byte arrives once and in order: the frames
   * carry their offset and what a cut lost is sent again (up to the last 1 MiB written). Bytes written after the
   * shell ended are dropped (`exit` says so).
   */
  write(data: Uint8Array | string): Promise<void>;
  /** Resizes the PTY (1..1000 each). */
  resize(cols: number, rows: number): Promise<void>;
  /** Leaves the session running and ends this attachment (`exit` resolves with `detached`). */
  detach(): Promise<void>;
  /** Connection changes, for a "reconnecting…" notice. Returns the function that stops listening. */
  onConnectionChange(listener: (state: AttachConnectionState) => void): () => void;
}

const ExitSchema = z.lazy(() => z.object({ exit_code: z.nullable(z.int()), signal: z.nullable(z.string()), output_bytes: z.int() }));
const ResizedSchema = z.lazy(() => z.object({ cols: z.int(), rows: z.int() }));
const ReplySchema = z.lazy(() => z.object({
  state: z.string(),
  cols: z.int(),
  rows: z.int(),
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
}));

const encoder = new TextEncoder();

/** Bytes of sent input kept for a resend after a cut (the tail of the stream; a person types far less). */
const RESEND_WINDOW_BYTES = 1024 * 1024;

/**
 * The client side of a resumable input stream (docs/protocol.md §6.6): a random name, the offset of the next byte,
 * and the last bytes sent. Every `input_at` frame carries its offset; after a rejoin the reply's `input_bytes` says
 * where the session stands and everything after it is sent again (the server drops what it already applied).
 * @internal
 */
export class ResumableInput {
  readonly stream = randomStreamName();
  #sent = 0;
  /** The bytes sent from offset `#keptFrom` to `#sent`, in the pieces they were written in. */
  #kept: Uint8Array[] = [];
  #keptFrom = 0;

  /** The `input_at` frame for `bytes` (an 8-byte offset, then the bytes); the bytes are kept for a resend. */
  frame(bytes: Uint8Array): Uint8Array {
    const frame = withOffset(this.#sent, bytes);
    this.#kept.push(frame.subarray(8));
    this.#sent += bytes.byteLength;
    while (this.#sent - this.#keptFrom - (this.#kept[0]?.byteLength ?? 0) >= RESEND_WINDOW_BYTES) this.#drop();
    return frame;
  }

  /**
   * A (re)join replied `input_bytes` (undefined from a server that does not resume input): forgets what is applied
   * and returns the frame to send again, if anything is missing.
   */
  rejoined(applied: unknown): Uint8Array | undefined {
    if (typeof applied !== 'number' || !Number.isSafeInteger(applied) || applied < 0) return undefined;
    while (this.#kept.length > 0 && this.#keptFrom + (this.#kept[0]?.byteLength ?? 0) <= applied) this.#drop();
    if (applied >= this.#sent || this.#kept.length === 0) return undefined;
    // What the window still holds from `applied` on (older bytes, beyond the window, cannot come back).
    const from = Math.max(applied, this.#keptFrom);
    const rest = concat(this.#kept).subarray(from - this.#keptFrom);
    return withOffset(from, rest);
  }

  #drop(): void {
    const first = this.#kept.shift();
    if (first !== undefined) this.#keptFrom += first.byteLength;
  }
}

function withOffset(offset: number, bytes: Uint8Array): Uint8Array {
  const frame = new Uint8Array(8 + bytes.byteLength);
  new DataView(frame.buffer).setBigUint64(0, BigInt(offset));
  frame.set(bytes, 8);
  return frame;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

function randomStreamName(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** @internal */
export function assertTerminalSize(cols: number, rows: number): void {
  for (const [name, value] of [
    ['cols', cols],
    ['rows', rows],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 1000) {
      const message = `must be an integer from 1 to 1000, got ${String(value)}`;
      throw new MaxValidationError({ code: 'validation_failed', message: `Invalid terminal ${name}: ${message}`, details: { fields: [{ path: `/${name}`, message }] } });
    }
  }
}

/** @internal */
export async function attachShell(core: HttpCore, id: string, options: ShellAttachOptions): Promise<ShellAttachment> {
  const hasSize = options.cols !== undefined || options.rows !== undefined;
  if (hasSize) assertTerminalSize(options.cols ?? 0, options.rows ?? 0);
  let size = hasSize ? { cols: options.cols ?? 0, rows: options.rows ?? 0 } : undefined;
  const { socket, channels } = await openSocket(core);
  const topic = topics.shell(id);
  const input = new ResumableInput();
  const stream = subscribeByteChannel(socket, channels, topic, {
    events: ['output'] as const,
    offset: options.offset,
    // The size travels with every rejoin too, so a resize made during a cut is applied when the link is back; the
    // input stream's name too, so the reply says how much of the input arrived.
    params: () => ({ ...(size === undefined ? {} : size), input_stream: input.stream }),
    parseExit: (payload) => {
      const parsed = ExitSchema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    },
    onReply: (reply) => ReplySchema.safeParse(reply).success,
  });
  // Every (re)join: what the session has not applied of the input sent so far goes again, before anything
  // queued during the cut (the channel flushes its buffer after the join listeners; those frames are duplicates
  // the server drops by their offsets).
  stream.channel.onJoin((reply) => {
    const resend = input.rejoined(reply['input_bytes']);
    if (resend !== undefined) stream.channel.send('input_at', resend);
  });
  const resizedQueue: ShellOutputItem[] = [];
  stream.channel.on('resized', (payload) => {
    const parsed = ResizedSchema.safeParse(payload);
    if (parsed.success) resizedQueue.push({ type: 'resized', cols: parsed.data.cols, rows: parsed.data.rows });
  });

  const { close, guard } = attachmentLifecycle(socket, stream, options.signal);

  const exit: Promise<ShellEnd> = stream.exit.then(
    (payload): ShellEnd => {
      // The outcome is known: report it now. The socket's closing handshake (phoenix waits for the server's close,
      // ~150 ms) finishes in the background and holds nothing once done.
      void close();
      return payload === undefined
        ? { state: 'detached', offset: stream.offset() ?? options.offset ?? 0 }
        : { state: 'exited', exitCode: payload.exit_code, signal: payload.signal, outputBytes: payload.output_bytes };
    },
    (error: unknown) => {
      void close();
      throw error;
    },
  );
  exit.catch(() => undefined);

  const push = async (event: string, payload: Record<string, unknown> | Uint8Array): Promise<void> => {
    try {
      await stream.channel.push(event, payload);
    } catch (error) {
      throw toMaxError(channels, error, topic);
    }
  };

  async function* withResizes(): AsyncGenerator<ShellOutputItem, void, undefined> {
    for await (const item of stream.output) {
      while (resizedQueue.length > 0) yield resizedQueue.shift() as ShellOutputItem;
      yield item.type === 'gap' ? item : { type: 'output', data: item.data, offset: item.offset };
    }
  }

  return {
    id,
    output: guard(withResizes()),
    exit,
    get offset() {
      return stream.offset() ?? options.offset ?? 0;
    },
    write: async (data) => {
      const bytes = typeof data === 'string' ? encoder.encode(data) : data;
      if (bytes.byteLength === 0) return;
      const frame = input.frame(bytes);
      try {
        stream.channel.send('input_at', frame);
      } catch (error) {
        // Queued sends are capped while the connection is down; these bytes are kept all the same (up to the
        // resend window) and go with the resend after the rejoin.
        if (error instanceof channels.PushBufferFullError) return;
        throw toMaxError(channels, error, topic);
      }
    },
    resize: async (cols, rows) => {
      assertTerminalSize(cols, rows);
      size = { cols, rows };
      await push('resize', { cols, rows });
    },
    detach: close,
    onConnectionChange: (listener) => stream.onConnectionChange(listener),
  };
}
