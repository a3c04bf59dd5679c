import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxValidationError } from '../errors/error-classes.js';
import { EventPageSchema, EventRevertResultSchema, EventSchema } from '../schemas/event.js';
import type { Event, EventRevertResult } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';

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
}
