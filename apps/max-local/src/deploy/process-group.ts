import { spawn, type ChildProcess } from 'node:child_process';
import { LineSplitter } from './line-splitter.js';
import type { PreparedProcessGroup } from './process-records.js';

/** One line of a child's output. The caller stamps `seq`, `ts` and `source` when it stores or broadcasts it. */
export interface OutputLine {
  stream: 'stdout' | 'stderr';
  line: string;
}

export interface SpawnShellOptions {
  cwd: string;
  env: Record<string, string>;
  onLine: (line: OutputLine) => void;
  /** Records the group while it lives (see process-records.ts), so a max-local killed meanwhile can stop it later. */
  group?: PreparedProcessGroup;
}

export interface ShellProcess {
  child: ChildProcess;
  /** The leader (`sh`) has exited: its code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Both output pipes have ended — every process of the group that held them is gone — and every line was
   * delivered. Never rejects; see `settle()` for a bounded wait.
   */
  closed: Promise<void>;
  /** Signals the whole process group (sh, npm and everything npm started). Harmless after exit. */
  kill(signal: NodeJS.Signals): void;
  /**
   * After the leader exited: SIGKILLs whatever it left behind in its group (a backgrounded server, a stuck
   * grandchild holding the port or the pipes), then waits for the pipes to close — at most `ms`, after which
   * they are destroyed (a process that escaped the group with `setsid` could hold them forever).
   */
  settle(ms?: number): Promise<void>;
}

/**
 * Runs `command` with `sh -c` as the leader of a new process group (`detached`), so that signalling `-pid`
 * reaches its whole family: `npm start` forks `sh` which forks `node`, and killing only npm would orphan the
 * server still holding the port.
 */
export function spawnShell(command: string, options: SpawnShellOptions): ShellProcess {
  const { group } = options;
  const child = spawn('sh', ['-c', command], {
    cwd: options.cwd,
    env: group ? { ...options.env, ...group.env } : options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (group && child.pid !== undefined) group.started(child.pid);
  const out = new LineSplitter((line) => options.onLine({ stream: 'stdout', line }));
  const err = new LineSplitter((line) => options.onLine({ stream: 'stderr', line }));
  child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
  const kill = (signal: NodeJS.Signals): void => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is gone already.
    }
  };
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('error', (error) => {
      options.onLine({ stream: 'stderr', line: `failed to start: ${error.message}` });
      resolve({ code: null, signal: null });
    });
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let finish: () => void = () => undefined;
  const closed = new Promise<void>((resolve) => {
    let done = false;
    finish = (): void => {
      if (done) return;
      done = true;
      out.flush();
      err.flush();
      resolve();
    };
  });
  child.once('close', () => finish());
  // A spawn failure emits 'error' and may never emit 'close'.
  child.once('error', () => finish());
  const settle = async (ms = 2000): Promise<void> => {
    kill('SIGKILL');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
        finish();
        resolve();
      }, ms);
    });
    await Promise.race([closed, timeout]);
    clearTimeout(timer);
    group?.ended();
  };
  if (group) void Promise.all([exited, closed]).then(() => group.ended());
  return { child, exited, closed, kill, settle };
}
