import { eventsTopic, topics, type EventRecord } from '@max/api-spec';
import type { MaxSocket } from './max-socket.js';
import type { Subscription } from './subscription.js';

export interface SubscribeEventsOptions {
  /** The user whose feed to follow: the `id` of `GET /api/v1/me` (other users' feeds are refused). */
  userId: string;
  /**
   * The last seq the caller already has: everything after it is replayed, then live events follow. Absent:
   * live from now (the join reply's `last_seq` becomes the cursor, so a reconnect still loses nothing).
   */
  afterSeq?: number;
  /** Aborting ends the stream normally and leaves the topic. */
  signal?: AbortSignal;
}

/**
 * Follows `events:<user>` (docs/protocol.md §6.1) with the @max/api-spec schemas: every event is a validated
 * wire `Event`, delivered once and in seq order across reconnects; history a server no longer holds arrives as
 * a `{kind: "gap"}` item. Join errors end the stream with a `ChannelJoinError` whose `reason` is one of the
 * documented ones (`unauthorized`, `invalid_payload`, or `cursor_ahead` with `response.last_seq` when `afterSeq`
 * is beyond the user's newest event). The cursor to persist for a later resume is `subscription.cursor`.
 *
 * @example
 * const socket = new MaxSocket({ url: apiUrl, token: tokenProvider });
 * for await (const item of subscribeEvents(socket, { userId: me.id, afterSeq: 41 })) {
 *   if (item.kind === 'gap') console.error(`events ${item.fromSeq}..${item.toSeq} are gone (${item.reason})`);
 *   else console.log(item.seq, item.data.action);
 * }
 */
export function subscribeEvents(socket: MaxSocket, options: SubscribeEventsOptions): Subscription<EventRecord> {
  if (options.afterSeq !== undefined && !(Number.isSafeInteger(options.afterSeq) && options.afterSeq >= 0)) {
    throw new RangeError(`afterSeq must be an integer >= 0, got ${String(options.afterSeq)}`);
  }
  return socket.subscribe(topics.events(options.userId), {
    schema: eventsTopic.serverEvents.event,
    gapSchema: eventsTopic.serverEvents.gap,
    replySchema: eventsTopic.joinReply,
    ...(options.afterSeq === undefined ? {} : { cursor: options.afterSeq }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
}
