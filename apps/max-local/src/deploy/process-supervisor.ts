import { createServer } from 'node:net';
import { cleanEnv } from './build-runner.js';
import { ReleaseFailedError } from './deploy-errors.js';
import { waitHealthy } from './health-check.js';
import { spawnShell, type OutputLine, type ShellProcess } from './process-group.js';
import type { ProcessGroupTracker } from './process-records.js';

/** `starting` → `running`; on an exit `crashed` → `backoff` → `starting` …; `stopped` after `stop()`. */
export type ProcessState = 'starting' | 'running' | 'crashed' | 'backoff' | 'stopped';

/** A runtime log line: the app's own output (`app`) or the platform's notes about it (`platform`). */
export interface RuntimeLogLine extends OutputLine {
  source: 'app' | 'platform';
}

export interface StateChangeInfo {
  /** Restarts after crashes so far. */
  restarts: number;
  /** For `crashed`: how the process ended. */
  exitCode?: number | null;
  exitSignal?: NodeJS.Signals | null;
  /** For `backoff`: how long until the next start. */
  delayMs?: number;
}

export interface BackoffPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** A process that stayed up this long is "stable": the next crash starts the backoff over. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialMs: 1000, maxMs: 30_000, factor: 2, resetAfterMs: 30_000 };

export interface SupervisorOptions {
  /** Release version, for messages and errors. */
  version: number;
  /** Started with `sh -c` in `cwd`, in its own process group. */
  command: string;
  cwd: string;
  /** The effective environment (vars, secrets, MAX_*); `PORT` is added. */
  env: Record<string, string>;
  /** The port to give the app; a free one is picked when omitted. Kept across restarts so the route stays valid. */
  port?: number;
  health: { path: string | null; timeoutMs: number; intervalMs?: number; hostHeader?: string };
  onLogLine?: (line: RuntimeLogLine) => void;
  onStateChange?: (state: ProcessState, info: StateChangeInfo) => void;
  backoff?: Partial<BackoffPolicy>;
  /** SIGTERM → SIGKILL grace on stop, ms. */
  stopGraceMs?: number;
  basePath?: string;
  home?: string;
  /** Records each start's process group while it runs (`label` names the release in the records). */
  processGroups?: { tracker: ProcessGroupTracker; label: string };
}

/**
 * Runs one release's process: starts it with `PORT`, waits until healthy, restarts it with capped exponential
 * backoff whenever it exits, and stops it (the whole process group: SIGTERM, then SIGKILL after a grace period).
 */
export class ProcessSupervisor {
  private readonly options: SupervisorOptions;
  private readonly backoff: BackoffPolicy;
  private proc: ShellProcess | null = null;
  private currentState: ProcessState = 'stopped';
  private stopping = false;
  private backoffTimer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private healthySince = 0;
  private restartCount = 0;
  private assignedPort: number | undefined;

  constructor(options: SupervisorOptions) {
    this.options = options;
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    this.assignedPort = options.port;
  }

  get state(): ProcessState {
    return this.currentState;
  }

  /** The app's port (known once `start()` was called). */
  get port(): number {
    if (this.assignedPort === undefined) throw new Error('The process has not been started.');
    return this.assignedPort;
  }

  get restarts(): number {
    return this.restartCount;
  }

  get pid(): number | undefined {
    return this.proc?.child.pid;
  }

  /**
   * First start: resolves once the process is healthy (state `running`). If it exits first or is not healthy in
   * time, it is stopped and `ReleaseFailedError` (`start_failed` / `health_check_failed`) is thrown — no restarts
   * for a release that never worked.
   */
  async start(): Promise<void> {
    if (this.proc || this.currentState !== 'stopped') throw new Error('The process is already started.');
    this.stopping = false;
    this.assignedPort ??= await freePort();
    const { outcome, proc } = await this.launch();
    if (outcome === 'healthy') {
      this.watch();
      return;
    }
    const { version } = this.options;
    const exit = outcome === 'exited' ? await proc.exited : undefined;
    await this.stop();
    if (outcome === 'exited') {
      const how = exit?.code !== null && exit?.code !== undefined ? `exited with code ${exit.code}` : `was killed by ${exit?.signal ?? 'a signal'}`;
      throw new ReleaseFailedError(version, 'start_failed', `Release v${version}'s process ${how} before it became healthy.`);
    }
    const what = this.options.health.path === null ? `did not open port ${this.port}` : `did not answer 2xx/3xx on ${this.options.health.path}`;
    throw new ReleaseFailedError(version, 'health_check_failed', `Release v${version} ${what} within ${Math.round(this.options.health.timeoutMs / 1000)} s.`);
  }

