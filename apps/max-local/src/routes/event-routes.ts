import type { RouteTable } from '../http/route-types.js';
import { notFound, validationFailed } from '../http/api-error.js';
import type { RouteDeps } from './deps.js';
import { toWireEvent } from './wire.js';

/** Event cursors are the `seq` of the last event on the page (the list is newest first). */
function decodeSeqCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const seq = decoded.startsWith('seq:') ? Number(decoded.slice(4)) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw validationFailed([{ path: '/query/cursor', message: 'is not a cursor returned by this list' }]);
  }
  return seq;
}

const encodeSeqCursor = (seq: number): string => Buffer.from(`seq:${seq}`).toString('base64url');

export function eventRoutes({ platform }: RouteDeps): RouteTable {
  return {
    getEvent: ({ params, principal }) => {
      const event = platform.events.get(principal.user.id, params.event_id);
      if (!event) throw notFound(`Event ${params.event_id} not found.`);
      return { status: 200, body: toWireEvent(event) };
    },
    listEvents: ({ query, principal }) => {
      const limit = query.limit ?? 50;
      const rows = platform.events.query(
        principal.user.id,
        {
          network: query.network,
          app: query.app,
          actor: query.actor,
          action: query.action,
          since: query.since === undefined ? undefined : Date.parse(query.since),
          until: query.until === undefined ? undefined : Date.parse(query.until),
        },
        decodeSeqCursor(query.cursor),
        limit + 1,
      );
      const page = rows.slice(0, limit);
      const last = page[page.length - 1];
      return {
        status: 200,
        body: {
          data: page.map(toWireEvent),
          next_cursor: rows.length > limit && last ? encodeSeqCursor(last.seq) : null,
        },
      };
    },
  };
}
