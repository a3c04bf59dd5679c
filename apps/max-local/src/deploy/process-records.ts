import { readdirSync, readFileSync } from 'node:fs';
import { newId } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';

/**
 * Process-group records: every process group max-local spawns (builds, releases, shells, runs) is written to SQLite
 * while it lives, so that a max-local killed with `kill -9` — whose children are not in its own group and live on
 * — can find and stop them at its next start ({@link ProcessGroupRecords.reapOrphans}).
 *
 * A bare pid from an old record could name anything by now, so a group is only ever signalled when it provably
 * still is the one recorded:
 * - same boot (`/proc/sys/kernel/random/boot_id`), else the record is stale and dropped;
 * - the leader still alive with the recorded start time (`/proc/<pid>/stat` field 22, clock ticks since boot) and
 *   the record's marker in its environment: then every process of its group or session is ours (Linux never hands
 *   out a pid that is still some group's or session's id);
 * - the leader gone: only the members that carry the record's marker (`MAX_LOCAL_PROCESS_GROUP=<id>`, set in the
 *   spawned environment and inherited by everything the leader starts) and started no earlier than it.
 * Records of a max-local that is still running (the owner's pid and start time match) are left alone. Where there
 * is no `/proc` nothing can be verified and nothing is killed.
 */

/** The environment variable carrying a group's record id into every process of the group. */
export const PROCESS_GROUP_ENV = 'MAX_LOCAL_PROCESS_GROUP';

/** What spawns a group asks for before it spawns, then reports (the seam builds, releases, shells and runs use). */
export interface ProcessGroupTracker {
  /** `kind` says what spawned it (`build`, `release`, `shell`, `run`, …); `label` is for people (logs, reports). */
  prepare(kind: string, label: string): PreparedProcessGroup;
}

export interface PreparedProcessGroup {
  readonly id: string;
  /** Add to the leader's environment: the marker that identifies the group's members later. */
  readonly env: Readonly<Record<string, string>>;
  /** Records the spawned leader; `pid` must lead its own group (spawned `detached`, or a PTY). */
  started(pid: number): void;
  /**
   * Forgets the record once the whole group is gone; while a member still lives (it outlived the leader) the record
   * stays, so call it again after killing the rest. Idempotent.
   */
  ended(): void;
}

export interface ReapedGroup {
  kind: string;
  label: string;
  /** The processes that were signalled. */
  pids: number[];
}

export interface ReapReport {
  reaped: ReapedGroup[];
  /** Records dropped without killing anything: the group is gone, belongs to another boot or is not ours. */
  dropped: number;
}

interface ProcessGroupRow {
  id: string;
  pgid: number;
  start_ticks: number;
  boot_id: string;
  kind: string;
  label: string;
  owner_pid: number;
  owner_start_ticks: number;
}

export interface StatFields {
  pgrp: number;
  session: number;
  startTicks: number;
  zombie: boolean;
}

/** `/proc/<pid>/stat`, or undefined when the process is gone (or there is no /proc). */
export function readStat(pid: number): StatFields | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return undefined;
  }
  // "pid (comm) state ppid pgrp session …": comm may hold spaces and parentheses, so split after the last ')'.
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { zombie: rest[0] === 'Z', pgrp: Number(rest[2]), session: Number(rest[3]), startTicks: Number(rest[19]) };
}

/** Whether `/proc/<pid>/environ` holds `MAX_LOCAL_PROCESS_GROUP=<id>` (false when unreadable). */
function carriesMarker(pid: number, id: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`${PROCESS_GROUP_ENV}=${id}`);
  } catch {
    return false;
  }
}

let cachedBootId: string | undefined;
/** The kernel's boot id (changes on every boot); empty where /proc does not provide it. */
export function bootId(): string {
  if (cachedBootId === undefined) {
    try {
      cachedBootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    } catch {
      cachedBootId = '';
    }
  }
  return cachedBootId;
}

/** Live processes whose process group or session is `pgid`. */
export function groupMembers(pgid: number): { pid: number; startTicks: number }[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return [];
  }
  const members: { pid: number; startTicks: number }[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && !stat.zombie && (stat.pgrp === pgid || stat.session === pgid)) members.push({ pid: Number(entry), startTicks: stat.startTicks });
  }
  return members;
}