  /** Stops the process group (SIGTERM, then SIGKILL after the grace period) and cancels any pending restart. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.backoffTimer);
    const proc = this.proc;
    if (proc) {
      // SIGTERM to the group, then wait until every process holding the output pipes is gone (npm forwards the
      // signal to its child and waits for it), at most the grace period; SIGKILL whatever is left.
      proc.kill('SIGTERM');
      const grace = this.options.stopGraceMs ?? 5000;
      let timer: NodeJS.Timeout | undefined;
      const graceful = await Promise.race([
        proc.closed.then(() => true),
        new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), grace))),
      ]);
      clearTimeout(timer);
      if (!graceful) {
        this.platformLine('stderr', `Release v${this.options.version} did not stop within ${grace} ms of SIGTERM; killing it.`);
        proc.kill('SIGKILL');
      }
      await proc.exited;
      await proc.settle();
      this.proc = null;
    }
    if (this.currentState !== 'stopped') this.setState('stopped');
  }

  /** Spawns the process and waits for its health check. */
  private async launch(): Promise<{ outcome: 'healthy' | 'exited' | 'unhealthy'; proc: ShellProcess }> {
    const { options } = this;
    this.setState('starting');
    this.platformLine('stdout', `Starting release v${options.version}: ${options.command} (PORT=${this.port})`);
    const env = { ...cleanEnv(options.env, { path: options.basePath, home: options.home }), PORT: String(this.port) };
    const proc = spawnShell(options.command, {
      cwd: options.cwd,
      env,
      onLine: (line) => options.onLogLine?.({ ...line, source: 'app' }),
      group: options.processGroups?.tracker.prepare('release', options.processGroups.label),
    });
    this.proc = proc;
    let exited = false;
    void proc.exited.then(() => (exited = true));
    const healthy = await waitHealthy(
      { port: this.port, path: options.health.path, hostHeader: options.health.hostHeader },
      { timeoutMs: options.health.timeoutMs, intervalMs: options.health.intervalMs, gaveUp: () => exited || this.stopping },
    );
    if (healthy && !exited && !this.stopping) {
      this.healthySince = Date.now();
      this.setState('running');
      this.platformLine('stdout', `Release v${options.version} is healthy on port ${this.port}.`);
      return { outcome: 'healthy', proc };
    }
    return { outcome: exited ? 'exited' : 'unhealthy', proc };
  }

  /** After a healthy start: when the process exits (and nobody asked it to), schedule a restart. */
  private watch(): void {
    const proc = this.proc;
    if (!proc) return;
    void proc.exited.then(async ({ code, signal }) => {
      if (this.stopping || this.proc !== proc) return;
      await proc.settle(); // stragglers of the crashed process would keep its port
      if (this.stopping || this.proc !== proc) return;
      this.proc = null;
      this.platformLine('stderr', `Release v${this.options.version}'s process exited (${code !== null ? `code ${code}` : `signal ${signal ?? '?'}`}).`);
      this.setState('crashed', { exitCode: code, exitSignal: signal });
      this.scheduleRestart();
    });
  }

  private scheduleRestart(): void {
    if (this.healthySince > 0 && Date.now() - this.healthySince >= this.backoff.resetAfterMs) this.attempt = 0;
    this.healthySince = 0;
    const delayMs = Math.min(this.backoff.maxMs, this.backoff.initialMs * this.backoff.factor ** this.attempt);
    this.attempt += 1;
    this.setState('backoff', { delayMs });
    this.platformLine('stdout', `Restarting in ${delayMs} ms.`);
    this.backoffTimer = setTimeout(() => void this.restart(), delayMs);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    this.restartCount += 1;
    const { outcome, proc } = await this.launch();
    if (this.stopping) return;
    if (outcome === 'healthy') {
      this.watch();
      return;
    }
    if (outcome === 'unhealthy') {
      this.platformLine('stderr', `Release v${this.options.version} did not become healthy after a restart; stopping it.`);
      proc.kill('SIGKILL');
    }
    const exit = await proc.exited;
    await proc.settle();
    if (this.stopping) return;
    this.proc = null;
    this.setState('crashed', { exitCode: exit.code, exitSignal: exit.signal });
    this.scheduleRestart();
  }

  private setState(state: ProcessState, info: Omit<StateChangeInfo, 'restarts'> = {}): void {
    this.currentState = state;
    this.options.onStateChange?.(state, { restarts: this.restartCount, ...info });
  }

  private platformLine(stream: 'stdout' | 'stderr', line: string): void {
    this.options.onLogLine?.({ source: 'platform', stream, line });
  }
}

/** Asks the kernel for a free loopback port. Another process could take it before the app binds; rare, and the
 * health check then fails the release cleanly. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
