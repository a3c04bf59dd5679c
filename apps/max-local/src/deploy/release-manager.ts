import { ReleaseCrashedError } from './deploy-errors.js';
import type { ProcessGroupTracker } from './process-records.js';
import {
  ProcessSupervisor,
  type BackoffPolicy,
  type ProcessState,
  type RuntimeLogLine,
  type StateChangeInfo,
} from './process-supervisor.js';

/** What a release runs: a built tree, its start command and its config snapshot. */
export interface ReleaseSpec {
  version: number;
  /** The deployment's build dir (several releases may share one: a config change reuses the code). */
  dir: string;
  start: string;
  /** Effective environment: network vars ⊕ app vars ⊕ secrets ⊕ MAX_* platform vars (PORT is added). */
  env: Record<string, string>;
  health: { path: string | null; timeoutMs: number; intervalMs?: number; hostHeader?: string };
}

export interface LiveRelease {
  version: number;
  port: number;
  state: ProcessState;
}

/** One tick of a stabilization window (about once a second). */
export interface StabilizationProgress {
  version: number;
  /** 1-based tick of the window; `ticks` in all. */
  tick: number;
  ticks: number;
  /** False when the process exited (the window ends at that tick). */
  ok: boolean;
  message: string;
}

/** How `deploy` treats the new release once traffic switched to it. */
export interface DeployReleaseOptions {
  /**
   * Watch the new release this long after the switch (default 0: done at the switch). The previous release keeps
   * running until the window ends, so switching back needs no start.
   */
  stabilizationMs?: number;
  /**
   * When the new release's process exits during the window: switch back to the previous release (default true)
   * or leave the new one in place for its supervisor to restart. Either way `deploy` throws `ReleaseCrashedError`.
   */
  rollback?: boolean;
  /** Called right after the route switched to the new release; `previous` is the release it replaced. */
  onSwitched?: (release: LiveRelease, previous: number | null) => void;
  onStabilizing?: (progress: StabilizationProgress) => void;
}

export interface ReleaseManagerOptions {
  /** Every runtime line of every release of this app (the caller assigns seqs per app log stream). */
  onLogLine?: (version: number, line: RuntimeLogLine) => void;
  /**
   * State changes of every release's process. `active` tells whether the release is (still) the one serving:
   * the app's status follows only the active release (an old release reaching `stopped` after a switch does not
   * mean the app stopped).
   */
  onStateChange?: (version: number, state: ProcessState, info: StateChangeInfo & { active: boolean }) => void;
  /**
   * The app's status as the API's `App.status` sees it, derived from the serving release: `running` after a switch
   * and after a successful restart, `crashed` while the serving process is down and being restarted, `stopped`
   * after `stop()`. (`created`/`deploying` belong to the deployment records, not to processes.)
   */
  onAppStatus?: (status: 'running' | 'crashed' | 'stopped', version: number | null) => void;
  /** Called right after the route switched (or was removed, `null`). */
  onRouteChange?: (route: { version: number; port: number } | null) => void;
  /**
   * Waits until no proxied request is in flight to `port` (e.g. `router.waitForIdle(port, 10_000)`), so stopping
   * the old release never cuts a request short. Without it, the old release is stopped at once.
   */
  drain?: (port: number) => Promise<void>;
  backoff?: Partial<BackoffPolicy>;
  stopGraceMs?: number;
  basePath?: string;
  home?: string;
  /** Records every release's process groups; `label` names the app (the version is added). */
  processGroups?: { tracker: ProcessGroupTracker; label: string };
}

/**
 * The releases of one app: which one is serving, and how to replace it without downtime.
 *
 * `deploy(spec)`: start the new process → wait until healthy → switch the route (one assignment, so a request is
 * routed either wholly to the old or wholly to the new release) → let in-flight requests to the old one finish →
 * stop the old one. A release that does not become healthy is stopped and the old one keeps serving untouched.
 * With a stabilization window the old one is stopped only when the window ends: a crash of the new release in the
 * window switches the route straight back to it (or, rollback disabled, leaves the new release to its supervisor).
 * Deploys of one app are serialised. `rollback(spec)` is the same path with an older release's dir and env.
 */
