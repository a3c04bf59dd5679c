import { spawn, type ChildProcess } from 'node:child_process';
import type { IPty } from 'node-pty';
import { newId } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { ApiError, conflict, notFound, validationFailed } from '../http/api-error.js';
import { identify, killSession, signalSession, type ProcessIdentity } from '../processes/process-tree.js';
import type { EventActor, EventLog, EventRecord } from '../services/event-log.js';
import { ByteStream, type StreamReader } from './byte-stream.js';
import { drainBeforeDestroy } from './pty-drain.js';
import { createPtyInput } from './pty-input.js';
import { defaultShell, resolveProgram, signalName, startFailure } from './programs.js';
import { RemoteRecords, type ListQuery, type RunRecord, type RunState, type ShellRecord } from './remote-records.js';
import type { RemoteTarget } from './remote-target.js';

/** Tunables of shells and runs; `startMaxLocal({shells})` overrides them (tests shorten the timeouts). */
export interface RemoteAccessSettings {
  /** A session with no client attached ends after this long, unless its create request says otherwise. */
  detachTimeoutSeconds: number;
  /** Live shell sessions per user; the next create answers 429 `session_limit`. */
  maxShellsPerUser: number;
  /** Live command runs per user; likewise. */
  maxRunsPerUser: number;
  /** Output kept per session or run for replay (bytes). */
  outputBufferBytes: number;
  /** DELETE of a session and detach timeouts: SIGHUP, then SIGKILL after this long. */
  hangupGraceMs: number;
  /** Cancel of a run: SIGTERM, then SIGKILL after this long. */
  cancelGraceMs: number;
  /** How long an ended session's or run's output stays in memory for replay. */
  endedRetentionMs: number;
}

export const DEFAULT_REMOTE_SETTINGS: RemoteAccessSettings = {
  detachTimeoutSeconds: 300,
  maxShellsPerUser: 10,
  maxRunsPerUser: 10,
  outputBufferBytes: 8 * 1024 * 1024,
  hangupGraceMs: 5000,
  cancelGraceMs: 10_000,
  endedRetentionMs: 10 * 60_000,
};

export type RunStream = 'stdout' | 'stderr';

/** Input streams remembered per shell session (one per attaching client, see `inputBytes`). */
const MAX_INPUT_STREAMS = 32;

/** Why a session or run ended, in its `*.ended` audit event. */
type EndReason = 'exited' | 'deleted' | 'detach_timeout' | 'shutdown' | 'resource_deleted' | 'timed_out' | 'cancelled' | 'restart';

interface Caller {
  userId: string;
  actor: EventActor;
}

/** A session in this process: its record plus the PTY and the output stream. */
export class LiveShell {
  readonly record: ShellRecord;
  readonly stream: ByteStream<'output'>;
  pty: IPty | null = null;
  /** Writes input to the PTY (see `createPtyInput`). */
  input: ((bytes: Buffer) => void) | null = null;
  group: TrackedGroup | null = null;
  endReason: EndReason | null = null;
  endActor: EventActor | null = null;
  detachTimer: NodeJS.Timeout | undefined;
  readonly resizeListeners = new Set<(cols: number, rows: number) => void>();
  /** Input streams of the clients (`input_stream` → bytes of it applied), most recently used last. */
  readonly inputStreams = new Map<string, number>();
  readonly ended: Promise<void>;
  resolveEnded: () => void = () => undefined;

  constructor(record: ShellRecord, stream: ByteStream<'output'>) {
    this.record = record;
    this.stream = stream;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get live(): boolean {
    return this.record.state === 'running';
  }
}

/** A run in this process: its record, the child process and the output stream. */
export class LiveRun {
  readonly record: RunRecord;
  readonly stream: ByteStream<RunStream>;
  child: ChildProcess | null = null;
  group: TrackedGroup | null = null;
  endReason: EndReason | null = null;
  endActor: EventActor | null = null;
  stdinClosed = false;
  timers: NodeJS.Timeout[] = [];
  readonly ended: Promise<void>;
  resolveEnded: () => void = () => undefined;

