import { newId } from '../auth/secrets.js';
import { isUniqueViolation } from '../db/database.js';
import { conflict, notFound } from '../http/api-error.js';
import type { ServiceContext } from './context.js';
import type { EventActor } from './event-log.js';
import { assertDescription, assertHealthCheckPath, assertName } from './names.js';
import type { NetworkService } from './networks.js';
import { keyset, keysetInGroups, paginate, type PageRequest } from './pagination.js';

export type AppStatus = 'created' | 'deploying' | 'running' | 'crashed' | 'stopped';

export interface App {
  id: string;
  name: string;
  network: string;
  description: string | null;
  healthCheckPath: string;
  status: AppStatus;
  currentRelease: number | null;
  createdAt: number;
  updatedAt: number;
}

interface AppRow {
  id: string;
  name: string;
  description: string | null;
  health_check_path: string;
  status: AppStatus;
  current_release: number | null;
  created_at: number;
  updated_at: number;
}

export const DEFAULT_HEALTH_CHECK_PATH = '/';

const toApp = (row: AppRow, network: string): App => ({
  id: row.id,
  name: row.name,
  network,
  description: row.description,
  healthCheckPath: row.health_check_path,
  status: row.status,
  currentRelease: row.current_release,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export interface AppPatch {
  description?: string | null | undefined;
  health_check_path?: string | undefined;
}

/** Apps, unique by name within their network; reached only through a network the caller owns. */
export class AppService {
  readonly #ctx: ServiceContext;
  readonly #networks: NetworkService;

  constructor(ctx: ServiceContext, networks: NetworkService) {
    this.#ctx = ctx;
    this.#networks = networks;
  }

  create(
    userId: string,
    actor: EventActor,
    networkName: string,
    input: { name: string; description?: string | null | undefined; health_check_path?: string | undefined },
  ): App {
    assertName(input.name, '/name');
    assertDescription(input.description);
    assertHealthCheckPath(input.health_check_path);
    const { db, clock, events } = this.#ctx;
    const now = clock.now();
    const row: AppRow = {
      id: newId('app'),
      name: input.name,
      description: input.description ?? null,
      health_check_path: input.health_check_path ?? DEFAULT_HEALTH_CHECK_PATH,
      status: 'created',
      current_release: null,
      created_at: now,
      updated_at: now,
    };
    try {
      db.transaction(() => {
        const network = this.#networks.require(userId, networkName);
        db.run(
          `INSERT INTO apps (id, network_id, name, description, health_check_path, status, current_release, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [row.id, network.id, row.name, row.description, row.health_check_path, row.status, null, now, now],
        );
        events.append({
          userId,
          action: 'app.created',
          actor,
          target: { type: 'app', network: networkName, app: row.name, id: row.id },
          details: { description: row.description, health_check_path: row.health_check_path },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`An app named "${input.name}" already exists in network "${networkName}".`);
      throw error;
    }
    return toApp(row, networkName);
  }

  get(userId: string, networkName: string, appName: string): App {
    const network = this.#networks.require(userId, networkName);
    const row = this.#ctx.db.get<AppRow>('SELECT * FROM apps WHERE network_id = ? AND name = ?', [network.id, appName]);
    if (!row) throw notFound(`App "${appName}" not found in network "${networkName}".`);
    return toApp(row, networkName);
  }

  list(
    userId: string,
    networkName: string,
    query: { q?: string | undefined } & PageRequest,
  ): { items: App[]; nextCursor: string | null } {
    const network = this.#networks.require(userId, networkName);
    const ks = keyset(query, 'a');
    const where = ['a.network_id = ?', ks.where];
    const params: (string | number)[] = [network.id, ...ks.params];
    if (query.q) {
      where.push('instr(a.name, ?) > 0');
      params.push(query.q.toLowerCase());
    }
    params.push(query.limit + 1);
    const rows = this.#ctx.db.all<AppRow>(
      `SELECT a.* FROM apps a WHERE ${where.join(' AND ')} ORDER BY ${ks.orderBy} LIMIT ?`,
      params,
    );
    const page = paginate(rows, query);
    return { items: page.rows.map((row) => toApp(row, networkName)), nextCursor: page.nextCursor };
  }

  /**
   * The apps of every network of the user (or of `network` only) in one list: by network name, then in the
   * requested order within each network. One query, whatever the number of networks.
   */
  listAll(
    userId: string,
    query: { q?: string | undefined; network?: string | undefined } & PageRequest,
  ): { items: App[]; nextCursor: string | null } {
    const ks = keysetInGroups(query, 'a', 'n.name');
    const where = ['n.user_id = ?', ks.where];
    const params: (string | number)[] = [userId, ...ks.params];
    if (query.network !== undefined) {
      // A network that is not there (or not the caller's) is a 404, as its own list answers.
      where.push('n.id = ?');
      params.push(this.#networks.require(userId, query.network).id);
    }
    if (query.q) {
      where.push('instr(a.name, ?) > 0');
      params.push(query.q.toLowerCase());
    }
    params.push(query.limit + 1);
    // Up to 5,000 rows a page: fetched as one JSON array (Database.allAsJson), not row by row.
    const rows = this.#ctx.db.allAsJson<AppRow & { network_name: string }>(
      `SELECT a.*, n.name AS network_name FROM apps a JOIN networks n ON n.id = a.network_id
       WHERE ${where.join(' AND ')} ORDER BY ${ks.orderBy} LIMIT ?`,
      params,
    );
    const page = paginate(rows, query, (row) => row.network_name);
    return { items: page.rows.map((row) => toApp(row, row.network_name)), nextCursor: page.nextCursor };
  }

  update(userId: string, actor: EventActor, networkName: string, appName: string, patch: AppPatch): App {
    assertDescription(patch.description);
    assertHealthCheckPath(patch.health_check_path);
    const { db, clock, events } = this.#ctx;
    return db.transaction(() => {
      const current = this.get(userId, networkName, appName);
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      if (patch.description !== undefined && patch.description !== current.description) {
        changes['description'] = { from: current.description, to: patch.description };
      }
      if (patch.health_check_path !== undefined && patch.health_check_path !== current.healthCheckPath) {
        changes['health_check_path'] = { from: current.healthCheckPath, to: patch.health_check_path };
      }
      if (Object.keys(changes).length === 0) return current;
      const next: App = {
        ...current,
        description: patch.description === undefined ? current.description : patch.description,
        healthCheckPath: patch.health_check_path ?? current.healthCheckPath,
        updatedAt: clock.now(),
      };
      db.run('UPDATE apps SET description = ?, health_check_path = ?, updated_at = ? WHERE id = ?', [
        next.description,
        next.healthCheckPath,
        next.updatedAt,
        current.id,
      ]);
      events.append({
        userId,
        action: 'app.updated',
        actor,
        target: { type: 'app', network: networkName, app: appName, id: current.id },
        details: { changes },
      });
      return next;
    });
  }

  delete(userId: string, actor: EventActor, networkName: string, appName: string): void {
    const { db, events } = this.#ctx;
    db.transaction(() => {
      const app = this.get(userId, networkName, appName);
      db.run('DELETE FROM apps WHERE id = ?', [app.id]);
      events.append({
        userId,
        action: 'app.deleted',
        actor,
        target: { type: 'app', network: networkName, app: appName, id: app.id },
        details: {},
      });
    });
  }
}