export class ReleaseManager {
  private readonly options: ReleaseManagerOptions;
  private active: { version: number; supervisor: ProcessSupervisor } | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Ends a running stabilization window early (on `stop()`: shutdown or app deletion must not wait for it). */
  private windowAbort: AbortController | null = null;
  /** A `stop()` is queued: a window that starts before it runs ends at once. */
  private stopPending = false;

  constructor(options: ReleaseManagerOptions = {}) {
    this.options = options;
  }

  /** The serving release, or null. */
  get current(): LiveRelease | null {
    const active = this.active;
    return active ? { version: active.version, port: active.supervisor.port, state: active.supervisor.state } : null;
  }

  /** What the router should send this app's requests to (read per request). */
  route(): { port: number } | null {
    return this.active ? { port: this.active.supervisor.port } : null;
  }

  /**
   * Starts `spec`, switches to it once healthy, watches it for `options.stabilizationMs`, stops the previous
   * release. Throws `ReleaseFailedError` (never took traffic) or `ReleaseCrashedError` (crashed in the window).
   */
  deploy(spec: ReleaseSpec, options: DeployReleaseOptions = {}): Promise<LiveRelease> {
    return this.serialise(() => this.switchTo(spec, options));
  }

  /** Restores an earlier release's code and config (as a new version number chosen by the caller). */
  rollback(spec: ReleaseSpec): Promise<LiveRelease> {
    return this.deploy(spec);
  }

  /** Stops the serving release (the app answers 502 "not running" afterwards). */
  stop(): Promise<void> {
    this.windowAbort?.abort();
    this.stopPending = true;
    return this.serialise(async () => {
      this.stopPending = false;
      const old = this.active;
      if (!old) return;
      this.active = null;
      this.options.onRouteChange?.(null);
      this.options.onAppStatus?.('stopped', old.version);
      await this.retire(old.supervisor);
    });
  }

  private async switchTo(spec: ReleaseSpec, deployOptions: DeployReleaseOptions): Promise<LiveRelease> {
    const { options } = this;
    let supervisor: ProcessSupervisor | null = null;
    const isActive = (): boolean => this.active?.supervisor === supervisor;
    let onCrash: ((info: StateChangeInfo) => void) | undefined;
    supervisor = new ProcessSupervisor({
      version: spec.version,
      command: spec.start,
      cwd: spec.dir,
      env: spec.env,
      health: spec.health,
      backoff: options.backoff,
      stopGraceMs: options.stopGraceMs,
      basePath: options.basePath,
      home: options.home,
      processGroups: options.processGroups && { tracker: options.processGroups.tracker, label: `${options.processGroups.label} v${spec.version}` },
      onLogLine: (line) => options.onLogLine?.(spec.version, line),
      onStateChange: (state, info) => {
        const active = isActive();
        options.onStateChange?.(spec.version, state, { ...info, active });
        if (state === 'crashed') onCrash?.(info);
        if (!active) return;
        if (state === 'running') options.onAppStatus?.('running', spec.version);
        else if (state === 'crashed') options.onAppStatus?.('crashed', spec.version);
      },
    });
    await supervisor.start(); // throws ReleaseFailedError after stopping the new process; the old one is untouched

    const old = this.active;
    const next = { version: spec.version, supervisor };
    this.active = next;
    options.onRouteChange?.({ version: spec.version, port: supervisor.port });
    options.onAppStatus?.('running', spec.version);
    deployOptions.onSwitched?.({ version: spec.version, port: supervisor.port, state: supervisor.state }, old?.version ?? null);

    const windowMs = deployOptions.stabilizationMs ?? 0;
    const rollback = deployOptions.rollback ?? true;
    if (windowMs <= 0) {
      if (old) await this.retire(old.supervisor);
      return { version: spec.version, port: supervisor.port, state: supervisor.state };
    }
    // Without rollback the old release has no further use: let it drain while the window runs.
    const retiring = old && !rollback ? this.retire(old.supervisor) : null;
    const crashed = new Promise<StateChangeInfo>((resolve) => (onCrash = resolve));
    const crash = await this.stabilize(spec.version, supervisor, windowMs, crashed, deployOptions.onStabilizing);
    onCrash = undefined;
    await retiring;
    if (!crash) {
      if (old && rollback) await this.retire(old.supervisor);
      return { version: spec.version, port: supervisor.port, state: supervisor.state };
    }
    const how = describeExit(crash);
    const after = `${(crash.afterMs / 1000).toFixed(1)} s after traffic switched to it`;
    if (rollback && old && this.active === next) {
      this.active = old;
      options.onRouteChange?.({ version: old.version, port: old.supervisor.port });
      options.onAppStatus?.(old.supervisor.state === 'running' ? 'running' : 'crashed', old.version);
      await this.retire(supervisor);
      throw new ReleaseCrashedError(spec.version, old.version, `Release v${spec.version}'s process ${how} ${after}; rolled back to v${old.version}.`);
    }
    const why = rollback ? 'there is no earlier release to roll back to' : 'rollback is disabled';
    throw new ReleaseCrashedError(
      spec.version,
      null,
      `Release v${spec.version}'s process ${how} ${after}; ${why}, so it stays in place and is restarted with backoff.`,
    );
  }

