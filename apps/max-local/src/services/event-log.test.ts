import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database } from '../db/database.js';
import { EventLog, redact, type EventRecord } from './event-log.js';

let dir = '';
let db: Database;
let log: EventLog;
const actor = { type: 'user' as const, id: 'u1', email: 'a@b' };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'max-events-'));
  db = Database.open(dir);
  db.run("INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'a@b', 'a', 1), ('u2', 'c@d', 'c', 1)");
  log = new EventLog(db, { now: () => 1_700_000_000_000 });
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const append = (userId: string, action: string) =>
  db.transaction(() => log.append({ userId, action, actor, target: { type: 'network', network: 'n' } }));

describe('EventLog', () => {
  it('numbers events per user from 1 without gaps', () => {
    expect(append('u1', 'network.created').seq).toBe(1);
    expect(append('u2', 'network.created').seq).toBe(1);
    expect(append('u1', 'network.updated').seq).toBe(2);
    expect(log.listAfter('u1', 0, 10).map((e) => [e.seq, e.action])).toEqual([
      [1, 'network.created'],
      [2, 'network.updated'],
    ]);
    expect(log.listAfter('u1', 1, 10).map((e) => e.seq)).toEqual([2]);
    expect(log.listAfter('u1', 0, 1)).toHaveLength(1);
    expect(log.latestSeq('u1')).toBe(2);
    expect(log.latestSeq('u2')).toBe(1);
    expect(log.latestSeq('nobody')).toBe(0);
  });

  it('notifies subscribers after commit only, and never for rolled-back changes', () => {
    const seen: EventRecord[] = [];
    const unsubscribe = log.subscribe((event) => seen.push(event));
    db.transaction(() => {
      log.append({ userId: 'u1', action: 'app.created', actor, target: { type: 'app' } });
      expect(seen).toHaveLength(0);
    });
    expect(seen.map((e) => e.action)).toEqual(['app.created']);
    expect(() =>
      db.transaction(() => {
        log.append({ userId: 'u1', action: 'app.deleted', actor, target: { type: 'app' } });
        throw new Error('change failed');
      }),
    ).toThrow('change failed');
    expect(seen).toHaveLength(1);
    // The rolled-back seq is reused: the log stays gap-free.
    expect(append('u1', 'app.updated').seq).toBe(2);
    unsubscribe();
    append('u1', 'app.updated');
    expect(seen).toHaveLength(2);
  });

  it('a throwing subscriber does not break the change or other subscribers', () => {
    const seen: number[] = [];
    log.subscribe(() => {
      throw new Error('bad listener');
    });
    log.subscribe((event) => seen.push(event.seq));
    expect(() => append('u1', 'network.created')).not.toThrow();
    expect(seen).toEqual([1]);
  });

  it('refuses to append outside a transaction', () => {
    expect(() => log.append({ userId: 'u1', action: 'x.y', actor, target: { type: 'user' } })).toThrow(/inside the transaction/);
  });
});

describe('redact', () => {
  it('masks secret-looking keys and scrubs token-shaped strings', () => {
    expect(
      redact({
        name: 'ci',
        token: 'mxp_abc',
        nested: { refresh_token: 'x', api_token_id: 'tok_1', note: 'leaked mxa_AAAAAAAAAAAAAAAAAAAA here' },
      }),
    ).toEqual({
      name: 'ci',
      token: '[redacted]',
      nested: { refresh_token: '[redacted]', api_token_id: 'tok_1', note: 'leaked [redacted] here' },
    });
  });
});
