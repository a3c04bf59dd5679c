import { newId } from '../auth/secrets.js';
import { isUniqueViolation } from '../db/database.js';
import { conflict, notFound } from '../http/api-error.js';
import type { ServiceContext } from './context.js';
import type { EventActor } from './event-log.js';
import { assertDescription, assertName } from './names.js';
import { keyset, paginate, type PageRequest } from './pagination.js';

export interface Network {
  id: string;
  name: string;
  description: string | null;
  appCount: number;
  createdAt: number;
  updatedAt: number;
}

interface NetworkRow {
  id: string;
  user_id: string;
  name: string;
  description: string | null;
  app_count: number;
  created_at: number;
  updated_at: number;
}

const SELECT = `SELECT n.id, n.user_id, n.name, n.description, n.created_at, n.updated_at,
  (SELECT COUNT(*) FROM apps a WHERE a.network_id = n.id) AS app_count FROM networks n`;

const toNetwork = (row: NetworkRow): Network => ({
  id: row.id,
  name: row.name,
  description: row.description,
  appCount: row.app_count,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * Networks. Names are unique across the platform (they are DNS labels), but a user only ever sees
 * their own: another user's network answers 404 everywhere except on create, where the name is taken.
 */
export class NetworkService {
  readonly #ctx: ServiceContext;

  constructor(ctx: ServiceContext) {
    this.#ctx = ctx;
  }

  create(userId: string, actor: EventActor, input: { name: string; description?: string | null | undefined }): Network {
    assertName(input.name, '/name');
    assertDescription(input.description);
    const { db, clock, events } = this.#ctx;
    const now = clock.now();
    const id = newId('net');
    try {
      db.transaction(() => {
        db.run('INSERT INTO networks (id, user_id, name, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
          id,
          userId,
          input.name,
          input.description ?? null,
          now,
          now,
        ]);
        events.append({
          userId,
          action: 'network.created',
          actor,
          target: { type: 'network', network: input.name, id },
          details: { description: input.description ?? null },
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict(`A network named "${input.name}" already exists.`);
      throw error;
    }
    return { id, name: input.name, description: input.description ?? null, appCount: 0, createdAt: now, updatedAt: now };
  }

  /** The caller's network row, or 404. Used by the app service to resolve the parent. */
  require(userId: string, name: string): Network {
    const row = this.#ctx.db.get<NetworkRow>(`${SELECT} WHERE n.name = ? AND n.user_id = ?`, [name, userId]);
    if (!row) throw notFound(`Network "${name}" not found.`);
    return toNetwork(row);
  }

  list(userId: string, query: { q?: string | undefined } & PageRequest): { items: Network[]; nextCursor: string | null } {
    const ks = keyset(query, 'n');
    const where = ['n.user_id = ?', ks.where];
    const params: (string | number)[] = [userId, ...ks.params];
    if (query.q) {
      where.push('instr(n.name, ?) > 0');
      params.push(query.q.toLowerCase());
    }
    params.push(query.limit + 1);
    const rows = this.#ctx.db.all<NetworkRow>(
      `${SELECT} WHERE ${where.join(' AND ')} ORDER BY ${ks.orderBy} LIMIT ?`,
      params,
    );
    const page = paginate(rows, query);
    return { items: page.rows.map(toNetwork), nextCursor: page.nextCursor };
  }

  update(userId: string, actor: EventActor, name: string, patch: { description?: string | null | undefined }): Network {
    assertDescription(patch.description);
    const { db, clock, events } = this.#ctx;
    return db.transaction(() => {
      const current = this.require(userId, name);
      if (patch.description === undefined || patch.description === current.description) return current;
      const now = clock.now();
      db.run('UPDATE networks SET description = ?, updated_at = ? WHERE id = ?', [patch.description, now, current.id]);
      events.append({
        userId,
        action: 'network.updated',
        actor,
        target: { type: 'network', network: name, id: current.id },
        details: { changes: { description: { from: current.description, to: patch.description } } },
      });
      return { ...current, description: patch.description, updatedAt: now };
    });
  }

  /** Deletes a network; with apps inside it only when `force`, and then the apps too, atomically. */
  delete(userId: string, actor: EventActor, name: string, force: boolean): void {
    const { db, events } = this.#ctx;
    db.transaction(() => {
      const network = this.require(userId, name);
      const apps = db.all<{ id: string; name: string }>('SELECT id, name FROM apps WHERE network_id = ? ORDER BY name', [
        network.id,
      ]);
      if (apps.length > 0 && !force) {
        throw conflict(
          `Network "${name}" still has ${apps.length} app(s); delete them first or pass force=true.`,
          'network_not_empty',
        );
      }
      for (const app of apps) {
        db.run('DELETE FROM apps WHERE id = ?', [app.id]);
        events.append({
          userId,
          action: 'app.deleted',
          actor,
          target: { type: 'app', network: name, app: app.name, id: app.id },
          details: { reason: 'network deleted with force' },
        });
      }
      db.run('DELETE FROM networks WHERE id = ?', [network.id]);
      events.append({
        userId,
        action: 'network.deleted',
        actor,
        target: { type: 'network', network: name, id: network.id },
        details: { force, apps_deleted: apps.map((app) => app.name) },
      });
    });
  }
}
