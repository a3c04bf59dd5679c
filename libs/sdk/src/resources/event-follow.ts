import { MaxValidationError } from '../errors/error-classes.js';
import type { Event } from '../types.js';
import type { EventListParams, EventStreamItem, EventsResource } from './events.js';

/**
 * Options of `events.follow`: the filters of `events.list` (applied to the history by the server and to live
 * events by the SDK, the same way), how much history to replay, and the signal that ends it.
 *
 * @example
 * ```ts
 * const params: EventFollowParams = { network: 'staging', action: 'app.', tail: 20, signal: controller.signal };
 * ```
 */
export interface EventFollowParams {
  /** Only events about this network and its apps. */
  network?: string | undefined;
  /** Only events about this app (combine with `network`). */
  app?: string | undefined;
  /** Only events by this actor id. */
  actor?: string | undefined;
  /** This action (`app.updated`), or every action with this prefix when it ends in `.` (`app.`). */
  action?: string | undefined;
  /** Only events at or after this time (RFC 3339 string or `Date`). */
  since?: string | Date | undefined;
  /** Replay only the newest `tail` matching events before going live (0 = none). Absent: every matching event. */
  tail?: number | undefined;
  /** Ends the follow: history requests reject with `MaxAbortError`; once live, the loop just finishes. */
  signal?: AbortSignal | undefined;
}

/**
 * One item of `events.follow`, in order: the matching history (oldest first), one `live` marker, then live
 * events as they happen; a range of events the platform no longer holds arrives as a `gap` (never hidden).
 *
 * @example
 * ```ts
 * const show = (item: EventFollowItem): string =>
 *   item.type === 'event' ? `${item.event.seq} ${item.event.action}`
 *   : item.type === 'gap' ? `-- events ${item.fromSeq}..${item.toSeq} lost (${item.reason}) --`
 *   : '-- following --';
 * ```
 */
export type EventFollowItem = EventStreamItem | { type: 'live' };

/** The part of `client.events` a follow goes through (a fake in unit tests). @internal */
export type EventFollowApi = Pick<EventsResource, 'list' | 'stream'>;

/** The filters of `events.list` that live events are matched against. @internal */
export type EventFilter = Pick<EventFollowParams, 'network' | 'app' | 'actor' | 'action' | 'since'>;

/** The events API's largest page. */
const MAX_EVENT_PAGE = 200;

/**
 * The filters applied to one live event exactly as the API applies them to the list: the events channel
 * carries every event of the user, so a follow must filter it itself (an `action` ending in `.` is a prefix).
 *
 * @internal
 */
export function matchesEventFilter(event: Event, filter: EventFilter): boolean {
  if (filter.network !== undefined && event.target.network !== filter.network) return false;
  if (filter.app !== undefined && event.target.app !== filter.app) return false;
  if (filter.actor !== undefined && event.actor.id !== filter.actor) return false;
  if (filter.action !== undefined) {
    const prefix = filter.action.endsWith('.');
    if (prefix ? !event.action.startsWith(filter.action) : event.action !== filter.action) return false;
  }
  if (filter.since !== undefined) {
    const since = filter.since instanceof Date ? filter.since.getTime() : Date.parse(filter.since);
    if (Date.parse(event.created_at) < since) return false;
  }
  return true;
}

/**
 * `events.follow`: the matching history oldest first, then live events, with no gap and no duplicate at the
 * boundary. The live stream resumes after the newest seq of the whole feed as it stood *before* the history
 * was read, so an event made while listing is either listed or streamed, and the one that would be both is
 * dropped (by id). Never ends by itself: only `signal` or an error ends it.
 *
 * @internal Use `client.events.follow()`.
 */
export async function* followEvents(api: EventFollowApi, params: EventFollowParams): AsyncGenerator<EventFollowItem, void, undefined> {
  const { tail, signal, since, ...filters } = params;
  if (tail !== undefined && !(Number.isSafeInteger(tail) && tail >= 0)) {
    const problem = 'must be an integer >= 0';
    throw new MaxValidationError({
      code: 'validation_failed',
      message: `Invalid tail: ${problem}`,
      details: { fields: [{ path: '/tail', message: problem }] },
    });
  }
  const request = signal === undefined ? undefined : { signal };
  // The head first, then the list: an event made in between is in both, never in neither.
  const [newest] = await api.list({ limit: 1 }, request).toArray({ max: 1 });
  const head = newest?.seq ?? 0;
  const listParams: EventListParams = {
    ...(filters.network !== undefined ? { network: filters.network } : {}),
    ...(filters.app !== undefined ? { app: filters.app } : {}),
    ...(filters.actor !== undefined ? { actor: filters.actor } : {}),
    ...(filters.action !== undefined ? { action: filters.action } : {}),
    ...(since !== undefined ? { since } : {}),
    limit: tail === undefined ? MAX_EVENT_PAGE : Math.min(Math.max(tail, 1), MAX_EVENT_PAGE),
  };
  // The list is newest first; a follow reads top to bottom in time order, like `tail -f`.
  const history = tail === 0 ? [] : await api.list(listParams, request).toArray(tail === undefined ? {} : { max: tail });
  history.reverse();
  /** Listed events the live stream will replay (made after the head): dropped there, once each. */
  const listedAfterHead = new Set(history.filter((e) => e.seq > head).map((e) => e.id));
  for (const event of history) yield { type: 'event', event };
  if (signal?.aborted === true) return;
  yield { type: 'live' };
  const filter: EventFilter = { ...filters, ...(since !== undefined ? { since } : {}) };
  let cursor = head;
  for await (const item of api.stream({ afterSeq: head, ...(signal !== undefined ? { signal } : {}) })) {
    if (item.type === 'gap') {
      cursor = Math.max(cursor, item.toSeq);
      yield item;
      continue;
    }
    const { event } = item;
    // The stream already delivers each seq once; this guards the boundary independently.
    if (event.seq <= cursor) continue;
    cursor = event.seq;
    if (listedAfterHead.delete(event.id) || !matchesEventFilter(event, filter)) continue;
    yield item;
  }
}
