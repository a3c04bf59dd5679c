import type { Event } from '@max/rig-sdk';

/** The filters of `rig history`, as the API applies them to `GET /events`. */
export interface EventFilter {
  readonly network?: string;
  readonly app?: string;
  readonly actor?: string;
  readonly action?: string;
}

/**
 * The same filters, applied to live events: the events channel carries every event of the user, so
 * `history --follow` filters the stream the way the API filters the list (an `action` ending in `.` is a prefix).
 */
export function matchesEventFilter(event: Event, filter: EventFilter): boolean {
  if (filter.network !== undefined && event.target.network !== filter.network) return false;
  if (filter.app !== undefined && event.target.app !== filter.app) return false;
  if (filter.actor !== undefined && event.actor.id !== filter.actor) return false;
  if (filter.action !== undefined) {
    const prefix = filter.action.endsWith('.');
    if (prefix ? !event.action.startsWith(filter.action) : event.action !== filter.action) return false;
  }
  return true;
}
