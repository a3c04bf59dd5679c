import type { Database } from '../db/database.js';
import type { DeploymentFailure } from '../deploy/deploy-errors.js';
import type { ManifestEntry } from '../deploy/manifest.js';
import { validationFailed } from '../http/api-error.js';
import type { EventActor } from '../services/event-log.js';
import { decodeCursor, encodeCursor } from '../services/pagination.js';

export type DeploymentState = 'uploading' | 'queued' | 'building' | 'releasing' | 'running' | 'failed' | 'rolled_back' | 'cancelled';
export const FINAL_STATES: ReadonlySet<DeploymentState> = new Set(['running', 'failed', 'rolled_back', 'cancelled']);
/** States in which a deployment's pipeline may be running in this process. */
export const ACTIVE_STATES: ReadonlySet<DeploymentState> = new Set(['queued', 'building', 'releasing']);

export type ReleaseState = 'pending' | 'active' | 'superseded' | 'failed';
export type ReleaseReason = 'deploy' | 'config' | 'rollback';

export interface DeploymentRecord {
  id: string;
  appId: string;
  userId: string;
  network: string;
  app: string;
  state: DeploymentState;
  message: string | null;
  fileCount: number;
  totalSize: number;
  missingBlobs: string[];
  release: number | null;
  failure: DeploymentFailure | null;
  startCommand: string | null;
  healthPath: string | null;
  healthTimeoutMs: number | null;
  /** Switch back to the previous release when the new one crashes in its stabilization window. */
  rollback: boolean;
  /** The stabilization window asked for at create; null = the platform's default. */
  stabilizationMs: number | null;
  createdBy: EventActor;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface ReleaseRecord {
  appId: string;
  network: string;
  app: string;
  version: number;
  state: ReleaseState;
  reason: ReleaseReason;
  deploymentId: string;
  rollbackOf: number | null;
  config: string;
  configDigest: string;
  description: string;
  createdBy: EventActor;
  createdAt: number;
}

interface DeploymentRow {
  id: string;
  app_id: string;
  user_id: string;
  network: string;
  app: string;
  state: DeploymentState;
  message: string | null;
  file_count: number;
  total_size: number;
  missing_blobs: string;
  release: number | null;
  failure: string | null;
  start_command: string | null;
  health_path: string | null;
  health_timeout_ms: number | null;
  rollback: number;
  stabilization_ms: number | null;
  actor_type: EventActor['type'];
  actor_id: string;
  actor_email: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

interface ReleaseRow {
  app_id: string;
  network: string;
  app: string;
  version: number;
  state: ReleaseState;
  reason: ReleaseReason;
  deployment_id: string;
  rollback_of: number | null;
  config: string;
  config_digest: string;
  description: string;
  actor_type: EventActor['type'];
  actor_id: string;
  actor_email: string | null;
  created_at: number;
}

const DEPLOYMENT_SELECT = `SELECT d.id, d.app_id, d.user_id, n.name AS network, a.name AS app, d.state, d.message, d.file_count,
  d.total_size, d.missing_blobs, d.release, d.failure, d.start_command, d.health_path, d.health_timeout_ms, d.rollback, d.stabilization_ms, d.actor_type,
  d.actor_id, d.actor_email, d.created_at, d.updated_at, d.finished_at
  FROM deployments d JOIN apps a ON a.id = d.app_id JOIN networks n ON n.id = a.network_id`;

const RELEASE_SELECT = `SELECT r.*, n.name AS network, a.name AS app
  FROM releases r JOIN apps a ON a.id = r.app_id JOIN networks n ON n.id = a.network_id`;

const toDeployment = (row: DeploymentRow): DeploymentRecord => ({
  id: row.id,
  appId: row.app_id,
  userId: row.user_id,
  network: row.network,
  app: row.app,
  state: row.state,
  message: row.message,
  fileCount: row.file_count,
  totalSize: row.total_size,
  missingBlobs: JSON.parse(row.missing_blobs) as string[],
  release: row.release,
  failure: row.failure === null ? null : (JSON.parse(row.failure) as DeploymentFailure),
  startCommand: row.start_command,
  healthPath: row.health_path,
  healthTimeoutMs: row.health_timeout_ms,
  rollback: row.rollback !== 0,
  stabilizationMs: row.stabilization_ms,
  createdBy: { type: row.actor_type, id: row.actor_id, email: row.actor_email },
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  finishedAt: row.finished_at,
});

const toRelease = (row: ReleaseRow): ReleaseRecord => ({
  appId: row.app_id,
  network: row.network,
  app: row.app,
  version: row.version,
  state: row.state,
  reason: row.reason,
  deploymentId: row.deployment_id,
  rollbackOf: row.rollback_of,
  config: row.config,
  configDigest: row.config_digest,
  description: row.description,
  createdBy: { type: row.actor_type, id: row.actor_id, email: row.actor_email },
  createdAt: row.created_at,
});

export interface DeploymentPatch {
  state?: DeploymentState;
  missingBlobs?: string[];
  release?: number | null;
  failure?: DeploymentFailure | null;
  startCommand?: string;
  healthPath?: string | null;
  healthTimeoutMs?: number | null;
}

/** SQL for deployments and releases. Callers check ownership (they pass the owner's user id or an app id they resolved). */
export class DeploymentRecords {
  readonly #db: Database;