  constructor(record: RunRecord, stream: ByteStream<RunStream>) {
    this.record = record;
    this.stream = stream;
    this.ended = new Promise((resolve) => (this.resolveEnded = resolve));
  }

  get live(): boolean {
    return this.record.state === 'pending' || this.record.state === 'running';
  }
}

export interface ShellCreateInput {
  cols: number;
  rows: number;
  command?: string[] | undefined;
  term?: string | undefined;
  detachTimeoutSeconds?: number | undefined;
}

export interface RunCreateInput {
  command: string[];
  env?: Record<string, string> | undefined;
  timeoutSeconds?: number | undefined;
}

/** How long a new run's output waits for its first reader before it may scroll out of the buffer (see ByteStream). */
const RUN_FIRST_READER_GRACE_MS = 10_000;

/** Platform variables a run's `env` may not override. */
const PLATFORM_KEYS = ['PORT', 'MAX_APP', 'MAX_NETWORK', 'MAX_HOSTNAME', 'MAX_RELEASE'];

/**
 * The seam of `ProcessGroupRecords` (deploy/process-records.ts): every spawned family is recorded while it lives,
 * with a marker in its environment, so a max-local killed with -9 stops it at its next start.
 */
export interface ProcessGroupTrackerLike {
  prepare(kind: string, label: string): { readonly env: Readonly<Record<string, string>>; started(pid: number): void; ended(): void };
}

type TrackedGroup = ReturnType<ProcessGroupTrackerLike['prepare']>;

export interface RemoteAccessDeps {
  db: Database;
  clock: Clock;
  events: EventLog;
  processGroups?: ProcessGroupTrackerLike;
}

/**
 * Shell sessions (PTYs through node-pty) and command runs (child processes without a shell), docs/protocol.md §6.6
 * and §6.7. Each lives in memory while it runs — with its bounded output buffer, served to any number of attached
 * channel clients — and as a SQLite row (`RemoteRecords`) for GET/list and for cleanup after a crash. Every start
 * and end is an audit event (`shell.created`/`shell.ended`, `run.created`/`run.ended`). When a session or run ends,
 * for whatever reason, every process left in its session is killed (`killSession`), so nothing outlives it.
 */
export class RemoteAccess {
  readonly records: RemoteRecords;
  readonly #deps: RemoteAccessDeps;
  #settings: RemoteAccessSettings = { ...DEFAULT_REMOTE_SETTINGS };
  readonly #shells = new Map<string, LiveShell>();
  readonly #runs = new Map<string, LiveRun>();
  /** Cleanups in flight (killing leftovers, evicting ended buffers), awaited by close(). */
  readonly #pending = new Set<Promise<unknown>>();
  readonly #evictions = new Set<NodeJS.Timeout>();
  #unsubscribe: (() => void) | undefined;
  #closed = false;

  constructor(deps: RemoteAccessDeps) {
    this.#deps = deps;
    this.records = new RemoteRecords(deps.db);
  }

  get settings(): RemoteAccessSettings {
    return this.#settings;
  }

  configure(settings: Partial<RemoteAccessSettings>): void {
    for (const [key, value] of Object.entries(settings)) {
      if (value !== undefined && (!Number.isInteger(value) || (value as number) < (key.endsWith('GraceMs') ? 0 : 1))) {
        throw new RangeError(`shells.${key} must be a positive integer; got ${String(value)}`);
      }
    }
    this.#settings = { ...this.#settings, ...settings };
  }

