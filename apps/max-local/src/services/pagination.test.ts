import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, keyset, keysetInGroups } from './pagination.js';

describe('cursors', () => {
  it('round-trip and are bound to their sort order', () => {
    const cursor = encodeCursor('name', 'web', 'net_1');
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, 'name')).toEqual({ s: 'name', v: 'web', id: 'net_1' });
    expect(() => decodeCursor(cursor, '-name')).toThrow();
    expect(() => decodeCursor('not-base64-json', 'name')).toThrow();
    expect(() => decodeCursor(encodeCursor('created_at', 'x' as unknown as number, 'a'), 'created_at')).toThrow();
  });

  it('builds keyset predicates on (column, id) in the sort direction', () => {
    expect(keyset({ sort: '-created_at', limit: 10 }, 'n')).toEqual({
      where: '1 = 1',
      params: [],
      orderBy: 'n.created_at DESC, n.id DESC',
    });
    const after = keyset({ sort: 'name', limit: 10, cursor: encodeCursor('name', 'b', 'id2') }, 'a');
    expect(after.where).toBe('(a.name > ? OR (a.name = ? AND a.id > ?))');
    expect(after.params).toEqual(['b', 'b', 'id2']);
  });
});

describe('grouped cursors (the apps of every network)', () => {
  it('carry the group and are not interchangeable with plain cursors', () => {
    const grouped = encodeCursor('name', 'web', 'app_1', 'staging');
    expect(decodeCursor(grouped, 'name', true)).toEqual({ s: 'name', v: 'web', id: 'app_1', g: 'staging' });
    expect(() => decodeCursor(grouped, 'name')).toThrow();
    expect(() => decodeCursor(encodeCursor('name', 'web', 'app_1'), 'name', true)).toThrow();
  });

  it('orders by group first and resumes after (group, column, id)', () => {
    expect(keysetInGroups({ sort: '-name', limit: 5 }, 'a', 'n.name')).toEqual({ where: '1 = 1', params: [], orderBy: 'n.name ASC, a.name DESC, a.id DESC' });
    const after = keysetInGroups({ sort: '-name', limit: 5, cursor: encodeCursor('-name', 'web', 'app_1', 'staging') }, 'a', 'n.name');
    expect(after.where).toBe('(n.name > ? OR (n.name = ? AND (a.name < ? OR (a.name = ? AND a.id < ?))))');
    expect(after.params).toEqual(['staging', 'staging', 'web', 'web', 'app_1']);
  });
});
