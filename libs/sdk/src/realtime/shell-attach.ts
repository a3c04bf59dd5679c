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
 * `gap` item), none repeated. Input and resizes sent while the connection is down wait for it (bounded).
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
   * (or queued while the connection is down); bytes sent after the shell ended are dropped (`exit` says so).
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
  const stream = subscribeByteChannel(socket, channels, topic, {
    events: ['output'] as const,
    offset: options.offset,
    // The size travels with every rejoin too, so a resize made during a cut is applied when the link is back.
    params: () => (size === undefined ? {} : { ...size }),
    parseExit: (payload) => {
      const parsed = ExitSchema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    },
    onReply: (reply) => ReplySchema.safeParse(reply).success,
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
      try {
        stream.channel.send('input', typeof data === 'string' ? encoder.encode(data) : data);
      } catch (error) {
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
