import type { ConnectionState, MaxChannel, MaxSocket } from '@max/rig-channels';
import * as z from 'zod/mini';
import { PushQueue } from '../core/push-queue.js';
import { toMaxError } from './channel-error.js';
import type { ChannelsModule } from './open-socket.js';

/**
 * Output bytes the platform no longer buffers (`[fromOffset, toOffset)`), reported instead of skipped in
 * silence: the stream resumed past them (docs/protocol.md §4.3, §6.6).
 *
 * @example
 * ```ts
 * const describe = (gap: OutputGap) => `-- ${gap.toOffset - gap.fromOffset} bytes of output were lost (${gap.reason}) --`;
 * ```
 */
export interface OutputGap {
  type: 'gap';
  fromOffset: number;
  toOffset: number;
  reason: string;
}

/**
 * Where an attachment stands: `connected` once the channel (re)joined, `reconnecting` while the connection is
 * down (it comes back by itself and resumes from the last byte delivered).
 *
 * @example
 * ```ts
 * attachment.onConnectionChange((state: AttachConnectionState) => {
 *   if (state === 'reconnecting') process.stderr.write('reconnecting…\n');
 * });
 * ```
 */
export type AttachConnectionState = 'connected' | 'reconnecting';

/** One byte chunk of a byte stream, with the offset of its first byte. @internal */
export interface ByteChunk<E extends string> {
  type: E;
  data: Uint8Array;
  offset: number;
}

const OffsetGapSchema = z.lazy(() => z.object({ from_offset: z.int(), to_offset: z.int(), reason: z.string() }));
const JoinReplyOffsetSchema = z.lazy(() => z.object({ output_offset: z.int(), output_bytes: z.int() }));

/** @internal */
export interface ByteChannelOptions<E extends string, X> {
  /** The binary events that carry output (`output`; `stdout` and `stderr`). */
  events: readonly E[];
  /** Resume at this byte; absent: from the oldest byte the platform still buffers. */
  offset?: number | undefined;
  /** More join params, computed at every (re)join (e.g. the terminal size). */
  params?: () => Record<string, unknown>;
  /** Parses the `exit` event. */
  parseExit: (payload: unknown) => X | undefined;
  /** Validates the join reply (state, size, exit status); `undefined` when it does not match. */
  onReply?: (reply: Record<string, unknown>) => boolean;
}

/**
 * Received output not yet taken by the consumer: past the high mark the socket stops reading (TCP backpressure
 * to the platform, which then pauses the process), below the low mark it reads again. Bounds rig's memory when
 * its stdout is slower than the network. 256 KiB (four frames) is enough to keep the socket busy: with 1 MiB the
 * queue sat full while rig wrote to a pipe, and its Buffers made most of the peak RSS of `rig command -- cat
 * <100 MB>` (80–91 MB, now 66–67 MB, at the same or better throughput in `npm run bench -- shell`).
 */
const QUEUE_HIGH_BYTES = 256 * 1024;
const QUEUE_LOW_BYTES = 64 * 1024;

/** @internal */
export interface ByteChannel<E extends string, X> {
  items: PushQueue<ByteChunk<E> | OutputGap>;
  /** `items` as the consumer should read them: with the queue accounting that pauses and resumes the socket. */
  output: AsyncIterable<ByteChunk<E> | OutputGap>;
  channel: MaxChannel;
  /** The offset after the last byte received (= delivered to the queue): where a rejoin resumes. */
  offset(): number | undefined;
  /** The `exit` event, or undefined when the channel ended without one (deleted, detached, failed). */
  exit: Promise<X | undefined>;
  onConnectionChange(listener: (state: AttachConnectionState) => void): () => void;
}

/**
 * Joins a byte-stream topic (`shell:<id>`, `exec:<id>`) and delivers every output byte exactly once, in order,
 * across reconnects. Binary frames carry no offset: they are contiguous from the join reply's `output_offset`,
 * so the position is that offset plus the bytes received since, and every (re)join asks for
 * `output_offset = position` (the params are a function, re-evaluated by phoenix at each rejoin). Frames of an
 * earlier join are dropped by phoenix (their join_ref is stale), so a replay can never repeat a byte; should a
 * server ever answer with an earlier offset than asked for, the overlap is skipped here. A reply that resumes
 * later than asked for is a gap, reported once (the server's `gap` event for the same range is then ignored).
 *
 * @internal
 */
