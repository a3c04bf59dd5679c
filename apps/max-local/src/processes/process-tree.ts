import { bootId, groupMembers, readStat } from '../deploy/process-records.js';

/**
 * Finding and killing every process a live shell session or command run has, by Linux session id.
 *
 * A run is spawned `detached` (setsid: it leads a new session and process group) and a PTY's first process is a
 * session leader too, so in both cases session id = process group id = the leader's pid. Killing only the group is
 * not enough for an interactive shell: job control moves every pipeline into a process group of its own, inside
 * the same session. So the members are found by session id in /proc, which also works after the leader has exited
 * (the session keeps its id while any member lives). A process that calls `setsid` itself escapes, as it would
 * from any terminal.
 *
 * This is for families this process spawned and still watches. What a crashed max-local left behind is found and
 * stopped at the next start by `ProcessGroupRecords.reapOrphans` (deploy/process-records.ts), which verifies
 * identities before it signals anything.
 */

/** Identifies one process across pid reuse: its pid, its start time in ticks since boot, and the boot it ran in. */
export interface ProcessIdentity {
  pid: number;
  startTicks: number;
  bootId: string;
}

/** The identity of a live process (to record), or undefined when it is gone already. */
export function identify(pid: number): ProcessIdentity | undefined {
  const stat = readStat(pid);
  return stat ? { pid, startTicks: stat.startTicks, bootId: bootId() } : undefined;
}

/** The live (non-zombie) processes of the session led by `leader`: session id or process group id = its pid. */
export function sessionMembers(leader: number): number[] {
  return groupMembers(leader).map((member) => member.pid);
}

/** Sends `signal` to the leader's group and to every member of its session. Returns how many processes it reached. */
export function signalSession(leader: number, signal: NodeJS.Signals): number {
  let reached = 0;
  // The group at once (it also catches a child forked between the scan and the kills below).
  try {
    process.kill(-leader, signal);
    reached += 1;
  } catch {
    // ESRCH: no group of that id any more (members in other groups of the session are handled below).
  }
  for (const pid of sessionMembers(leader)) {
    try {
      process.kill(pid, signal);
      reached += 1;
    } catch {
      // Exited meanwhile.
    }
  }
  return reached;
}

/**
 * Ends the whole session led by `leader`: `signal` (SIGHUP for a terminal, SIGTERM for a run) to everything, then
 * SIGKILL to whatever is still alive after `graceMs`. Resolves once no member is left (or after a last SIGKILL
 * round that could not be confirmed within a few seconds).
 */
export async function killSession(
  leader: number,
  options: { signal?: NodeJS.Signals; graceMs?: number } = {},
): Promise<void> {
  const { signal = 'SIGKILL', graceMs = 5000 } = options;
  signalSession(leader, signal);
  if (signal !== 'SIGKILL') {
    const deadline = Date.now() + graceMs;
    while (sessionMembers(leader).length > 0 && Date.now() < deadline) await sleep(25);
  }
  for (let round = 0; round < 200 && sessionMembers(leader).length > 0; round += 1) {
    signalSession(leader, 'SIGKILL');
    await sleep(25);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
