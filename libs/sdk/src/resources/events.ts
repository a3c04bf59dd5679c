import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxValidationError } from '../errors/error-classes.js';
import { topics } from '@max/api-spec';
import { toMaxError } from '../realtime/channel-error.js';
import { openSocket } from '../realtime/open-socket.js';
import { EventPageSchema, EventRevertResultSchema, EventSchema } from '../schemas/event.js';
import { MeSchema } from '../schemas/me.js';
import type { Event, EventRevertResult } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';
import { followEvents, type EventFollowItem, type EventFollowParams } from './event-follow.js';

/**
 * Filters for `events.list`. Times are RFC 3339 strings or `Date`s.
 *
 * @example
 * ```ts
 * const params: EventListParams = { network: 'staging', action: 'app.', since: new Date(Date.now() - 3_600_000) };
 * ```
 */
export interface EventListParams {
  /** Only events about this network and its apps. */
  network?: string;
  /** Only events about this app (combine with `network`). */
  app?: string;
  /** Only events by this actor id. */
  actor?: string;
  /** This action (`app.updated`), or every action with this prefix when it ends in `.` (`app.`). */
  action?: string;
  /** At or after this time. */
  since?: string | Date;
  /** Before this time. */
  until?: string | Date;
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Options of `events.stream`.
 *
 * @example
 * ```ts
 * const params: EventStreamParams = { afterSeq: 311, signal: AbortSignal.timeout(60_000) };
 * ```
 */
export interface EventStreamParams {
  /** The last `seq` already seen: everything after it is replayed first, then live events follow. Absent: live from now. */
  afterSeq?: number;
  /** Ends the stream (normally: the loop just finishes) and closes the socket. */
  signal?: AbortSignal;
}

/**
 * One item of `events.stream`: an event, or a range of events the platform no longer holds (never hidden).
 *
 * @example
 * ```ts
 * const line = (item: EventStreamItem) =>
 *   item.type === 'event' ? `${item.event.seq} ${item.event.action}` : `-- events ${item.fromSeq}..${item.toSeq} lost --`;
 * ```
 */
export type EventStreamItem =
  | { type: 'event'; event: Event }
  | { type: 'gap'; fromSeq: number; toSeq: number; reason: string };

/** The spec's bounds for an event id (path parameter `event_id`). */
const EVENT_ID_MAX_LENGTH = 255;

/** Rejects an id the server could not route (empty: it would address `/events/revert`) before any request. */
function assertEventId(id: string): void {
  let problem: string | undefined;
  if (id.length < 1) problem = 'must NOT have fewer than 1 characters';
  else if (id.length > EVENT_ID_MAX_LENGTH) problem = `must NOT have more than ${EVENT_ID_MAX_LENGTH} characters`;
  if (problem === undefined) return;
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid event id: ${problem}`,
    details: { fields: [{ path: '/path/event_id', message: problem }] },
  });
}

function toTime(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * The audit history: `client.events`.
 *
 * @example
 * ```ts
 * for await (const event of client.events.list({ app: 'web', network: 'staging' })) console.log(event.action);
 * ```
 */
export class EventsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.events`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists events, lazily, across pages.
   *
   * @example
   * ```ts
   * const recent = await client.events.list({ since: '2025-01-01T00:00:00Z' }).toArray({ max: 50 });
   * ```
   */
  list(params: EventListParams = {}, options?: RequestOptions): Paginated<Event> {
    const { cursor: startCursor, since, until, ...filters } = params;
    const times = { since: toTime(since), until: toTime(until) };
    return new Paginated(async (cursor) => {
      // Checked when iteration starts, so the failure arrives where the caller awaits, like every other error.
      if (params.network !== undefined) assertResourceName(params.network, '/query/network', 'network');
      if (params.app !== undefined) assertResourceName(params.app, '/query/app', 'app');
      return callOperation(this.#core, 'get', '/api/v1/events', {
        operation: 'events.list',
        query: { ...filters, ...times, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: EventPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one event by id.
   *
   * @example
   * ```ts
   * const event = await client.events.get('evt_123');
   * if (event.revertible) console.log(`rig revert ${event.id} would undo ${event.action}`);
   * ```
   */
  async get(id: string, options?: RequestOptions): Promise<Event> {
    assertEventId(id);
    return callOperation(this.#core, 'get', '/api/v1/events/{event_id}', {
      operation: 'events.get',
      params: { event_id: id },
      responseSchema: EventSchema,
      options,
    });
  }

  /**
   * Undoes the change an event recorded (vars, secrets, network and app updates, releases), as a new change
   * with its own event (whose `details.reverts` is `id`). Rejects with `MaxConflictError`: code
   * `not_revertible` for events that cannot be undone, `conflict` when the target changed again since.
   *
   * @example
   * ```ts
   * const { event, releases } = await client.events.revert('evt_123');
   * console.log(`${event.action} recorded as ${event.id}; ${releases.length} new releases`);
   * ```
   */
  async revert(id: string, options?: RequestOptions): Promise<EventRevertResult> {
    assertEventId(id);
    return callOperation(this.#core, 'post', '/api/v1/events/{event_id}/revert', {
      operation: 'events.revert',
      params: { event_id: id },
      responseSchema: EventRevertResultSchema,
      options,
    });
  }

  /**
   * The audit history, then what happens next — `tail -f` for events: the matching events oldest first, a
   * `live` marker, then live events as they happen, filtered exactly like the list (the channel carries every
   * event of the user; the SDK applies `network`, `app`, `actor`, `action` and `since` to it). No event is
   * lost or shown twice at the boundary: the live stream resumes after the feed's newest seq as it stood
   * before the history was read, and drops what the history already showed. Ranges the platform no longer
   * holds arrive as `gap` items. It never ends by itself: abort `signal` to stop (the loop then finishes).
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * process.once('SIGINT', () => controller.abort());
   * for await (const item of client.events.follow({ network: 'staging', tail: 20, signal: controller.signal })) {
   *   if (item.type === 'event') console.log(item.event.created_at, item.event.action);
   *   else if (item.type === 'gap') console.error(`events ${item.fromSeq}..${item.toSeq} are gone (${item.reason})`);
   *   else console.error('-- live --');
   * }
   * ```
   */
  follow(params: EventFollowParams = {}): AsyncGenerator<EventFollowItem, void, undefined> {
    return followEvents(this, params);
  }

  /**
   * Follows the caller's audit feed live (`events:<user>` channel): with `afterSeq`, what was missed is replayed
   * first. Each event arrives once and in `seq` order, across reconnects (the stream rejoins with the last
   * `seq` delivered); a range the platform no longer holds arrives as a `gap` item. The socket authenticates
   * with the client's token (provider), which travels in the WebSocket subprotocol, never in the URL.
   * Join refusals and authentication failures reject with the matching `MaxError` subclass.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * for await (const item of client.events.stream({ afterSeq: 311, signal: controller.signal })) {
   *   if (item.type === 'gap') console.error(`events ${item.fromSeq}..${item.toSeq} are gone (${item.reason})`);
   *   else console.log(item.event.seq, item.event.action);
   * }
   * ```
   */
  async *stream(params: EventStreamParams = {}): AsyncGenerator<EventStreamItem, void, undefined> {
    const { afterSeq, signal } = params;
    if (afterSeq !== undefined && !(Number.isSafeInteger(afterSeq) && afterSeq >= 0)) {
      const problem = 'must be an integer >= 0';
      throw new MaxValidationError({
        code: 'validation_failed',
        message: `Invalid afterSeq: ${problem}`,
        details: { fields: [{ path: '/afterSeq', message: problem }] },
      });
    }
    const me = await callOperation(this.#core, 'get', '/api/v1/me', {
      operation: 'events.stream',
      responseSchema: MeSchema,
      options: signal ? { signal } : undefined,
    });
    const { socket, channels } = await openSocket(this.#core);
    const topic = topics.events(me.id);
    try {
      const subscription = socket.subscribe(topic, {
        schema: EventSchema,
        ...(afterSeq === undefined ? {} : { cursor: afterSeq }),
        ...(signal ? { signal } : {}),
      });
      try {
        for await (const item of subscription) {
          yield item.kind === 'event'
            ? { type: 'event', event: item.data }
            : { type: 'gap', fromSeq: item.fromSeq, toSeq: item.toSeq, reason: item.reason };
        }
      } catch (error) {
        throw toMaxError(channels, error, topic);
      } finally {
        await subscription.close();
      }
    } finally {
      await socket.close();
    }
  }
}