  /**
   * At startup (after `ProcessGroupRecords.reapOrphans` stopped whatever a crashed max-local left running, shells
   * and runs included): sessions and runs a previous max-local left "live" are ended in their records, with their
   * audit events. Also starts following app and network deletions, which end the sessions and runs inside them.
   */
  recover(): void {
    this.#unsubscribe ??= this.#deps.events.subscribe((event) => this.#onEvent(event));
    const { db, clock, events } = this.#deps;
    const shells = this.records.liveShells();
    const runs = this.records.liveRuns();
    const now = clock.now();
    db.transaction(() => {
      for (const shell of shells) {
        this.records.endShell({ ...shell, endedAt: now });
        events.append(this.#shellEndedEvent({ ...shell, endedAt: now, state: 'exited' }, 'restart', shell.actor));
      }
      for (const run of runs) {
        const ended: RunRecord = { ...run, state: 'cancelled', error: 'max-local stopped during this run.', finishedAt: now };
        this.records.endRun(ended);
        events.append(this.#runEndedEvent(ended, 'restart', run.actor));
      }
    });
  }

  // ---- shells ----

  async createShell(caller: Caller, target: RemoteTarget, input: ShellCreateInput): Promise<LiveShell> {
    this.#assertOpen();
    this.#checkLimit(caller.userId, 'shell');
    const term = input.term ?? 'xterm-256color';
    const env: Record<string, string> = { ...passThroughLocale(), ...target.env, TERM: term };
    let command: string[];
    if (input.command) {
      const found = resolveProgram(input.command[0] as string, env, target.cwd);
      if (!('path' in found)) {
        const failure = startFailure(input.command[0] as string, found.error);
        throw validationFailed([{ path: '/command/0', message: failure.message }], `Cannot start the session: ${failure.message}.`);
      }
      command = [found.path, ...input.command.slice(1)];
    } else {
      command = [defaultShell(env, target.cwd)];
      env['SHELL'] = command[0] as string;
    }
    const group = this.#deps.processGroups?.prepare('shell', `shell ${target.network}${target.app === null ? '' : `/${target.app}`}`) ?? null;
    Object.assign(env, group?.env);
    const { spawn: spawnPty } = await import('node-pty');
    const pty = spawnPty(command[0] as string, command.slice(1), {
      name: term,
      cols: input.cols,
      rows: input.rows,
      cwd: target.cwd,
      env,
      // Bytes, not strings: output goes out in binary frames untouched (a split UTF-8 sequence stays split).
      encoding: null,
    });
    const now = this.#deps.clock.now();
    const record: ShellRecord = {
      id: newId('sh'),
      userId: caller.userId,
      networkId: target.networkId,
      network: target.network,
      appId: target.appId,
      app: target.app,
      command: input.command ?? command,
      term,
      cols: input.cols,
      rows: input.rows,
      state: 'running',
      exitCode: null,
      signal: null,
      pid: pty.pid,
      identity: identify(pty.pid) ?? null,
      outputBytes: 0,
      detachTimeoutSeconds: input.detachTimeoutSeconds ?? this.#settings.detachTimeoutSeconds,
      actor: caller.actor,
      createdAt: now,
      endedAt: null,
    };
    const shell = new LiveShell(
      record,
      new ByteStream<'output'>(this.#settings.outputBufferBytes, (paused) => (paused ? pty.pause() : pty.resume())),
    );
    shell.pty = pty;
    shell.input = createPtyInput(pty);
    shell.group = group;
    group?.started(pty.pid);
    this.#shells.set(record.id, shell);
    // node-pty delivers Buffers when `encoding` is null; its typings only know strings.
    pty.onData((data) => shell.stream.write('output', data as unknown as Buffer));
    drainBeforeDestroy(pty, (bytes) => shell.stream.write('output', bytes));
    pty.onExit(({ exitCode, signal }) => this.#shellExited(shell, exitCode, signal ?? 0));
    this.#deps.db.transaction(() => {
      this.records.insertShell(record);
      this.#deps.events.append({
        userId: caller.userId,
        action: 'shell.created',
        actor: caller.actor,
        target: this.#target('shell', record),
        details: { command: record.command, term, pid: record.pid, detach_timeout_seconds: record.detachTimeoutSeconds },
      });
    });
    this.#armDetachTimer(shell);
    return shell;
  }