  constructor(db: Database) {
    this.#db = db;
  }

  insertDeployment(input: {
    id: string;
    appId: string;
    userId: string;
    state: DeploymentState;
    message: string | null;
    manifest: readonly ManifestEntry[];
    fileCount: number;
    totalSize: number;
    missingBlobs: string[];
    rollback?: boolean;
    stabilizationMs?: number | null;
    actor: EventActor;
    now: number;
  }): void {
    this.#db.run(
      `INSERT INTO deployments (id, app_id, user_id, state, message, manifest, file_count, total_size, missing_blobs,
         rollback, stabilization_ms, actor_type, actor_id, actor_email, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        input.id,
        input.appId,
        input.userId,
        input.state,
        input.message,
        JSON.stringify(input.manifest),
        input.fileCount,
        input.totalSize,
        JSON.stringify(input.missingBlobs),
        input.rollback === false ? 0 : 1,
        input.stabilizationMs ?? null,
        input.actor.type,
        input.actor.id,
        input.actor.email,
        input.now,
        input.now,
      ],
    );
  }

  /** A deployment of `userId` (another user's is as absent as a missing one). */
  deployment(userId: string, id: string): DeploymentRecord | undefined {
    const row = this.#db.get<DeploymentRow>(`${DEPLOYMENT_SELECT} WHERE d.id = ? AND d.user_id = ?`, [id, userId]);
    return row ? toDeployment(row) : undefined;
  }

  deploymentById(id: string): DeploymentRecord | undefined {
    const row = this.#db.get<DeploymentRow>(`${DEPLOYMENT_SELECT} WHERE d.id = ?`, [id]);
    return row ? toDeployment(row) : undefined;
  }

  manifest(id: string): ManifestEntry[] {
    const row = this.#db.get<{ manifest: string }>('SELECT manifest FROM deployments WHERE id = ?', [id]);
    return row ? (JSON.parse(row.manifest) as ManifestEntry[]) : [];
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  listDeployments(
    appId: string,
    query: { limit: number; cursor?: string | undefined; state?: DeploymentState | undefined },
  ): { items: DeploymentRecord[]; nextCursor: string | null } {
    const where = ['d.app_id = ?'];
    const params: (string | number)[] = [appId];
    if (query.state) {
      where.push('d.state = ?');
      params.push(query.state);
    }
    if (query.cursor) {
      const after = decodeCursor(query.cursor, '-created_at');
      where.push('(d.created_at < ? OR (d.created_at = ? AND d.id < ?))');
      params.push(after.v, after.v, after.id);
    }
    params.push(query.limit + 1);
    const rows = this.#db.all<DeploymentRow>(
      `${DEPLOYMENT_SELECT} WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT ?`,
      params,
    );
    const items = rows.slice(0, query.limit).map(toDeployment);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? encodeCursor('-created_at', last.createdAt, last.id) : null };
  }

  /** Deployments of apps of `userId` that are not finished (for the dashboard and for restarts). */
  unfinished(userId?: string): DeploymentRecord[] {
    const states = "('uploading', 'queued', 'building', 'releasing')";
    return (
      userId === undefined
        ? this.#db.all<DeploymentRow>(`${DEPLOYMENT_SELECT} WHERE d.state IN ${states}`)
        : this.#db.all<DeploymentRow>(`${DEPLOYMENT_SELECT} WHERE d.state IN ${states} AND d.user_id = ?`, [userId])
    ).map(toDeployment);
  }

  /** The newest deployment of every app of `userId`, by app id (one query). */
  latestByApp(userId: string): DeploymentRecord[] {
    return this.#db
      .all<DeploymentRow>(
        `${DEPLOYMENT_SELECT} WHERE d.user_id = ? AND d.id = (
           SELECT d2.id FROM deployments d2 WHERE d2.app_id = d.app_id ORDER BY d2.created_at DESC, d2.id DESC LIMIT 1)`,
        [userId],
      )
      .map(toDeployment);
  }

  countInProgress(userId: string): number {
    return (
      this.#db.get<{ n: number }>(
        "SELECT COUNT(*) AS n FROM deployments WHERE user_id = ? AND state IN ('uploading', 'queued', 'building', 'releasing')",
        [userId],
      )?.n ?? 0
    );
  }

  updateDeployment(id: string, patch: DeploymentPatch, now: number): void {
    const sets = ['updated_at = ?'];
    const params: (string | number | null)[] = [now];
    const add = (column: string, value: string | number | null): void => {
      sets.push(`${column} = ?`);
      params.push(value);
    };
    if (patch.state !== undefined) {
      add('state', patch.state);
      if (FINAL_STATES.has(patch.state)) add('finished_at', now);
    }
    if (patch.missingBlobs !== undefined) add('missing_blobs', JSON.stringify(patch.missingBlobs));
    if (patch.release !== undefined) add('release', patch.release);
    if (patch.failure !== undefined) add('failure', patch.failure === null ? null : JSON.stringify(patch.failure));
    if (patch.startCommand !== undefined) add('start_command', patch.startCommand);
    if (patch.healthPath !== undefined) add('health_path', patch.healthPath);
    if (patch.healthTimeoutMs !== undefined) add('health_timeout_ms', patch.healthTimeoutMs);
    params.push(id);
    this.#db.run(`UPDATE deployments SET ${sets.join(', ')} WHERE id = ?`, params);
  }

  deploymentIdsOfApps(appIds: readonly string[]): string[] {
    const ids: string[] = [];
    for (const appId of appIds) {
      ids.push(...this.#db.all<{ id: string }>('SELECT id FROM deployments WHERE app_id = ?', [appId]).map((r) => r.id));
    }
    return ids;
  }

  // ---- releases ----

  nextVersion(appId: string): number {
    return (this.#db.get<{ v: number | null }>('SELECT MAX(version) AS v FROM releases WHERE app_id = ?', [appId])?.v ?? 0) + 1;
  }

  insertRelease(input: {
    appId: string;
    version: number;
    reason: ReleaseReason;
    deploymentId: string;
    rollbackOf: number | null;
    config: string;
    configDigest: string;
    description: string;
    actor: EventActor;
    now: number;
  }): void {
    this.#db.run(
      `INSERT INTO releases (app_id, version, state, reason, deployment_id, rollback_of, config, config_digest, description,
         actor_type, actor_id, actor_email, created_at)
       VALUES (?, ?, 'pending', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        input.appId,
        input.version,
        input.reason,
        input.deploymentId,
        input.rollbackOf,
        input.config,
        input.configDigest,
        input.description,
        input.actor.type,
        input.actor.id,
        input.actor.email,
        input.now,
      ],
    );
  }

