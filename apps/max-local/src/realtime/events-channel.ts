import { eventsTopic, type SeqGapEvent, type SeqJoinError, type SeqJoinReply } from '@max/api-spec';
import type { ChannelContext, JoinResult, TopicFamily } from './channel.js';
import { joinError } from './channel.js';
import type { EventRecord, RealtimeEventSource } from './realtime-deps.js';
import { prefixMatcher } from './topic-router.js';

export const EVENTS_TOPIC_PREFIX = 'events:';

export interface EventsChannelOptions {
  /** Events per `listAfter` call while replaying. */
  replayBatchSize: number;
}

/**
 * `events:<user>` — the audit events of one user, resumable by `seq` (docs/protocol.md §6.1; payloads are the
 * `eventsTopic` schemas of @max/api-spec).
 *
 * Join `{after_seq?}` → reply `{last_seq}` (the head when the join was decided), then pushes in seq order: the
 * replay of everything after `after_seq` (or, without a cursor, nothing before `last_seq + 1`), then live
 * events. History a source no longer holds is pushed as a `gap` event where it would have been; a cursor
 * beyond the head is refused with `cursor_ahead`.
 *
 * No gap and no duplicate between replay and live: the stream subscribes BEFORE it reads the head and the
 * backlog, holds live events while it catches up, and only ever pushes `cursor + 1` next.
 */
export function eventsTopicFamily(events: RealtimeEventSource, options: EventsChannelOptions): TopicFamily {
  return {
    name: 'events',
    matches: prefixMatcher(EVENTS_TOPIC_PREFIX),
    async join(payload, context): Promise<JoinResult> {
      const owner = context.topic.slice(EVENTS_TOPIC_PREFIX.length);
      if (owner !== context.userId) {
        return joinError<SeqJoinError>({ reason: 'unauthorized', message: 'You can only subscribe to your own events.' });
      }
      const parsed = eventsTopic.joinPayload.safeParse(payload ?? {});
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
        return joinError<SeqJoinError>({
          reason: 'invalid_payload',
          message: `Invalid join payload for ${context.topic}: ${where}${issue?.message ?? 'invalid'} (expected {after_seq?: integer >= 0}).`,
        });
      }
      const afterSeq = parsed.data.after_seq;
      const stream = new EventStream(events, context, options.replayBatchSize);
      try {
        const latest = await events.latestSeq(context.userId);
        if (afterSeq !== undefined && afterSeq > latest) {
          // The client's cursor comes from another history (e.g. a wiped data dir): replaying "after" it would
          // silently deliver nothing, so refuse and let the client decide.
          stream.stop();
          return joinError<SeqJoinError>({
            reason: 'cursor_ahead',
            message: `after_seq ${afterSeq} is ahead of the newest event (${latest}).`,
            last_seq: latest,
          });
        }
        stream.start(afterSeq ?? latest);
        const reply: SeqJoinReply = { last_seq: latest };
        return {
          status: 'ok',
          response: reply,
          handler: {
            afterJoin: () => stream.catchUp(),
            handleIn: () => ({
              status: 'error',
              response: { reason: 'unknown_event', message: `${EVENTS_TOPIC_PREFIX}<user> takes no client events.` },
            }),
            terminate: () => stream.stop(),
          },
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
  readonly #batchSize: number;
  readonly #unsubscribe: () => void;
  /** Live events not pushed yet (held while catching up, or behind a hole), with their arrival number. */
  #pending: { event: EventRecord; arrival: number }[] = [];
  /** Live events received so far; numbers #pending entries. */
  #arrivals = 0;
  /** #arrivals when the last `listAfter` call started: every event that arrived before it is committed in it. */
  #listedAt = 0;
  /** True until the first catch-up is done, and again whenever a hole is being filled from the source. */
  #catchingUp = true;
  /** Highest seq pushed (or declared lost by a gap); the next push is always `cursor + 1`. */
  #cursor = 0;

  constructor(events: RealtimeEventSource, context: ChannelContext, batchSize: number) {
    this.#events = events;
    this.#context = context;
    this.#batchSize = batchSize;
    // Subscribe first: anything committed from here on is either in the backlog read later or in #pending.
    this.#unsubscribe = events.subscribe((userId, event) => {
      if (userId !== context.userId || context.signal.aborted) return;
      this.#pending.push({ event, arrival: this.#arrivals++ });
      if (!this.#catchingUp) this.#flush();
    });
  }

  /** Sets where the stream starts: the client's cursor, or the head for "live from now". */
  start(cursor: number): void {
    this.#cursor = cursor;
  }

  /** Replays from the source until it is exhausted, then pushes the live events held meanwhile. */
  async catchUp(): Promise<void> {
    this.#catchingUp = true;
    const { userId, signal } = this.#context;
    for (;;) {
      if (signal.aborted) return;
      const earliest = this.#events.earliestSeq ? await this.#events.earliestSeq(userId) : undefined;
      if (earliest !== undefined && this.#cursor + 1 < earliest) this.#gap(earliest - 1);
      this.#listedAt = this.#arrivals;
      const batch = await this.#events.listAfter(userId, this.#cursor, this.#batchSize);
      for (const event of batch) {
        if (signal.aborted) return;
        if (event.seq <= this.#cursor) continue;
        this.#send(event);
        // Back-pressure: a replay must never be what trips the slow-consumer bound.
        await this.#context.drain();
      }
      if (batch.length < this.#batchSize) break;
    }
    this.#catchingUp = false;
    this.#flush();
  }

  stop(): void {
    this.#unsubscribe();
    this.#pending = [];
  }

  /**
   * Pushes held live events in order. A hole before the next one means events were committed that this
   * process did not publish (another process on the same data dir, e.g. `max-local token create`): fetch
   * them from the source first. If the event arrived before the last read of the source started, that read
   * already saw everything committed before it: the missing events are gone, and are reported as a gap.
   */
  #flush(): void {
    while (this.#pending.length > 0 && !this.#context.signal.aborted) {
      const { event, arrival } = this.#pending[0] as { event: EventRecord; arrival: number };
      if (event.seq > this.#cursor + 1 && arrival >= this.#listedAt) {
        this.catchUp().catch((error: unknown) => this.#context.crash(error));
        return;
      }
      this.#pending.shift();
      if (event.seq > this.#cursor) this.#send(event);
    }
  }

  #send(event: EventRecord): void {
    if (event.seq > this.#cursor + 1) this.#gap(event.seq - 1);
    this.#cursor = event.seq;
    this.#context.push('event', event as unknown as Record<string, unknown>);
  }

  #gap(toSeq: number): void {
    const gap: SeqGapEvent = { from_seq: this.#cursor + 1, to_seq: toSeq, reason: 'retention' };
    this.#cursor = toSeq;
    this.#context.push('gap', gap);
  }
}
