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
}

/**
 * The releases of one app: which one is serving, and how to replace it without downtime.
 *
 * `deploy(spec)`: start the new process → wait until healthy → switch the route (one assignment, so a request is
 * routed either wholly to the old or wholly to the new release) → let in-flight requests to the old one finish →
 * stop the old one. A release that does not become healthy is stopped and the old one keeps serving untouched.
 * Deploys of one app are serialised. `rollback(spec)` is the same path with an older release's dir and env.
 */
export class ReleaseManager {
  private readonly options: ReleaseManagerOptions;
  private active: { version: number; supervisor: ProcessSupervisor } | null = null;
  private queue: Promise<unknown> = Promise.resolve();

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

  /** Starts `spec`, switches to it once healthy, stops the previous release. Throws `ReleaseFailedError`. */
  deploy(spec: ReleaseSpec): Promise<LiveRelease> {
    return this.serialise(() => this.switchTo(spec));
  }

  /** Restores an earlier release's code and config (as a new version number chosen by the caller). */
  rollback(spec: ReleaseSpec): Promise<LiveRelease> {
    return this.deploy(spec);
  }

  /** Stops the serving release (the app answers 502 "not running" afterwards). */
  stop(): Promise<void> {
    return this.serialise(async () => {
      const old = this.active;
      if (!old) return;
      this.active = null;
      this.options.onRouteChange?.(null);
      this.options.onAppStatus?.('stopped', old.version);
      await this.retire(old.supervisor);
    });
  }

  private async switchTo(spec: ReleaseSpec): Promise<LiveRelease> {
    const { options } = this;
    let supervisor: ProcessSupervisor | null = null;
    const isActive = (): boolean => this.active?.supervisor === supervisor;
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
      onLogLine: (line) => options.onLogLine?.(spec.version, line),
      onStateChange: (state, info) => {
        const active = isActive();
        options.onStateChange?.(spec.version, state, { ...info, active });
        if (!active) return;
        if (state === 'running') options.onAppStatus?.('running', spec.version);
        else if (state === 'crashed') options.onAppStatus?.('crashed', spec.version);
      },
    });
    await supervisor.start(); // throws ReleaseFailedError after stopping the new process; the old one is untouched

    const old = this.active;
    this.active = { version: spec.version, supervisor };
    options.onRouteChange?.({ version: spec.version, port: supervisor.port });
    options.onAppStatus?.('running', spec.version);
    if (old) await this.retire(old.supervisor);
    return { version: spec.version, port: supervisor.port, state: supervisor.state };
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