  /** The caller's session: live from memory, else its record (404 for anyone else's). */
  shell(userId: string, id: string): { live: LiveShell | null; record: ShellRecord } {
    const live = this.#shells.get(id);
    if (live && live.record.userId === userId) return { live, record: live.record };
    const record = this.records.shell(userId, id);
    if (!record) throw notFound(`Shell session ${id} not found.`);
    return { live: null, record };
  }

  listShells(userId: string, query: ListQuery): { items: { live: LiveShell | null; record: ShellRecord }[]; nextCursor: string | null } {
    const page = this.records.listShells(userId, query);
    return {
      items: page.items.map((record) => {
        const live = this.#shells.get(record.id) ?? null;
        return { live, record: live?.record ?? record };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** DELETE: hang up the session (SIGHUP, SIGKILL after the grace). An ended session is left as it is. */
  deleteShell(caller: Caller, id: string): void {
    const { live } = this.shell(caller.userId, id);
    if (!live?.live) return;
    this.#hangUp(live, 'deleted', caller.actor);
  }

  /** A channel client attaches at `position`; the detach timer pauses while anyone is attached. */
  attachShell(shell: LiveShell, position: number): StreamReader {
    clearTimeout(shell.detachTimer);
    shell.detachTimer = undefined;
    return shell.stream.attach(position, () => this.#armDetachTimer(shell));
  }

  resizeShell(shell: LiveShell, cols: number, rows: number, from?: (cols: number, rows: number) => void): void {
    if (!shell.live || !shell.pty) return;
    if (shell.record.cols === cols && shell.record.rows === rows) return;
    shell.pty.resize(cols, rows);
    shell.record.cols = cols;
    shell.record.rows = rows;
    for (const listener of shell.resizeListeners) if (listener !== from) listener(cols, rows);
  }

  /** Bytes of `stream` the session has applied (0 for a stream it has not seen); the stream is remembered. */
  inputBytes(shell: LiveShell, stream: string): number {
    const applied = shell.inputStreams.get(stream) ?? 0;
    this.#touchInputStream(shell, stream, applied);
    return applied;
  }

  /**
   * Input that says where it starts in its stream (`input_at`, docs/protocol.md §6.6): what the session applied
   * already is dropped (a frame resent after a reconnect, or one the old connection delivered late), the rest is
   * written. A frame that starts beyond what was applied (the client could not resend older bytes) is written as it
   * is: the missing bytes are lost either way, and the stream must go on.
   */
  writeShellAt(shell: LiveShell, stream: string, offset: number, bytes: Uint8Array): boolean {
    if (!shell.live || !shell.input) return false;
    const applied = shell.inputStreams.get(stream) ?? 0;
    const end = offset + bytes.byteLength;
    const skip = Math.max(0, applied - offset);
    if (end > applied) shell.input(Buffer.from(bytes.buffer, bytes.byteOffset + skip, bytes.byteLength - skip));
    this.#touchInputStream(shell, stream, Math.max(applied, end));
    return true;
  }

  #touchInputStream(shell: LiveShell, stream: string, applied: number): void {
    shell.inputStreams.delete(stream);
    shell.inputStreams.set(stream, applied);
    // A handful of clients attach to one session; the oldest streams are forgotten first.
    for (const oldest of shell.inputStreams.keys()) {
      if (shell.inputStreams.size <= MAX_INPUT_STREAMS) break;
      shell.inputStreams.delete(oldest);
    }
  }

  writeShell(shell: LiveShell, bytes: Uint8Array): boolean {
    if (!shell.live || !shell.input) return false;
    shell.input(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return true;
  }

  #armDetachTimer(shell: LiveShell): void {
    if (!shell.live || shell.stream.readerCount > 0 || this.#closed) return;
    clearTimeout(shell.detachTimer);
    shell.detachTimer = setTimeout(() => this.#hangUp(shell, 'detach_timeout', null), shell.record.detachTimeoutSeconds * 1000);
    shell.detachTimer.unref();
  }

  #hangUp(shell: LiveShell, reason: EndReason, actor: EventActor | null): Promise<void> {
    if (shell.endReason === null) {
      shell.endReason = reason;
      shell.endActor = actor;
    }
    const pid = shell.record.pid;
    if (pid !== null) this.#track(killSession(pid, { signal: 'SIGHUP', graceMs: this.#settings.hangupGraceMs }));
    return shell.ended;
  }

  #shellExited(shell: LiveShell, exitCode: number, signal: number): void {
    if (!shell.live) return;
    const record = shell.record;
    const name = signalName(signal);
    record.state = 'exited';
    record.exitCode = name === null ? exitCode : null;
    record.signal = name;
    record.endedAt = this.#deps.clock.now();
    record.outputBytes = shell.stream.buffer.end;
    clearTimeout(shell.detachTimer);
    shell.pty = null;
    shell.input = null;
    shell.stream.end();
    // Whatever the shell left in its session (background jobs, nohup'ed servers) goes with it.
    if (record.pid !== null) {
      const pid = record.pid;
      this.#track(killSession(pid, { signal: 'SIGHUP', graceMs: this.#settings.hangupGraceMs }).then(() => shell.group?.ended()));
    }
    const reason = shell.endReason ?? 'exited';
    this.#persist(() => {
      this.records.endShell(record);
      this.#deps.events.append(this.#shellEndedEvent(record, reason, shell.endActor ?? record.actor));
    });
    shell.resolveEnded();
    this.#evictLater(() => {
      if (this.#shells.get(record.id) === shell) this.#shells.delete(record.id);
    });
  }

  #shellEndedEvent(record: ShellRecord, reason: EndReason, actor: EventActor) {
    return {
      userId: record.userId,
      action: 'shell.ended',
      actor,
      target: this.#target('shell', record),
      details: {
        reason,
        exit_code: record.exitCode,
        signal: record.signal,
        pid: record.pid,
        output_bytes: record.outputBytes,
        duration_ms: (record.endedAt ?? record.createdAt) - record.createdAt,
      },
    };
  }

