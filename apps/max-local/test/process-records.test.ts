// Process-group records only ever stop what provably is the recorded group: a pid that now names another process
// (other start time, or no marker in its environment) is never signalled, nor is a group of a max-local that is
// still running; a group whose leader exited is still found through the marker its members inherited.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../src/clock.js';
import { Database } from '../src/db/database.js';
import { spawnShell } from '../src/deploy/process-group.js';
import { PROCESS_GROUP_ENV, ProcessGroupRecords } from '../src/deploy/process-records.js';

let dataDir: string;
let db: Database;
const spawned: number[] = [];

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0] !== 'Z';
  } catch {
    return false;
  }
};
const startTicks = (pid: number): number => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[19]);
const bootId = (): string => readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();

/** A process group of its own that max-local did not make (no marker), like whatever reuses a recorded pid. */
function stranger(): ChildProcess {
  const child = spawn('sleep', ['60'], { detached: true, stdio: 'ignore' });
  if (child.pid !== undefined) spawned.push(child.pid);
  return child;
}

function insertRecord(row: { id: string; pgid: number; startTicks: number; ownerPid?: number; ownerStartTicks?: number }): void {
  db.run(
    `INSERT INTO process_groups (id, pgid, start_ticks, boot_id, kind, label, owner_pid, owner_start_ticks, created_at)
     VALUES (?, ?, ?, ?, 'release', 'test', ?, ?, ?)`,
    [row.id, row.pgid, row.startTicks, bootId(), row.ownerPid ?? 999_999_999, row.ownerStartTicks ?? 0, Date.now()],
  );
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'max-process-records-'));
  db = Database.open(dataDir);
});

afterEach(() => {
  for (const pid of spawned.splice(0)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // gone
    }
  }
  db.run('DELETE FROM process_groups');
});

afterAll(async () => {
  db.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('process-group records', () => {
  it('a recorded group lives in the table while it runs and leaves it when it ends', async () => {
    const records = new ProcessGroupRecords(db, systemClock);
    const proc = spawnShell('exit 0', { cwd: dataDir, env: { PATH: process.env.PATH ?? '' }, onLine: () => undefined, group: records.prepare('build', 'quick') });
    await proc.exited;
    await proc.closed;
    await new Promise((r) => setTimeout(r, 10));
    expect(records.list()).toEqual([]);
    const long = spawnShell('sleep 60', { cwd: dataDir, env: { PATH: process.env.PATH ?? '' }, onLine: () => undefined, group: records.prepare('release', 'app a/b v1') });
    if (long.child.pid !== undefined) spawned.push(long.child.pid);
    expect(records.list()).toMatchObject([{ pgid: long.child.pid, kind: 'release', label: 'app a/b v1' }]);
    long.kill('SIGKILL');
    await long.closed;
    await new Promise((r) => setTimeout(r, 10));
    expect(records.list()).toEqual([]);
  });

  it('a group left by a dead max-local is stopped: its leader, and members that outlived their leader', async () => {
    const writer = new ProcessGroupRecords(db, systemClock);
    const env = { PATH: process.env.PATH ?? '' };
    // A leader with a child, and a leader that exits at once leaving a backgrounded member behind.
    const whole = spawnShell('sleep 60 & sleep 60; wait', { cwd: dataDir, env, onLine: () => undefined, group: writer.prepare('release', 'whole') });
    const headless = spawnShell('sleep 61 >/dev/null 2>&1 &', { cwd: dataDir, env, onLine: () => undefined, group: writer.prepare('build', 'headless') });
    await headless.exited;
    const leader = whole.child.pid ?? 0;
    spawned.push(leader);
    // As if the writer had died: rewrite the owner to a pid that is not running.
    db.run('UPDATE process_groups SET owner_pid = 999999999');
    await new Promise((r) => setTimeout(r, 200));

    const report = await new ProcessGroupRecords(db, systemClock).reapOrphans({ graceMs: 2000 });
    expect(report.reaped.map((g) => g.label).sort()).toEqual(['headless', 'whole']);
    expect(report.reaped.find((g) => g.label === 'whole')?.pids).toContain(leader);
    expect(report.reaped.find((g) => g.label === 'headless')?.pids).toHaveLength(1);
    for (const pid of report.reaped.flatMap((g) => g.pids)) expect(alive(pid)).toBe(false);
    expect(db.all('SELECT id FROM process_groups')).toEqual([]);
  });

  it('never signals a process that reuses a recorded pid: another start time, or no marker', async () => {
    const a = stranger();
    const b = stranger();
    await new Promise((r) => setTimeout(r, 100));
    const pidA = a.pid ?? 0;
    const pidB = b.pid ?? 0;
    insertRecord({ id: 'pg_reused_later', pgid: pidA, startTicks: startTicks(pidA) - 1 });
    insertRecord({ id: 'pg_no_marker', pgid: pidB, startTicks: startTicks(pidB) });
    const report = await new ProcessGroupRecords(db, systemClock).reapOrphans({ graceMs: 100 });
    expect(report).toEqual({ reaped: [], dropped: 2 });
    expect(alive(pidA)).toBe(true);
    expect(alive(pidB)).toBe(true);
    expect(db.all('SELECT id FROM process_groups')).toEqual([]);
  });

  it("leaves the groups (and records) of a max-local that is still running alone", async () => {
    const owner = stranger(); // stands in for another live max-local process
    const records = new ProcessGroupRecords(db, systemClock);
    const group = records.prepare('release', 'live one');
    const proc = spawnShell('sleep 60', { cwd: dataDir, env: { PATH: process.env.PATH ?? '' }, onLine: () => undefined, group });
    const pid = proc.child.pid ?? 0;
    spawned.push(pid);
    await new Promise((r) => setTimeout(r, 100));
    const ownerPid = owner.pid ?? 0;
    db.run('UPDATE process_groups SET owner_pid = ?, owner_start_ticks = ?', [ownerPid, startTicks(ownerPid)]);
    const report = await new ProcessGroupRecords(db, systemClock).reapOrphans({ graceMs: 100 });
    expect(report).toEqual({ reaped: [], dropped: 0 });
    expect(alive(pid)).toBe(true);
    expect(db.all<{ id: string }>('SELECT id FROM process_groups').map((r) => r.id)).toEqual([group.id]);
    expect(readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0')).toContain(`${PROCESS_GROUP_ENV}=${group.id}`);
  });
});