export function subscribeByteChannel<E extends string, X>(
  socket: MaxSocket,
  channels: ChannelsModule,
  topic: string,
  options: ByteChannelOptions<E, X>,
): ByteChannel<E, X> {
  let position = options.offset;
  /** Bytes of the current join to drop because they were delivered already (defensive, see above). */
  let skip = 0;
  /** Gaps are reported up to here. */
  let gapEnd = options.offset ?? -1;
  let exitPayload: X | undefined;
  let resolveExit: (value: X | undefined) => void = () => undefined;
  let rejectExit: (error: unknown) => void = () => undefined;
  const exit = new Promise<X | undefined>((resolve, reject) => {
    resolveExit = resolve;
    rejectExit = reject;
  });
  // The consumer may only look at `exit` after draining the output; never an unhandled rejection meanwhile.
  exit.catch(() => undefined);
  const items = new PushQueue<ByteChunk<E> | OutputGap>();
  let queued = 0;
  let paused = false;
  async function* output(): AsyncGenerator<ByteChunk<E> | OutputGap, void, undefined> {
    try {
      for await (const item of items) {
        yield item;
        // The consumer asked for the next item: it is done with this one.
        if ('data' in item) queued -= item.data.byteLength;
        if (paused && queued < QUEUE_LOW_BYTES) {
          paused = false;
          socket.resumeReading();
        }
      }
    } finally {
      if (paused) socket.resumeReading();
    }
  }
  const listeners = new Set<(state: AttachConnectionState) => void>();
  let connection: AttachConnectionState | undefined;
  const setConnection = (state: AttachConnectionState): void => {
    if (state === connection) return;
    connection = state;
    for (const listener of [...listeners]) listener(state);
  };

  const channel = socket.channel(topic, () => ({
    ...options.params?.(),
    ...(position === undefined ? {} : { output_offset: position }),
  }));
  let settled = false;
  const finish = (error?: unknown): void => {
    // Not `items.ended`: a detach ends the items first, and the exit promise must still settle (as detached).
    if (settled) return;
    settled = true;
    items.end(error);
    if (error === undefined) resolveExit(exitPayload);
    else rejectExit(error);
    unsubscribeState();
  };
  const fail = (event: string): void => {
    finish(toMaxError(channels, new channels.ChannelValidationError(topic, event, new Error('unexpected payload')), topic));
    void channel.leave();
  };

  for (const event of options.events) {
    channel.on(event, (payload) => {
      if (items.ended) return;
      if (!(payload instanceof Uint8Array)) return fail(event);
      let data = payload;
      if (skip > 0) {
        const dropped = Math.min(skip, data.byteLength);
        skip -= dropped;
        data = data.subarray(dropped);
        if (data.byteLength === 0) return;
      }
      const offset = position ?? 0;
      position = offset + data.byteLength;
      items.push({ type: event, data, offset });
      queued += data.byteLength;
      if (queued > QUEUE_HIGH_BYTES && !paused) {
        paused = true;
        socket.pauseReading();
      }
    });
  }
  channel.on('gap', (payload) => {
    if (items.ended) return;
    const parsed = OffsetGapSchema.safeParse(payload);
    if (!parsed.success) return fail('gap');
    const { from_offset: fromOffset, to_offset: toOffset, reason } = parsed.data;
    if (toOffset <= gapEnd) return; // reported already (at the join reply, or before a reconnect)
    gapEnd = toOffset;
    items.push({ type: 'gap', fromOffset: Math.max(fromOffset, position ?? fromOffset), toOffset, reason });
  });
  channel.on('exit', (payload) => {
    const parsed = options.parseExit(payload);
    if (parsed === undefined) return fail('exit');
    exitPayload = parsed;
    // All output was sent before `exit`, and the channel closes next: the stream is complete.
    finish();
    void channel.leave();
  });
  channel.onJoin((reply) => {
    if (items.ended) return;
    const parsed = JoinReplyOffsetSchema.safeParse(reply);
    if (!parsed.success || (options.onReply && !options.onReply(reply))) return fail('phx_reply');
    const start = parsed.data.output_offset;
    if (position === undefined) {
      // First join without a cursor: output starts at the oldest buffered byte; older output is not a gap.
      position = start;
      gapEnd = Math.max(gapEnd, start);
    } else if (start > position) {
      if (start > gapEnd) items.push({ type: 'gap', fromOffset: Math.max(position, gapEnd), toOffset: start, reason: 'retention' });
      gapEnd = Math.max(gapEnd, start);
      position = start;
      skip = 0;
    } else {
      skip = position - start;
    }
    setConnection('connected');
  });
  channel.onClose((error) => finish(error === undefined ? undefined : toMaxError(channels, error, topic)));
  const unsubscribeState = socket.onStateChange((state: ConnectionState) => {
    if (connection !== undefined && (state.status === 'reconnecting' || state.status === 'connecting')) setConnection('reconnecting');
  });
  channel.join().catch(() => undefined); // a refused join arrives through onClose

  return {
    items,
    output: output(),
    channel,
    offset: () => position,
    exit,
    onConnectionChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The end-of-life half every attachment shares: `close()` (once) ends the stream, leaves the topic and closes
 * the attachment's own socket; an abort signal closes; and `guard` wraps the output iterable so that a consumer
 * that stops early (`break`) closes too.
 *
 * @internal
 */
export function attachmentLifecycle(
  socket: MaxSocket,
  stream: Pick<ByteChannel<string, unknown>, 'items' | 'channel'>,
  signal: AbortSignal | undefined,
  onClose: () => void = () => undefined,
): { close: () => Promise<void>; isClosed: () => boolean; guard: <T>(items: AsyncIterable<T>) => AsyncGenerator<T, void, undefined> } {
  let closed = false;
  const onAbort = (): void => void close();
  async function close(): Promise<void> {
    if (closed) return;
    closed = true;
    signal?.removeEventListener('abort', onAbort);
    stream.items.end();
    onClose();
    await stream.channel.leave().catch(() => undefined);
    await socket.close();
  }
  if (signal?.aborted) onAbort();
  else signal?.addEventListener('abort', onAbort, { once: true });
  async function* guard<T>(items: AsyncIterable<T>): AsyncGenerator<T, void, undefined> {
    try {
      yield* items;
    } finally {
      if (!stream.items.ended) await close();
    }
  }
  return { close, isClosed: () => closed, guard };
}
