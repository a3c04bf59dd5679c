import type { Database } from '../db/database.js';
import { ReleaseManager, type LiveRelease, type ReleaseSpec } from '../deploy/release-manager.js';
import type { ProcessGroupTracker } from '../deploy/process-records.js';
import { createRouter, type Router } from '../deploy/router.js';
import type { AppStatus } from '../services/apps.js';
import type { LogStore } from './log-store.js';

/** The app facts the runtime needs, looked up by id (names for hostnames and log lines, ids for streams). */
export interface AppInfo {
  id: string;
  name: string;
  network: string;
  networkId: string;
  userId: string;
  healthCheckPath: string;
  currentRelease: number | null;
  status: AppStatus;
}

interface AppInfoRow {
  id: string;
  name: string;
  network: string;
  network_id: string;
  user_id: string;
  health_check_path: string;
  current_release: number | null;
  status: AppStatus;
}

const APP_INFO_SELECT = `SELECT a.id, a.name, n.name AS network, n.id AS network_id, n.user_id, a.health_check_path,
  a.current_release, a.status FROM apps a JOIN networks n ON n.id = a.network_id`;

const toInfo = (row: AppInfoRow): AppInfo => ({
  id: row.id,
  name: row.name,
  network: row.network,
  networkId: row.network_id,
  userId: row.user_id,
  healthCheckPath: row.health_check_path,
  currentRelease: row.current_release,
  status: row.status,
});

export interface AppRuntimeOptions {
  db: Database;
  logs: LogStore;
  domain: string;
  /** Grace for in-flight requests to an old release before it is stopped. */
  drainMs?: number;
  /** SIGTERM → SIGKILL grace when stopping a release. */
  stopGraceMs?: number;
  /** Records the releases' process groups (so a max-local killed meanwhile can stop them at its next start). */
  processGroups?: ProcessGroupTracker;
}

/**
 * The running side of apps: the router on `*.<domain>` and one `ReleaseManager` per app (created on first use).
 * Runtime output of every release goes to the app's log stream and to its network's merged stream; the app's
 * `status` column follows the serving release.
 */
export class AppRuntime {
  readonly #options: AppRuntimeOptions;
  readonly #managers = new Map<string, ReleaseManager>();
  #router: Router | null = null;

  constructor(options: AppRuntimeOptions) {
    this.#options = options;
  }

  /** Starts the router on `port` (0: a free one). */
  async listen(port: number, host: string): Promise<Router> {
    this.#router = await createRouter({
      port,
      host,
      domain: this.#options.domain,
      resolve: ({ network, app }) => {
        const row = this.#options.db.get<{ id: string }>(
          'SELECT a.id FROM apps a JOIN networks n ON n.id = a.network_id WHERE n.name = ? AND a.name = ?',
          [network, app],
        );
        if (!row) return null;
        return this.#managers.get(row.id)?.route() ?? { port: null };
      },
    });
    return this.#router;
  }

  get router(): Router | null {
    return this.#router;
  }

  app(appId: string): AppInfo | undefined {
    const row = this.#options.db.get<AppInfoRow>(`${APP_INFO_SELECT} WHERE a.id = ?`, [appId]);
    return row ? toInfo(row) : undefined;
  }

  hostname(app: Pick<AppInfo, 'name' | 'network'>): string {
    return `${app.name}.${app.network}.${this.#options.domain}`;
  }

  /** The serving release of an app in this process, if any. */
  current(appId: string): LiveRelease | null {
    return this.#managers.get(appId)?.current ?? null;
  }

  /** The app's release manager, created on first use. */
  manager(app: AppInfo): ReleaseManager {
    let manager = this.#managers.get(app.id);
    if (manager) return manager;
    const { logs } = this.#options;
    manager = new ReleaseManager({
      drain: (port) => this.#router?.waitForIdle(port, this.#options.drainMs ?? 10_000) ?? Promise.resolve(),
      stopGraceMs: this.#options.stopGraceMs ?? 5000,
      processGroups: this.#options.processGroups && { tracker: this.#options.processGroups, label: `app ${app.network}/${app.name}` },
      onLogLine: (_version, line) => {
        logs.append('app', app.id, { stream: line.stream, source: line.source, line: line.line });
        logs.append('network', app.networkId, { stream: line.stream, source: line.source, line: line.line, app: app.name });
      },
      onAppStatus: (status) => this.setStatus(app.id, status),
    });
    this.#managers.set(app.id, manager);
    return manager;
  }

  /** Starts `spec` as the app's new release (zero-downtime switch); throws `ReleaseFailedError`. */
  deploy(app: AppInfo, spec: ReleaseSpec): Promise<LiveRelease> {
    return this.manager(app).deploy(spec);
  }

  setStatus(appId: string, status: AppStatus): void {
    this.#options.db.run('UPDATE apps SET status = ? WHERE id = ?', [status, appId]);
  }

  /**
   * After a deployment ended without a new live release: the app is `running`/`crashed` if a release serves,
   * else `created` (never deployed) or `stopped`.
   */
  settleStatus(appId: string): void {
    const app = this.app(appId);
    if (!app) return;
    const live = this.current(appId);
    if (live) this.setStatus(appId, live.state === 'running' ? 'running' : 'crashed');
    else this.setStatus(appId, app.currentRelease === null ? 'created' : 'stopped');
  }

  /** Stops an app's processes and forgets it (the app was deleted). */
  async remove(appId: string): Promise<void> {
    const manager = this.#managers.get(appId);
    this.#managers.delete(appId);
    await manager?.stop();
  }

  /** Stops every release and the router. */
  async close(): Promise<void> {
    const managers = [...this.#managers.values()];
    this.#managers.clear();
    await Promise.allSettled(managers.map((m) => m.stop()));
    await this.#router?.close();
  }
}