  release(appId: string, version: number): ReleaseRecord | undefined {
    const row = this.#db.get<ReleaseRow>(`${RELEASE_SELECT} WHERE r.app_id = ? AND r.version = ?`, [appId, version]);
    return row ? toRelease(row) : undefined;
  }

  activeRelease(appId: string): ReleaseRecord | undefined {
    const row = this.#db.get<ReleaseRow>(`${RELEASE_SELECT} WHERE r.app_id = ? AND r.state = 'active'`, [appId]);
    return row ? toRelease(row) : undefined;
  }

  /** Every app's active release (for bringing apps back after a restart). */
  allActiveReleases(): ReleaseRecord[] {
    return this.#db.all<ReleaseRow>(`${RELEASE_SELECT} WHERE r.state = 'active'`).map(toRelease);
  }

  /** Highest version first; the cursor is the last version seen. */
  listReleases(appId: string, query: { limit: number; cursor?: string | undefined }): { items: ReleaseRecord[]; nextCursor: string | null } {
    let before = Number.MAX_SAFE_INTEGER;
    if (query.cursor) {
      const decoded = Buffer.from(query.cursor, 'base64url').toString('utf8');
      const match = /^v:(\d+)$/.exec(decoded);
      if (!match) throw validationFailed([{ path: '/query/cursor', message: 'is not a cursor returned by this list' }]);
      before = Number(match[1]);
    }
    const rows = this.#db.all<ReleaseRow>(`${RELEASE_SELECT} WHERE r.app_id = ? AND r.version < ? ORDER BY r.version DESC LIMIT ?`, [
      appId,
      before,
      query.limit + 1,
    ]);
    const items = rows.slice(0, query.limit).map(toRelease);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > query.limit && last ? Buffer.from(`v:${last.version}`).toString('base64url') : null };
  }

  setReleaseState(appId: string, version: number, state: ReleaseState): void {
    this.#db.run('UPDATE releases SET state = ? WHERE app_id = ? AND version = ?', [state, appId, version]);
  }

  /** Makes `version` the active release: the previous active one becomes superseded. */
  activate(appId: string, version: number, now: number): void {
    this.#db.transaction(() => {
      this.#db.run("UPDATE releases SET state = 'superseded' WHERE app_id = ? AND state = 'active' AND version <> ?", [appId, version]);
      this.#db.run("UPDATE releases SET state = 'active' WHERE app_id = ? AND version = ?", [appId, version]);
      this.#db.run('UPDATE apps SET current_release = ?, updated_at = ? WHERE id = ?', [version, now, appId]);
    });
  }
}