/** The processes of a record that provably are still the recorded group's (see the module comment). */
function verifiedMembers(row: ProcessGroupRow): number[] {
  const leader = readStat(row.pgid);
  if (leader && !leader.zombie) {
    // A live process holds the pid: either our leader (same start, our marker) or someone who reuses the pid.
    if (leader.startTicks !== row.start_ticks || !carriesMarker(row.pgid, row.id)) return [];
    return groupMembers(row.pgid).map((m) => m.pid);
  }
  return groupMembers(row.pgid)
    .filter((m) => m.startTicks >= row.start_ticks && carriesMarker(m.pid, row.id))
    .map((m) => m.pid);
}

const signal = (pids: readonly number[], name: NodeJS.Signals): void => {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      // Exited meanwhile.
    }
  }
};

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The process-group records of one data dir. */
export class ProcessGroupRecords implements ProcessGroupTracker {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #owner: { pid: number; startTicks: number };

  constructor(db: Database, clock: Clock) {
    this.#db = db;
    this.#clock = clock;
    this.#owner = { pid: process.pid, startTicks: readStat(process.pid)?.startTicks ?? 0 };
  }

  prepare(kind: string, label: string): PreparedProcessGroup {
    const id = newId('pg');
    let state: 'prepared' | 'recorded' | 'ended' = 'prepared';
    let leader = 0;
    return {
      id,
      env: { [PROCESS_GROUP_ENV]: id },
      started: (pid) => {
        if (state !== 'prepared') return;
        const stat = readStat(pid);
        // Gone already (or no /proc): there is nothing a later start could verify, so nothing to record.
        if (!stat) return;
        state = 'recorded';
        leader = pid;
        this.#db.run(
          `INSERT INTO process_groups (id, pgid, start_ticks, boot_id, kind, label, owner_pid, owner_start_ticks, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [id, pid, stat.startTicks, bootId(), kind, label.slice(0, 200), this.#owner.pid, this.#owner.startTicks, this.#clock.now()],
        );
      },
      ended: () => {
        // A member that outlived its leader (a backgrounded process with its output redirected) keeps the record.
        if (state === 'recorded' && groupMembers(leader).length > 0) return;
        if (state === 'recorded') this.#db.run('DELETE FROM process_groups WHERE id = ?', [id]);
        state = 'ended';
      },
    };
  }

  /** The live records (for tests and diagnostics). */
  list(): { id: string; pgid: number; kind: string; label: string }[] {
    return this.#db.all<{ id: string; pgid: number; kind: string; label: string }>('SELECT id, pgid, kind, label FROM process_groups ORDER BY created_at, id');
  }

  /**
   * Stops the groups a previous max-local on this data dir left running (SIGTERM, SIGKILL after `graceMs`) and
   * drops every record that is not of a max-local still running. Call once at start, before anything is spawned.
   */
  async reapOrphans(options: { graceMs?: number } = {}): Promise<ReapReport> {
    const rows = this.#db.all<ProcessGroupRow>('SELECT * FROM process_groups ORDER BY created_at, id').filter((row) => !this.#ownedByLiveOther(row));
    const reaped: ReapedGroup[] = [];
    const targets: { pid: number; startTicks: number }[] = [];
    let dropped = 0;
    for (const row of rows) {
      const pids = row.boot_id === bootId() && row.boot_id !== '' ? verifiedMembers(row) : [];
      if (pids.length === 0) {
        dropped += 1;
        continue;
      }
      reaped.push({ kind: row.kind, label: row.label, pids });
      for (const pid of pids) targets.push({ pid, startTicks: readStat(pid)?.startTicks ?? -1 });
    }
    // Between the signals a pid is only signalled again while it still is the same process (same start time).
    const alive = (): number[] =>
      targets.filter((t) => {
        const stat = readStat(t.pid);
        return stat !== undefined && !stat.zombie && stat.startTicks === t.startTicks;
      }).map((t) => t.pid);
    signal(alive(), 'SIGTERM');
    const deadline = Date.now() + (options.graceMs ?? 3000);
    while (alive().length > 0 && Date.now() < deadline) await sleep(50);
    signal(alive(), 'SIGKILL');
    for (const row of rows) this.#db.run('DELETE FROM process_groups WHERE id = ?', [row.id]);
    return { reaped, dropped };
  }

  /** A record of another max-local that is still running (same boot, its pid alive with the recorded start time). */
  #ownedByLiveOther(row: ProcessGroupRow): boolean {
    if (row.owner_pid === process.pid || row.boot_id !== bootId()) return false;
    const owner = readStat(row.owner_pid);
    return owner !== undefined && !owner.zombie && owner.startTicks === row.owner_start_ticks;
  }
}
