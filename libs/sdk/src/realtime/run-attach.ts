import type { MaxSocket } from '@max/rig-channels';
import { topics } from '@max/api-spec';
import * as z from 'zod/mini';
import type { HttpCore } from '../core/http-core.js';
import { MaxValidationError } from '../errors/error-classes.js';
import type { MaxError } from '../errors/max-error.js';
import { attachmentLifecycle, subscribeByteChannel, type AttachConnectionState, type OutputGap } from './byte-stream.js';
import { toMaxError } from './channel-error.js';
import { openSocket, type ChannelsModule } from './open-socket.js';

/**
 * Options of `client.runs.attach`.
 *
 * @example
 * ```ts
 * const options: RunAttachOptions = { offset: 0, stdinWindowBytes: 1 << 20 };
 * ```
 */
export interface RunAttachOptions {
  /** Resume output at this byte (stdout and stderr counted together); default: the oldest byte still buffered. */
  offset?: number;
  /** Stdin bytes allowed on the way (sent, not yet acknowledged) before `write` waits. Default 1 MiB. */
  stdinWindowBytes?: number;
  /** Aborting detaches (the run keeps going). */
  signal?: AbortSignal;
}

/**
 * One item of a run's output: a chunk of stdout or stderr (`offset`: its first byte's position in the run's
 * combined output), or a range the platform no longer buffers.
 *
 * @example
 * ```ts
 * const sink = (item: RunOutputItem) => (item.type === 'stdout' ? process.stdout : item.type === 'stderr' ? process.stderr : undefined);
 * ```
 */
export type RunOutputItem = { type: 'stdout' | 'stderr'; data: Uint8Array; offset: number } | OutputGap;

/**
 * How an attachment to a run ended: the run finished (`exited` with `exitCode`; killed by `signal`; `failed` to
 * start with `error`; `timed_out`; `cancelled`), or the client detached (the run goes on).
 *
 * @example
 * ```ts
 * const end: RunEnd = await run.exit;
 * const code = end.state === 'detached' ? 0 : (end.exitCode ?? 255);
 * ```
 */
export type RunEnd =
  | {
      state: 'exited' | 'failed' | 'timed_out' | 'cancelled';
      exitCode: number | null;
      signal: string | null;
      error: string | null;
      outputBytes: number;
    }
  | { state: 'detached'; offset: number };

/** Signals a run accepts from its client (docs/protocol.md §6.7). */
export type RunSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP' | 'SIGQUIT' | 'SIGKILL';

/**
 * A live attachment to a command run (`exec:<id>`): stdout and stderr kept apart in one ordered, resumable
 * output stream (reconnects by itself; no byte lost or repeated), stdin streamed with backpressure.
 *
 * Stdin travels as acknowledged pushes: `write` resolves once the data fits the in-flight window, so a fast
 * producer waits for the platform instead of filling memory. A push whose acknowledgement never came (the
 * connection dropped while it was on the way) cannot be proven delivered or lost — the protocol has no stdin
 * offset — so it fails the next `write` instead of being resent, which could duplicate it.
 *
 * @example
 * ```ts
 * const run = await client.runs.attach(created.id);
 * const pump = (async () => {
 *   for await (const chunk of process.stdin) if (!(await run.write(chunk))) break;
 *   await run.closeStdin();
 * })();
 * for await (const item of run.output) {
 *   if (item.type === 'stdout') process.stdout.write(item.data);
 *   else if (item.type === 'stderr') process.stderr.write(item.data);
 * }
 * const end = await run.exit;
 * ```
 */
export interface RunAttachment {
  readonly id: string;
  readonly output: AsyncIterable<RunOutputItem>;
  /** Resolves when the run ends or the client detaches; rejects when the attachment failed. */
  readonly exit: Promise<RunEnd>;
  /** The offset after the last byte delivered. */
  readonly offset: number;
  /** Stdin bytes sent and not yet acknowledged. */
  readonly stdinInFlight: number;
  /**
   * Streams bytes to the process's stdin. Resolves `true` once they are on their way within the window, `false`
   * when the process no longer takes input (it ended or its stdin was closed): stop writing then.
   */
  write(data: Uint8Array | string): Promise<boolean>;
  /** Closes the process's stdin (EOF), after everything written before. Waits for the acknowledgement. */
  closeStdin(): Promise<void>;
  /** Forwards a signal to the process (Ctrl-C: `SIGINT`). */
  signal(name: RunSignal): Promise<void>;
  /** Leaves the run going and ends this attachment (`exit` resolves with `detached`). */
  detach(): Promise<void>;
  onConnectionChange(listener: (state: AttachConnectionState) => void): () => void;
}

const ExitSchema = z.lazy(() => z.object({
  state: z.enum(['exited', 'failed', 'timed_out', 'cancelled']),
  exit_code: z.nullable(z.int()),
  signal: z.nullable(z.string()),
  error: z.nullable(z.string()),
  output_bytes: z.int(),
}));
const ReplySchema = z.lazy(() => z.object({ state: z.string(), exit_code: z.nullable(z.int()), signal: z.nullable(z.string()) }));
const SIGNALS: ReadonlySet<string> = new Set<RunSignal>(['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT', 'SIGKILL']);