  // ---- runs ----

  async createRun(caller: Caller, target: RemoteTarget, input: RunCreateInput): Promise<LiveRun> {
    this.#assertOpen();
    this.#checkLimit(caller.userId, 'run');
    const env: Record<string, string> = { ...target.env, ...input.env };
    for (const key of PLATFORM_KEYS) {
      if (target.env[key] !== undefined) env[key] = target.env[key];
      else if (input.env?.[key] !== undefined) delete env[key];
    }
    const now = this.#deps.clock.now();
    const record: RunRecord = {
      id: newId('run'),
      userId: caller.userId,
      networkId: target.networkId,
      network: target.network,
      appId: target.appId,
      app: target.app,
      command: input.command,
      state: 'pending',
      exitCode: null,
      signal: null,
      error: null,
      pid: null,
      identity: null,
      release: target.release,
      timeoutSeconds: input.timeoutSeconds ?? 3600,
      outputBytes: 0,
      actor: caller.actor,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
    };
    const run = new LiveRun(
      record,
      new ByteStream<RunStream>(
        this.#settings.outputBufferBytes,
        (paused) => {
          for (const pipe of [run.child?.stdout, run.child?.stderr]) {
            if (paused) pipe?.pause();
            else pipe?.resume();
          }
        },
        // Creating a run and attaching to it are two requests: keep the first output for the client on its way.
        { holdForFirstReaderMs: RUN_FIRST_READER_GRACE_MS },
      ),
    );
    const program = input.command[0] as string;
    const found = resolveProgram(program, env, target.cwd);
    let startError: { exitCode: number; message: string } | null = null;
    if (!('path' in found)) {
      startError = startFailure(program, found.error);
    } else {
      const group = this.#deps.processGroups?.prepare('run', `run ${target.network}${target.app === null ? '' : `/${target.app}`}: ${program}`) ?? null;
      run.group = group;
      const child = spawn(found.path, input.command.slice(1), {
        cwd: target.cwd,
        env: { ...env, ...group?.env },
        // Its own session and process group (setsid): signals, cancel and timeout reach its whole family.
        detached: true,
        stdio: ['pipe', 'pipe', 'pipe'],
        argv0: program,
      });
      const started = await new Promise<Error | null>((resolve) => {
        child.once('spawn', () => resolve(null));
        child.once('error', (error) => resolve(error));
      });
      if (started) {
        const code = (started as NodeJS.ErrnoException).code;
        startError = startFailure(program, code === 'ENOENT' ? 'not_found' : 'not_executable');
      } else {
        run.child = child;
        record.pid = child.pid ?? null;
        if (record.pid !== null) group?.started(record.pid);
        record.identity = record.pid === null ? null : (identify(record.pid) ?? null);
        record.state = 'running';
        record.startedAt = this.#deps.clock.now();
      }
    }
    this.#runs.set(record.id, run);
    this.#deps.db.transaction(() => {
      this.records.insertRun(record);
      this.#deps.events.append({
        userId: caller.userId,
        action: 'run.created',
        actor: caller.actor,
        target: this.#target('run', record),
        details: { command: record.command, pid: record.pid, timeout_seconds: record.timeoutSeconds, release: record.release },
      });
    });
    if (startError) {
      // As `sh -c` would: the message on stderr, exit code 127 (not found) or 126 (not executable).
      run.stream.write('stderr', Buffer.from(`${startError.message}\n`));
      record.error = startError.message;
      this.#finishRun(run, { state: 'failed', exitCode: startError.exitCode, signal: null });
      return run;
    }
    this.#watchRun(run);
    return run;
  }

  run(userId: string, id: string): { live: LiveRun | null; record: RunRecord } {
    const live = this.#runs.get(id);
    if (live && live.record.userId === userId) return { live, record: live.record };
    const record = this.records.run(userId, id);
    if (!record) throw notFound(`Run ${id} not found.`);
    return { live: null, record };
  }

  listRuns(userId: string, query: ListQuery): { items: { live: LiveRun | null; record: RunRecord }[]; nextCursor: string | null } {
    const page = this.records.listRuns(userId, query);
    return {
      items: page.items.map((record) => {
        const live = this.#runs.get(record.id) ?? null;
        return { live, record: live?.record ?? record };
      }),
      nextCursor: page.nextCursor,
    };
  }

  /** SIGTERM to the run's group, SIGKILL after the grace; the run ends `cancelled`. A finished run is unchanged. */
  cancelRun(caller: Caller, id: string): { live: LiveRun | null; record: RunRecord } {
    const found = this.run(caller.userId, id);
    if (found.live?.live) this.#stopRun(found.live, 'cancelled', caller.actor, 'SIGTERM', this.#settings.cancelGraceMs);
    return found;
  }

  attachRun(run: LiveRun, position: number): StreamReader {
    return run.stream.attach(position);
  }

  /** Writes to the run's stdin; resolves once the bytes were handed to the pipe (a full pipe makes it wait). */
  writeStdin(run: LiveRun, bytes: Uint8Array): Promise<'ok' | 'exited' | 'closed'> {
    const stdin = run.child?.stdin;
    if (!run.live || !stdin) return Promise.resolve('exited');
    if (run.stdinClosed || stdin.destroyed || stdin.writableEnded) return Promise.resolve('closed');
    return new Promise((resolve) => {
      stdin.write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error) => resolve(error ? 'closed' : 'ok'));
    });
  }

  endStdin(run: LiveRun): 'ok' | 'exited' {
    if (!run.live || !run.child?.stdin) return 'exited';
    run.stdinClosed = true;
    run.child.stdin.end();
    return 'ok';
  }

  signalRun(run: LiveRun, signal: NodeJS.Signals): 'ok' | 'exited' {
    if (!run.live || run.record.pid === null) return 'exited';
    signalSession(run.record.pid, signal);
    return 'ok';
  }

  #watchRun(run: LiveRun): void {
    const child = run.child as ChildProcess;
    const record = run.record;
    child.stdout?.on('data', (chunk: Buffer) => run.stream.write('stdout', chunk));
    child.stderr?.on('data', (chunk: Buffer) => run.stream.write('stderr', chunk));
    // A process that closes its stdin early makes our writes fail with EPIPE: the write callback reports it.
    child.stdin?.on('error', () => undefined);
    const timeout = setTimeout(() => this.#stopRun(run, 'timed_out', null, 'SIGKILL', 0), record.timeoutSeconds * 1000);
    timeout.unref();
    run.timers.push(timeout);
    const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
    child.once('exit', (code, signal) => {
      void (async () => {
        // The leader is gone: kill what it left in its session, then wait for the pipes to drain (bounded — a
        // process that escaped with setsid could hold them forever).
        if (record.pid !== null) await killSession(record.pid, { signal: 'SIGKILL' });
        run.group?.ended();
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([closed, new Promise<void>((resolve) => (timer = setTimeout(resolve, 2000)))]);
        clearTimeout(timer);
        child.stdout?.destroy();
        child.stderr?.destroy();
        child.stdin?.destroy();
        const reason = run.endReason;
        const state: RunState = reason === 'timed_out' ? 'timed_out' : reason === 'cancelled' || reason === 'shutdown' || reason === 'resource_deleted' ? 'cancelled' : 'exited';
        this.#finishRun(run, { state, exitCode: code, signal });
      })();
    });
  }

  #stopRun(run: LiveRun, reason: EndReason, actor: EventActor | null, signal: NodeJS.Signals, graceMs: number): Promise<void> {
    if (run.endReason === null) {
      run.endReason = reason;
      run.endActor = actor;
    }
    const pid = run.record.pid;
    if (pid !== null) this.#track(killSession(pid, { signal, graceMs }));
    return run.ended;
  }

  #finishRun(run: LiveRun, outcome: { state: RunState; exitCode: number | null; signal: string | null }): void {
    const record = run.record;
    if (!run.live) return;
    for (const timer of run.timers) clearTimeout(timer);
    record.state = outcome.state;
    record.exitCode = outcome.exitCode;
    record.signal = outcome.signal;
    if (run.endReason === 'shutdown') record.error = 'max-local stopped during this run.';
    else if (run.endReason === 'resource_deleted') record.error = `${record.app === null ? 'Network' : 'App'} was deleted during this run.`;
    record.finishedAt = this.#deps.clock.now();
    record.outputBytes = run.stream.buffer.end;
    run.stream.end();
    const reason = run.endReason ?? (outcome.state === 'failed' ? 'exited' : 'exited');
    this.#persist(() => {
      this.records.endRun(record);
      this.#deps.events.append(this.#runEndedEvent(record, reason, run.endActor ?? record.actor));
    });
    run.resolveEnded();
    this.#evictLater(() => {
      if (this.#runs.get(record.id) === run) this.#runs.delete(record.id);
    });
  }

  #runEndedEvent(record: RunRecord, reason: EndReason, actor: EventActor) {
    return {
      userId: record.userId,
      action: 'run.ended',
      actor,
      target: this.#target('run', record),
      details: {
        reason,
        command: record.command,
        state: record.state,
        exit_code: record.exitCode,
        signal: record.signal,
        error: record.error,
        pid: record.pid,
        output_bytes: record.outputBytes,
        duration_ms: (record.finishedAt ?? record.createdAt) - (record.startedAt ?? record.createdAt),
      },
    };
  }

  // ---- lifecycle ----

  /** Ends every live session and run (SIGHUP / SIGTERM, then SIGKILL) and waits for their records and events. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#unsubscribe?.();
    for (const timer of this.#evictions) clearTimeout(timer);
    const endings: Promise<void>[] = [];
    const grace = Math.min(this.#settings.hangupGraceMs, 5000);
    for (const shell of this.#shells.values()) {
      clearTimeout(shell.detachTimer);
      if (shell.live) endings.push(this.#hangUp(shell, 'shutdown', null));
    }
    for (const run of this.#runs.values()) {
      if (run.live) endings.push(this.#stopRun(run, 'shutdown', null, 'SIGTERM', grace));
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(endings), new Promise<void>((resolve) => (timer = setTimeout(resolve, grace + 5000)))]);
    clearTimeout(timer);
    await Promise.allSettled([...this.#pending]);
  }

  /** Live sessions and runs of a deleted app or network end with it. */
  #onEvent(event: EventRecord): void {
    const id = event.target.id;
    if (!id || (event.action !== 'app.deleted' && event.action !== 'network.deleted')) return;
    const matches = (r: { appId: string | null; networkId: string }): boolean =>
      event.action === 'app.deleted' ? r.appId === id : r.networkId === id;
    for (const shell of this.#shells.values()) if (shell.live && matches(shell.record)) void this.#hangUp(shell, 'resource_deleted', event.actor);
    for (const run of this.#runs.values()) {
      if (run.live && matches(run.record)) void this.#stopRun(run, 'resource_deleted', event.actor, 'SIGTERM', this.#settings.cancelGraceMs);
    }
  }

  #checkLimit(userId: string, kind: 'shell' | 'run'): void {
    const limit = kind === 'shell' ? this.#settings.maxShellsPerUser : this.#settings.maxRunsPerUser;
    const all: Iterable<LiveShell | LiveRun> = kind === 'shell' ? this.#shells.values() : this.#runs.values();
    let live = 0;
    for (const item of all) if (item.live && item.record.userId === userId) live += 1;
    if (live >= limit) {
      const noun = kind === 'shell' ? 'shell sessions' : 'command runs';
      throw new ApiError(
        429,
        'session_limit',
        `You already have ${live} live ${noun}, the most max-local allows per user (${limit}). End one (${
          kind === 'shell' ? 'rig shell kill <id>' : 'rig command cancel <id>'
        }) or wait for one to finish.`,
        { details: { kind, limit, live } },
      );
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw conflict('max-local is shutting down.', 'invalid_state');
  }

  #target(type: 'shell' | 'run', record: { id: string; network: string; app: string | null }) {
    return { type, network: record.network, ...(record.app === null ? {} : { app: record.app }), id: record.id };
  }

  /** Writes an end record; after close() the database may be gone, and a lost write must not crash the process. */
  #persist(write: () => void): void {
    try {
      this.#deps.db.transaction(write);
    } catch {
      // The database was closed under us (only possible after close() gave up waiting); recover() fixes the row.
    }
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.#pending.delete(tracked));
    this.#pending.add(tracked);
  }

  #evictLater(evict: () => void): void {
    if (this.#closed) return;
    const timer = setTimeout(() => {
      this.#evictions.delete(timer);
      evict();
    }, this.#settings.endedRetentionMs);
    timer.unref();
    this.#evictions.add(timer);
  }
}

/** LANG/LC_* of max-local itself, so a terminal shows UTF-8 the way the user's own does. */
function passThroughLocale(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && (key === 'LANG' || key.startsWith('LC_'))) out[key] = value;
  }
  return out;
}

export type { ProcessIdentity };
