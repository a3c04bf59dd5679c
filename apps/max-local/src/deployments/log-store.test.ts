import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../clock.js';
import { Database } from '../db/database.js';
import { LogStore, type StoredLogLine } from './log-store.js';

let dir = '';
let db: Database;
let now = 1_700_000_000_000;
const clock: Clock = { now: () => now };

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'max-logs-'));
  db = Database.open(dir);
  now = 1_700_000_000_000;
});
afterEach(async () => {
  db.close();
  await rm(dir, { recursive: true, force: true });
});

const line = (n: number) => ({ stream: 'stdout' as const, source: 'app' as const, line: `line ${n}` });
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const storedSeqs = (kind: string, id: string) =>
  db.all<{ seq: number }>('SELECT seq FROM log_lines WHERE kind = ? AND id = ? ORDER BY seq', [kind, id]).map((r) => r.seq);

describe('LogStore', () => {
  it('numbers lines per stream, publishes each at once and writes a turn of appends in one batch', async () => {
    const logs = new LogStore(db, clock);
    const seen: StoredLogLine[] = [];
    logs.subscribe('app', 'a1', (l) => seen.push(l));
    for (let i = 1; i <= 3; i += 1) logs.append('app', 'a1', line(i));
    logs.append('app', 'a2', line(1));
    expect(seen.map((l) => l.seq)).toEqual([1, 2, 3]);
    expect(logs.latestSeq('app', 'a1')).toBe(3);
    // Not written yet (one batch per turn)...
    expect(storedSeqs('app', 'a1')).toEqual([]);
    await nextTurn();
    // ...and written after it, heads included.
    expect(storedSeqs('app', 'a1')).toEqual([1, 2, 3]);
    expect(storedSeqs('app', 'a2')).toEqual([1]);
    expect(db.get<{ last_seq: number }>("SELECT last_seq FROM log_streams WHERE kind = 'app' AND id = 'a1'")?.last_seq).toBe(3);
  });

  it('every read sees every line already published, even within the same turn', () => {
    const logs = new LogStore(db, clock);
    logs.append('build', 'd1', line(1));
    logs.append('build', 'd1', line(2));
    expect(logs.listAfter('build', 'd1', 0, 10).map((l) => l.line)).toEqual(['line 1', 'line 2']);
    logs.append('build', 'd1', line(3));
    expect(logs.tail('build', 'd1', 1).map((l) => l.seq)).toEqual([3]);
    logs.append('build', 'd1', line(4));
    const page = logs.query('build', 'd1', { limit: 10 });
    expect(page.lines.map((l) => l.seq)).toEqual([1, 2, 3, 4]);
    expect(page.latestSeq).toBe(4);
  });

  it('keeps counting from the stored head after a restart', async () => {
    const first = new LogStore(db, clock);
    first.append('app', 'a1', line(1));
    first.append('app', 'a1', line(2));
    first.close();
    const second = new LogStore(db, clock);
    expect(second.latestSeq('app', 'a1')).toBe(2);
    expect(second.append('app', 'a1', line(3)).seq).toBe(3);
    await nextTurn();
    expect(storedSeqs('app', 'a1')).toEqual([1, 2, 3]);
  });

  it('keeps young lines beyond the line count (a reconnecting follower finds them), old ones down to the count', () => {
    const logs = new LogStore(db, clock, { minLines: 10, minAgeMs: 30_000, maxLines: 1_000 });
    // 100 lines/s for 20 s: all younger than 30 s, so all 2,000... capped at maxLines.
    for (let s = 0; s < 20; s += 1) {
      for (let i = 0; i < 100; i += 1) logs.append('app', 'a1', line(s * 100 + i));
      logs.flush();
      now += 1_000;
    }
    expect(logs.earliestSeq('app', 'a1')).toBe(2_000 - 1_000 + 1);
    // A quiet minute later, the next write prunes everything older than 30 s except the newest 10 lines.
    now += 60_000;
    logs.append('app', 'a1', line(2_001));
    logs.flush();
    expect(logs.earliestSeq('app', 'a1')).toBe(2_001 - 10 + 1);
    expect(logs.latestSeq('app', 'a1')).toBe(2_001);
  });

  it('prunes by age only past the window: at 1k lines/s a 15 s old cursor still resumes without a gap', () => {
    const logs = new LogStore(db, clock);
    for (let s = 0; s < 40; s += 1) {
      for (let i = 0; i < 1_000; i += 1) logs.append('app', 'a1', line(i));
      logs.flush();
      now += 1_000;
    }
    // 40,000 lines over 40 s: the last 30 s (30,000 lines) are kept, more than the 10,000-line floor.
    const earliest = logs.earliestSeq('app', 'a1');
    expect(earliest).toBeLessThanOrEqual(40_000 - 15_000);
    expect(earliest).toBeGreaterThan(40_000 - 32_000);
  });

  it('drops a stream with its queued lines, and a closed store stops writing but still publishes', async () => {
    const logs = new LogStore(db, clock);
    logs.append('app', 'gone', line(1));
    logs.drop('app', ['gone']);
    await nextTurn();
    expect(storedSeqs('app', 'gone')).toEqual([]);
    expect(logs.latestSeq('app', 'gone')).toBe(0);

    const seen: number[] = [];
    logs.subscribe('app', 'a1', (l) => seen.push(l.seq));
    logs.append('app', 'a1', line(1));
    logs.close();
    logs.append('app', 'a1', line(2));
    await nextTurn();
    expect(seen).toEqual([1, 2]);
    expect(storedSeqs('app', 'a1')).toEqual([1]);
  });
});