/** Bytes per stdin push: small enough to interleave with other traffic, large enough to keep overhead low. */
const STDIN_CHUNK_BYTES = 64 * 1024;
const encoder = new TextEncoder();

function isExitedReply(channels: ChannelsModule, error: unknown): boolean {
  if (!(error instanceof channels.ChannelReplyError)) return false;
  const response = error.response;
  return typeof response === 'object' && response !== null && (response as Record<string, unknown>)['reason'] === 'exited';
}

/**
 * @internal `opened`: a socket already opening (`runs.start` opens it while the run is created); by default one is
 * opened here.
 */
export async function attachRun(
  core: HttpCore,
  id: string,
  options: RunAttachOptions,
  opened?: Promise<{ socket: MaxSocket; channels: ChannelsModule }>,
): Promise<RunAttachment> {
  const window = options.stdinWindowBytes ?? 1024 * 1024;
  if (!(Number.isInteger(window) && window > 0)) {
    const message = `must be a positive integer, got ${String(window)}`;
    throw new MaxValidationError({ code: 'validation_failed', message: `Invalid stdinWindowBytes: ${message}`, details: { fields: [{ path: '/stdinWindowBytes', message }] } });
  }
  const { socket, channels } = await (opened ?? openSocket(core));
  const topic = topics.exec(id);
  const stream = subscribeByteChannel(socket, channels, topic, {
    events: ['stdout', 'stderr'] as const,
    offset: options.offset,
    parseExit: (payload) => {
      const parsed = ExitSchema.safeParse(payload);
      return parsed.success ? parsed.data : undefined;
    },
    onReply: (reply) => ReplySchema.safeParse(reply).success,
  });

  const { close, isClosed, guard } = attachmentLifecycle(socket, stream, options.signal, () => wakeWriters());

  const exit: Promise<RunEnd> = stream.exit.then(
    (payload): RunEnd => {
      stdinOpen = false;
      // The outcome is known: report it now. The socket's closing handshake (phoenix waits for the server's close,
      // ~150 ms) finishes in the background and holds nothing once done.
      void close();
      if (payload === undefined) return { state: 'detached', offset: stream.offset() ?? options.offset ?? 0 };
      return { state: payload.state, exitCode: payload.exit_code, signal: payload.signal, error: payload.error, outputBytes: payload.output_bytes };
    },
    (error: unknown) => {
      stdinOpen = false;
      void close();
      throw error;
    },
  );
  exit.catch(() => undefined);

  // Stdin: acknowledged pushes within a byte window.
  let inFlight = 0;
  let stdinOpen = true;
  let stdinError: MaxError | undefined;
  let waiters: (() => void)[] = [];
  function wakeWriters(): void {
    const ready = waiters;
    waiters = [];
    for (const wake of ready) wake();
  }
  const sendChunk = (chunk: Uint8Array): void => {
    inFlight += chunk.byteLength;
    stream.channel.push('stdin', chunk).then(
      () => undefined,
      (error: unknown) => {
        if (isExitedReply(channels, error) || isClosed()) stdinOpen = false;
        else stdinError ??= toMaxError(channels, error, topic);
      },
    ).finally(() => {
      inFlight -= chunk.byteLength;
      wakeWriters();
    });
  };
  const writable = (): boolean => stdinOpen && !isClosed();

  const write = async (data: Uint8Array | string): Promise<boolean> => {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    for (let start = 0; start < bytes.byteLength; start += STDIN_CHUNK_BYTES) {
      while (writable() && stdinError === undefined && inFlight >= window) await new Promise<void>((resolve) => waiters.push(resolve));
      if (stdinError !== undefined) throw stdinError;
      if (!writable()) return false;
      // Copy: the caller may reuse its buffer once `write` resolved, and the push is still on its way.
      sendChunk(bytes.slice(start, Math.min(bytes.byteLength, start + STDIN_CHUNK_BYTES)));
    }
    return writable();
  };

  const pushControl = async (event: string, payload: Record<string, unknown>): Promise<void> => {
    try {
      await stream.channel.push(event, payload);
    } catch (error) {
      if (isExitedReply(channels, error)) return; // the run is over: nothing left to close or signal
      throw toMaxError(channels, error, topic);
    }
  };

  return {
    id,
    output: guard(stream.output),
    exit,
    get offset() {
      return stream.offset() ?? options.offset ?? 0;
    },
    get stdinInFlight() {
      return inFlight;
    },
    write,
    closeStdin: async () => {
      if (!writable()) return;
      stdinOpen = false;
      wakeWriters();
      await pushControl('stdin_eof', {});
    },
    signal: async (name) => {
      if (!SIGNALS.has(name)) {
        const message = `must be one of ${[...SIGNALS].join(', ')}`;
        throw new MaxValidationError({ code: 'validation_failed', message: `Invalid signal ${String(name)}: ${message}`, details: { fields: [{ path: '/signal', message }] } });
      }
      await pushControl('signal', { signal: name });
    },
    detach: close,
    onConnectionChange: (listener) => stream.onConnectionChange(listener),
  };
}