  /**
   * Waits out the window, ticking about once a second. Resolves with the crash (and when it came) if the process
   * exited first, else null — also when `stop()` ended the window early.
   */
  private async stabilize(
    version: number,
    supervisor: ProcessSupervisor,
    windowMs: number,
    crashed: Promise<StateChangeInfo>,
    onTick: DeployReleaseOptions['onStabilizing'],
  ): Promise<(StateChangeInfo & { afterMs: number }) | null> {
    const abort = new AbortController();
    this.windowAbort = abort;
    const started = Date.now();
    const ticks = Math.max(1, Math.ceil(windowMs / 1000));
    const aborted = new Promise<'aborted'>((resolve) => abort.signal.addEventListener('abort', () => resolve('aborted'), { once: true }));
    if (this.stopPending) abort.abort();
    try {
      for (let tick = 1; tick <= ticks; tick += 1) {
        const wait = Math.min(1000, windowMs - (tick - 1) * 1000);
        let timer: NodeJS.Timeout | undefined;
        const outcome = await Promise.race([
          crashed,
          aborted,
          new Promise<'tick'>((resolve) => (timer = setTimeout(() => resolve('tick'), wait))),
        ]);
        clearTimeout(timer);
        if (outcome === 'aborted') return null;
        if (outcome !== 'tick') {
          onTick?.({ version, tick, ticks, ok: false, message: `Process ${describeExit(outcome)}.` });
          return { ...outcome, afterMs: Date.now() - started };
        }
        const elapsed = Math.round((Date.now() - started) / 1000);
        onTick?.({ version, tick, ticks, ok: true, message: `Stable for ${elapsed} of ${Math.round(windowMs / 1000)} s (${supervisor.state}).` });
      }
      return null;
    } finally {
      if (this.windowAbort === abort) this.windowAbort = null;
    }
  }

  private async retire(supervisor: ProcessSupervisor): Promise<void> {
    try {
      await this.options.drain?.(supervisor.port);
    } finally {
      await supervisor.stop();
    }
  }

  private serialise<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function describeExit(info: StateChangeInfo): string {
  if (info.exitCode !== null && info.exitCode !== undefined) return `exited with code ${info.exitCode}`;
  return `was killed by ${info.exitSignal ?? 'a signal'}`;
}
