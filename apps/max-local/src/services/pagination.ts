import { validationFailed } from '../http/api-error.js';

export const SORTS = ['name', '-name', 'created_at', '-created_at'] as const;
export type Sort = (typeof SORTS)[number];

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
  sort: Sort;
}

interface CursorPayload {
  /** The sort the cursor was made for: a cursor is meaningless under another order. */
  s: Sort;
  /** Sort-key value of the last row of the previous page. */
  v: string | number;
  /** Id of that row: the tie-breaker that makes keyset pagination stable under inserts. */
  id: string;
  /** The group (e.g. network name) of that row, for lists ordered by group first (`keysetInGroups`). */
  g?: string;
}

/** A cursor that does not decode, or was issued for another sort order. */
export const invalidCursor = (): ReturnType<typeof validationFailed> =>
  validationFailed([{ path: '/query/cursor', message: 'is not a cursor returned by this list with this sort order' }]);

/** Opaque cursor: base64url of a small JSON document (opaque by contract, not by secrecy). */
export function encodeCursor(sort: Sort, value: string | number, id: string, group?: string): string {
  const payload: CursorPayload = group === undefined ? { s: sort, v: value, id } : { s: sort, v: value, id, g: group };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

/** `grouped`: the cursor must carry a group (and must not otherwise): a cursor of one list never fits the other. */
export function decodeCursor(cursor: string, sort: Sort, grouped = false): CursorPayload {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (
    typeof payload !== 'object' ||
    payload === null ||
    (payload as CursorPayload).s !== sort ||
    typeof (payload as CursorPayload).id !== 'string' ||
    typeof (payload as CursorPayload).v !== (sort.endsWith('name') ? 'string' : 'number') ||
    (grouped ? typeof (payload as CursorPayload).g !== 'string' : (payload as CursorPayload).g !== undefined)
  ) {
    throw invalidCursor();
  }
  return payload as CursorPayload;
}

/**
 * SQL fragments for keyset pagination over (sort column, id) of the table aliased `alias`. Column
 * names come from the fixed `Sort` union and the alias from code, never from input, so
 * interpolating them is safe.
 */
export function keyset(
  page: PageRequest,
  alias: string,
): { where: string; params: (string | number)[]; orderBy: string } {
  const column = `${alias}.${page.sort.replace('-', '')}`;
  const id = `${alias}.id`;
  const descending = page.sort.startsWith('-');
  const direction = descending ? 'DESC' : 'ASC';
  const orderBy = `${column} ${direction}, ${id} ${direction}`;
  if (!page.cursor) return { where: '1 = 1', params: [], orderBy };
  const after = decodeCursor(page.cursor, page.sort);
  const cmp = descending ? '<' : '>';
  return { where: `(${column} ${cmp} ? OR (${column} = ? AND ${id} ${cmp} ?))`, params: [after.v, after.v, after.id], orderBy };
}

/**
 * Splits `limit + 1` fetched rows into a page and the next cursor. With `groupOf` (lists paged by
 * {@link keysetInGroups}) the cursor carries the last row's group too.
 */
export function paginate<Row extends { id: string; name: string; created_at: number }>(
  rows: Row[],
  page: PageRequest,
  groupOf?: (row: Row) => string,
): { rows: Row[]; nextCursor: string | null } {
  if (rows.length <= page.limit) return { rows, nextCursor: null };
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1] as Row;
  const value = page.sort.endsWith('name') ? last.name : last.created_at;
  return { rows: kept, nextCursor: encodeCursor(page.sort, value, last.id, groupOf?.(last)) };
}

/**
 * Keyset pagination over (group ASC, sort column, id), e.g. the apps of every network: grouped by network name
 * (always ascending), and within a network in the requested order. `group` is an SQL expression from code.
 */
export function keysetInGroups(
  page: PageRequest,
  alias: string,
  group: string,
): { where: string; params: (string | number)[]; orderBy: string } {
  const inner = keyset({ ...page, cursor: undefined }, alias);
  const orderBy = `${group} ASC, ${inner.orderBy}`;
  if (!page.cursor) return { where: '1 = 1', params: [], orderBy };
  const after = decodeCursor(page.cursor, page.sort, true);
  const column = `${alias}.${page.sort.replace('-', '')}`;
  const cmp = page.sort.startsWith('-') ? '<' : '>';
  return {
    where: `(${group} > ? OR (${group} = ? AND (${column} ${cmp} ? OR (${column} = ? AND ${alias}.id ${cmp} ?))))`,
    params: [after.g ?? '', after.g ?? '', after.v, after.v, after.id],
    orderBy,
  };
}
