import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Database, isUniqueViolation } from './database.js';
import { migrations } from './migrations.js';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'max-db-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('Database', () => {
  it('applies every migration once, records it, and opens in WAL mode', () => {
    const db = Database.open(dir);
    expect(db.appliedMigrations()).toEqual(migrations.map((m) => m.version));
    expect(db.get<{ journal_mode: string }>('PRAGMA journal_mode')?.journal_mode).toBe('wal');
    expect(db.get<{ foreign_keys: number }>('PRAGMA foreign_keys')?.foreign_keys).toBe(1);
    db.close();
    const again = Database.open(dir);
    expect(again.appliedMigrations()).toEqual(migrations.map((m) => m.version));
    again.close();
  });

  it('applies a new numbered migration on the next open, in a transaction (a failing one leaves nothing behind)', () => {
    Database.open(dir).close();
    const extra = [...migrations, { version: 999, name: 'broken', sql: 'CREATE TABLE t999 (x INTEGER); SELECT nope FROM missing;' }];
    expect(() => Database.open(dir, { migrations: extra })).toThrow();
    const db = Database.open(dir);
    expect(db.appliedMigrations()).not.toContain(999);
    expect(db.get("SELECT name FROM sqlite_master WHERE name = 't999'")).toBeUndefined();
    db.close();
  });

  it('runs after-commit callbacks only when the transaction commits, and rows carry no libsql metadata', () => {
    const db = Database.open(dir);
    const seen: string[] = [];
    db.transaction(() => {
      db.run("INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'a@b', 'a', 1)");
      db.afterCommit(() => seen.push('committed'));
      expect(seen).toEqual([]);
    });
    expect(seen).toEqual(['committed']);
    expect(() =>
      db.transaction(() => {
        db.afterCommit(() => seen.push('rolled back'));
        db.run("INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'dup@b', 'a', 1)");
      }),
    ).toThrow();
    expect(seen).toEqual(['committed']);
    expect(db.get('SELECT id, email FROM users')).toEqual({ id: 'u1', email: 'a@b' });
    expect(() => db.afterCommit(() => undefined)).toThrow(/outside a transaction/);
    db.close();
  });

  it('recognises UNIQUE violations', () => {
    const db = Database.open(dir);
    db.run("INSERT INTO users (id, email, name, created_at) VALUES ('u1', 'a@b', 'a', 1)");
    let caught: unknown;
    try {
      db.run("INSERT INTO users (id, email, name, created_at) VALUES ('u2', 'A@B', 'a', 1)");
    } catch (error) {
      caught = error;
    }
    expect(isUniqueViolation(caught)).toBe(true);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
    db.close();
  });

  it('allAsJson: the rows of all(), in the query\'s order, as one JSON array; refuses a query without ORDER BY … LIMIT', () => {
    const db = Database.open(dir);
    for (const [id, name, at] of [['u1', 'b', 3], ['u2', 'c', 1], ['u3', "a'q\"", 2]] as const) {
      db.run('INSERT INTO users (id, email, name, created_at) VALUES (?, ?, ?, ?)', [id, `${id}@x`, name, at]);
    }
    const sql = 'SELECT id, name, created_at AS "when", NULL AS "no thing" FROM users ORDER BY created_at DESC LIMIT ?';
    expect(db.allAsJson(sql, [10])).toEqual(db.all(sql, [10]));
    expect(db.allAsJson<{ id: string }>(sql, [10]).map((r) => r.id)).toEqual(['u1', 'u3', 'u2']);
    expect(db.allAsJson(sql, [0])).toEqual([]);
    expect(() => db.allAsJson('SELECT id FROM users')).toThrow(/ORDER BY/);
    db.close();
  });
});
