import { z } from 'zod';
import { unauthorized, type ChannelContext, type JoinResult, type TopicFamily } from './channel.js';
import type { EventRecord, RealtimeEventSource } from './realtime-deps.js';
import { prefixMatcher } from './topic-router.js';

export const EVENTS_TOPIC_PREFIX = 'events:';

/** Join payload of `events:<user>`: the last seq the client has; absent means "from now on". */
const joinPayloadSchema = z.looseObject({ after_seq: z.number().int().min(0).optional() });

export interface EventsChannelOptions {
  /** Events per `listAfter` call while replaying. */
  replayBatchSize: number;
}

/**
 * `events:<user>` — the audit events of one user, resumable by `seq`.
 *
 * Join `{after_seq?}` → reply `{last_seq?}` (when the source can tell), then pushes `"event"` (the wire
 * Event) in seq order: first the replay of everything after `after_seq`, then live events. A `"gap"`
 * push `{from_seq, to_seq}` comes first when part of the requested range is no longer retained.
 *
 * No gap and no duplicate between replay and live: the channel subscribes BEFORE it reads the backlog,
 * buffers live events while replaying, and then flushes the buffer skipping seqs already sent.
 */
export function eventsTopicFamily(events: RealtimeEventSource, options: EventsChannelOptions): TopicFamily {
  return {
    name: 'events',
    matches: prefixMatcher(EVENTS_TOPIC_PREFIX),
    async join(payload, context): Promise<JoinResult> {
      const owner = context.topic.slice(EVENTS_TOPIC_PREFIX.length);
      if (owner !== context.userId) return unauthorized();
      const parsed = joinPayloadSchema.safeParse(payload ?? {});
      if (!parsed.success) {
        return { status: 'error', response: { reason: 'bad_request', message: 'after_seq must be an integer >= 0' } };
      }
      const stream = new EventStream(events, context, parsed.data.after_seq, options.replayBatchSize);
      try {
        const latest = events.latestSeq ? await events.latestSeq(context.userId) : undefined;
        const afterSeq = parsed.data.after_seq;
        if (latest !== undefined && afterSeq !== undefined && afterSeq > latest) {
          // The client's cursor comes from another history (e.g. a wiped data dir): replaying "after" it would
          // silently deliver nothing, so refuse and let the client decide.
          stream.stop();
          return { status: 'error', response: { reason: 'cursor_ahead', last_seq: latest } };
        }
        return {
          status: 'ok',
          response: latest === undefined ? {} : { last_seq: latest },
          handler: { afterJoin: () => stream.replay(), terminate: () => stream.stop() },
        };
      } catch (error) {
        stream.stop();
        throw error;
      }
    },
  };
}

class EventStream {
  readonly #events: RealtimeEventSource;
  readonly #context: ChannelContext;
  readonly #afterSeq: number | undefined;
  readonly #batchSize: number;
  readonly #unsubscribe: () => void;
  /** Live events that arrived while replaying. */
  #buffer: EventRecord[] = [];
  #live = false;
  /** Highest seq pushed (or declared lost by a gap); nothing at or below it is pushed again. */
  #lastSent: number;

  constructor(events: RealtimeEventSource, context: ChannelContext, afterSeq: number | undefined, batchSize: number) {
    this.#events = events;
    this.#context = context;
    this.#afterSeq = afterSeq;
    this.#batchSize = batchSize;
    this.#lastSent = afterSeq ?? 0;
    // Subscribe first: anything committed from here on is either in the backlog read below or in the buffer.
    this.#unsubscribe = events.subscribe((userId, event) => {
      if (userId !== context.userId) return;
      if (this.#live) this.#send(event);
      else this.#buffer.push(event);
    });
  }

  async replay(): Promise<void> {
    const { userId, signal } = this.#context;
    if (this.#afterSeq !== undefined) {
      const earliest = this.#events.earliestSeq ? await this.#events.earliestSeq(userId) : undefined;
      if (earliest !== undefined && this.#lastSent + 1 < earliest) {
        this.#context.push('gap', { from_seq: this.#lastSent + 1, to_seq: earliest - 1 });
        this.#lastSent = earliest - 1;
      }
      for (;;) {
        if (signal.aborted) return;
        const batch = await this.#events.listAfter(userId, this.#lastSent, this.#batchSize);
        for (const event of batch) this.#send(event);
        if (batch.length < this.#batchSize) break;
        // Back-pressure: do not pile a whole history into ws's memory buffer.
        await this.#context.drain();
      }
    }
    if (signal.aborted) return;
    const buffered = this.#buffer;
    this.#buffer = [];
    this.#live = true;
    for (const event of buffered) this.#send(event);
  }

  stop(): void {
    this.#unsubscribe();
    this.#buffer = [];
  }

  #send(event: EventRecord): void {
    if (event.seq <= this.#lastSent) return;
    this.#lastSent = event.seq;
    this.#context.push('event', event as unknown as Record<string, unknown>);
  }
}
