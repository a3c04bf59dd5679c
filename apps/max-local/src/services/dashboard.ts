import type { App, AppStatus } from './apps.js';
import type { ServiceContext } from './context.js';
import type { EventRecord } from './event-log.js';
import type { Network } from './networks.js';

/** The spec caps the dashboard's app list; `truncated` says when more exist. */
export const DASHBOARD_APP_LIMIT = 500;

export interface DeploymentSummary {
  id: string;
  state: string;
  createdAt: number;
  finishedAt: number | null;
}

/**
 * What the dashboard needs from deployments, answered in bulk (one query each, never per app).
 * The deploy subsystem registers it; without one no app has deployments.
 */
export interface DashboardDeployments {
  latestByApp(userId: string): Map<string, DeploymentSummary>;
  inProgressCount(userId: string): number;
}

export interface Dashboard {
  networks: Network[];
  apps: (App & { latestDeployment: DeploymentSummary | null })[];
  recentEvents: EventRecord[];
  counts: {
    networks: number;
    apps: number;
    appsByStatus: Record<AppStatus, number>;
    deploymentsInProgress: number;
  };
  truncated: boolean;
  generatedAt: number;
}

interface NetworkRow {
  id: string;
  name: string;
  description: string | null;
  app_count: number;
  created_at: number;
  updated_at: number;
}

interface AppRow {
  id: string;
  network: string;
  name: string;
  description: string | null;
  health_check_path: string;
  status: AppStatus;
  current_release: number | null;
  created_at: number;
  updated_at: number;
}

/**
 * One response for an overview screen, from a fixed number of queries whatever the number of
 * networks and apps: networks with app counts (one GROUP BY), the first apps (one JOIN), counts
 * by status (one GROUP BY over the `apps_network_status` index), recent events (one range scan),
 * plus the deployment provider's two bulk queries. No query runs per network or per app.
 */
export class DashboardService {
  readonly #ctx: ServiceContext;
  #deployments: DashboardDeployments | null = null;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  setDeployments(deployments: DashboardDeployments): void {
    this.#deployments = deployments;
  }

  get(userId: string, options: { events: number }): Dashboard {
    const { db, clock, events } = this.#ctx;
    // The queries run back to back in one synchronous call, so no write of this process can land
    // between them; a transaction would only add a write lock to a read.
    const networks = db
      .all<NetworkRow>(
        `SELECT n.id, n.name, n.description, n.created_at, n.updated_at, COUNT(a.id) AS app_count
         FROM networks n LEFT JOIN apps a ON a.network_id = n.id
         WHERE n.user_id = ? GROUP BY n.id ORDER BY n.name`,
        [userId],
      )
      .map(
        (row): Network => ({
          id: row.id,
          name: row.name,
          description: row.description,
          appCount: row.app_count,
          createdAt: row.created_at,
          updatedAt: row.updated_at,
        }),
      );
    const appRows = db.all<AppRow>(
      `SELECT a.id, n.name AS network, a.name, a.description, a.health_check_path, a.status, a.current_release,
              a.created_at, a.updated_at
       FROM apps a JOIN networks n ON n.id = a.network_id
       WHERE n.user_id = ? ORDER BY n.name, a.name LIMIT ?`,
      [userId, DASHBOARD_APP_LIMIT + 1],
    );
    const statusRows = db.all<{ status: AppStatus; n: number }>(
      `SELECT a.status, COUNT(*) AS n FROM apps a JOIN networks n ON n.id = a.network_id
       WHERE n.user_id = ? GROUP BY a.status`,
      [userId],
    );
    const appsByStatus: Record<AppStatus, number> = { created: 0, deploying: 0, running: 0, crashed: 0, stopped: 0 };
    for (const row of statusRows) appsByStatus[row.status] = row.n;
    const latest = this.#deployments?.latestByApp(userId) ?? new Map<string, DeploymentSummary>();
    return {
      networks,
      apps: appRows.slice(0, DASHBOARD_APP_LIMIT).map((row) => ({
        id: row.id,
        name: row.name,
        network: row.network,
        description: row.description,
        healthCheckPath: row.health_check_path,
        status: row.status,
        currentRelease: row.current_release,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
        latestDeployment: latest.get(row.id) ?? null,
      })),
      recentEvents: options.events === 0 ? [] : events.query(userId, {}, undefined, options.events),
      counts: {
        networks: networks.length,
        apps: statusRows.reduce((sum, row) => sum + row.n, 0),
        appsByStatus,
        deploymentsInProgress: this.#deployments?.inProgressCount(userId) ?? 0,
      },
      truncated: appRows.length > DASHBOARD_APP_LIMIT,
      generatedAt: clock.now(),
    };
  }
}
