import { AsyncQueue } from './async-queue.js';
import { ChannelValidationError, isRecord } from './errors.js';
import type { MaxChannel } from './max-channel.js';

/**
 * Anything with zod's `safeParse` (zod 3 and 4 schemas both fit), so callers choose the schema library version.
 */
export interface SchemaLike<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

/**
 * One item of a resumable stream: an event, or a range of seqs (inclusive) the server no longer has and will
 * never deliver (`reason`: `retention`, see docs/protocol.md §4.3).
 */
export type StreamItem<T> =
  | { kind: 'event'; seq: number; data: T }
  | { kind: 'gap'; fromSeq: number; toSeq: number; reason: string };

/** The documented `gap` payload of sequenced topics (`seqGapEventSchema` in @max/api-spec). */
export interface GapPayload {
  from_seq: number;
  to_seq: number;
  reason: string;
}

export interface SubscribeOptions<T> {
  /** Validates every event; a mismatch ends the stream with {@link ChannelValidationError}. */
  schema: SchemaLike<T>;
  /** The last seq the caller already has. Absent: from now on (the server's `last_seq` becomes the cursor). */
  cursor?: number;
  /** Extra join params sent with the cursor. */
  params?: Record<string, unknown>;
  /** The event carrying items. Default `"event"`. */
  event?: string;
  /** The event reporting an unfillable range `{from_seq, to_seq, reason}`. Default `"gap"`. */
  gapEvent?: string;
  /** Validates `gap` payloads (e.g. `eventsTopic.serverEvents.gap`). Default: integer `from_seq`/`to_seq`. */
  gapSchema?: SchemaLike<GapPayload>;
  /** Validates every join reply (e.g. `eventsTopic.joinReply`); a mismatch ends the stream. */
  replySchema?: SchemaLike<unknown>;
  /** The join param that carries the cursor. Default `"after_seq"`. */
  cursorParam?: string;
  /** Reads an item's seq. Default: its `seq` property. */
  seqOf?: (item: T) => number;
  /** Aborting ends the stream (normally) and leaves the topic. */
  signal?: AbortSignal;
}

/** An async iterable of {@link StreamItem}s; break out of the loop or call `close()` to leave the topic. */
export interface Subscription<T> extends AsyncIterable<StreamItem<T>> {
  /** The last seq delivered (or skipped by a gap): where a rejoin resumes. */
  readonly cursor: number | undefined;
  close(): Promise<void>;
}

interface SocketLike {
  channel(topic: string, params: () => Record<string, unknown>): MaxChannel;
}

const defaultGapSchema: SchemaLike<GapPayload> = {
  safeParse(value) {
    const from = isRecord(value) ? value['from_seq'] : undefined;
    const to = isRecord(value) ? value['to_seq'] : undefined;
    const reason = isRecord(value) && typeof value['reason'] === 'string' ? value['reason'] : 'unknown';
    if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) {
      return { success: false, error: new Error('gap needs integer from_seq and to_seq') };
    }
    return { success: true, data: { from_seq: from as number, to_seq: to as number, reason } };
  },
};

const defaultSeqOf = (item: unknown): number => (isRecord(item) && typeof item['seq'] === 'number' ? item['seq'] : NaN);

/**
 * The resumable stream behind `MaxSocket.subscribe`. Correctness rests on two things: the join params are a
 * function, so every rejoin phoenix performs (after a reconnect or a channel crash) asks for
 * `after_seq = <last seq delivered>`; and every item is checked against that cursor, so a replay that
 * overlaps what was already delivered can never produce a duplicate.
 */
export function subscribe<T>(socket: SocketLike, topic: string, options: SubscribeOptions<T>): Subscription<T> {
  const eventName = options.event ?? 'event';
  const gapEvent = options.gapEvent ?? 'gap';
  const cursorParam = options.cursorParam ?? 'after_seq';
  const seqOf = options.seqOf ?? defaultSeqOf;
  let cursor = options.cursor;

  const channel = socket.channel(topic, () => ({
    ...options.params,
    ...(cursor === undefined ? {} : { [cursorParam]: cursor }),
  }));
  const queue = new AsyncQueue<StreamItem<T>>(() => void channel.leave());
  const fail = (error: Error): void => {
    queue.end(error);
    void channel.leave();
  };

  channel.on(eventName, (payload) => {
    if (queue.ended) return;
    const parsed = options.schema.safeParse(payload);
    if (!parsed.success) return fail(new ChannelValidationError(topic, eventName, parsed.error));
    const seq = seqOf(parsed.data);
    if (!Number.isSafeInteger(seq)) return fail(new ChannelValidationError(topic, eventName, new Error('no integer seq')));
    if (cursor !== undefined && seq <= cursor) return; // already delivered: a replay overlapping live delivery
    cursor = seq;
    queue.push({ kind: 'event', seq, data: parsed.data });
  });
  channel.on(gapEvent, (payload) => {
    if (queue.ended) return;
    const gap = (options.gapSchema ?? defaultGapSchema).safeParse(payload);
    if (!gap.success) return fail(new ChannelValidationError(topic, gapEvent, gap.error));
    const { from_seq: fromSeq, to_seq: toSeq, reason } = gap.data;
    if (cursor !== undefined && toSeq <= cursor) return; // already reported before a reconnect
    cursor = toSeq;
    queue.push({ kind: 'gap', fromSeq, toSeq, reason });
  });
  channel.onJoin((response) => {
    if (queue.ended) return;
    if (options.replySchema) {
      const reply = options.replySchema.safeParse(response);
      if (!reply.success) return fail(new ChannelValidationError(topic, 'phx_reply', reply.error));
    }
    // Joined "from now": adopt the server's head (`last_seq`) so a reconnect resumes exactly there instead of
    // skipping what happened meanwhile. Not with `tail`: the tail lines are at or below `last_seq`.
    const tailing = typeof options.params?.['tail'] === 'number' && options.params['tail'] > 0;
    if (cursor === undefined && !tailing && typeof response['last_seq'] === 'number') cursor = response['last_seq'];
  });
  channel.onClose((error) => queue.end(error));
  // A refused join arrives through onClose as a ChannelJoinError; nothing more to do with the promise.
  channel.join().catch(() => undefined);

  const signal = options.signal;
  if (signal) {
    const abort = (): void => {
      queue.end();
      void channel.leave();
    };
    if (signal.aborted) abort();
    else signal.addEventListener('abort', abort, { once: true });
  }

  return {
    [Symbol.asyncIterator]: () => queue,
    get cursor() {
      return cursor;
    },
    async close() {
      queue.end();
      await channel.leave();
    },
  };
}
