import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { EventPageSchema } from '../schemas/event.js';
import type { Event } from '../types.js';
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
}
