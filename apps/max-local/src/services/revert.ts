import { ApiError, conflict, notFound } from '../http/api-error.js';
import type { ReleaseRef } from './config-releases.js';
import type { ServiceContext } from './context.js';
import type { EnvScope } from './env-scope.js';
import type { EventActor, EventRecord } from './event-log.js';
import type { SecretService, SecretTargetValue } from './secrets.js';
import type { VarService } from './vars.js';

/** Events whose change can be undone. Reverts are themselves revertible (undo the undo). */
const VAR_ACTIONS = new Set(['var.set', 'var.unset', 'var.reverted']);
const SECRET_ACTIONS = new Set(['secret.set', 'secret.unset', 'secret.reverted']);
const SETTINGS_ACTIONS = new Set(['app.updated', 'network.updated']);

/** The settings a revert may restore, per target type, with their columns. */
const SETTINGS_COLUMNS: Record<'app' | 'network', Record<string, string>> = {
  app: { description: 'description', health_check_path: 'health_check_path' },
  network: { description: 'description' },
};

type FieldChanges = Record<string, { from: unknown; to: unknown }>;

function settingsChanges(event: EventRecord): FieldChanges | null {
  const changes = event.details['changes'];
  if (changes === null || typeof changes !== 'object' || Array.isArray(changes)) return null;
  return changes as FieldChanges;
}

/** Whether `POST /events/{id}/revert` can undo this event (the wire's `revertible`). */
export function isRevertible(event: Pick<EventRecord, 'action' | 'details'>): boolean {
  if (VAR_ACTIONS.has(event.action) || SECRET_ACTIONS.has(event.action)) return true;
  return SETTINGS_ACTIONS.has(event.action) && settingsChanges(event as EventRecord) !== null;
}

interface ChangeRow {
  kind: 'var' | 'secret';
  network_id: string;
  app_id: string | null;
  key: string;
  before_json: string | null;
  after_json: string | null;
  before_version: string | null;
  after_version: string | null;
}

const parseValue = (json: string | null): string | null => (json === null ? null : (JSON.parse(json) as string));

/**
 * Undoes a config change by applying its inverse as a NEW change (with its own event whose
 * `details.reverts` names the reverted event). Refuses with 409 `conflict` when any key or field
 * changed again since — undoing then would silently discard the later change.
 */
export class RevertService {
  readonly #ctx: ServiceContext;
  readonly #vars: VarService;
  readonly #secrets: SecretService;

  constructor(ctx: ServiceContext, deps: { vars: VarService; secrets: SecretService }) {
    this.#ctx = ctx;
    this.#vars = deps.vars;
    this.#secrets = deps.secrets;
  }

  revert(userId: string, actor: EventActor, eventId: string): { event: EventRecord; releases: ReleaseRef[] } {
    const { db, events } = this.#ctx;
    return db.transaction(() => {
      const original = events.get(userId, eventId);
      if (!original) throw notFound(`Event ${eventId} not found.`);
      if (!isRevertible(original)) {
        throw new ApiError(
          409,
          'not_revertible',
          `Event ${eventId} (${original.action}) cannot be reverted; only var, secret, network and app setting changes can.`,
        );
      }
      const details = { reverts: original.id, reverted_action: original.action };
      if (SETTINGS_ACTIONS.has(original.action)) return { event: this.#revertSettings(userId, actor, original, details), releases: [] };
      const rows = db.all<ChangeRow>('SELECT * FROM config_changes WHERE event_id = ? ORDER BY key', [original.id]);
      const first = rows[0];
      if (!first) throw new ApiError(409, 'not_revertible', `Event ${eventId} recorded no change that can be reverted.`);
      const scope = this.#scope(userId, first.network_id, first.app_id);
      const result = VAR_ACTIONS.has(original.action)
        ? this.#revertVars(userId, actor, scope, rows, details)
        : this.#revertSecrets(userId, actor, scope, rows, details);
      if (!result.event) throw conflict(`Event ${eventId} has nothing left to revert.`);
      return { event: result.event, releases: result.releases };
    });
  }

  #revertVars(userId: string, actor: EventActor, scope: EnvScope, rows: ChangeRow[], details: Record<string, unknown>) {
    const current = new Map(this.#vars.all(scope).map((v) => [v.key, v.value]));
    const moved = rows.filter((row) => (current.get(row.key) ?? null) !== parseValue(row.after_json)).map((row) => row.key);
    if (moved.length > 0) throw changedSince('var', moved);
    return this.#vars.change(userId, actor, scope, new Map(rows.map((row) => [row.key, parseValue(row.before_json)])), 'var.reverted', details);
  }

  #revertSecrets(userId: string, actor: EventActor, scope: EnvScope, rows: ChangeRow[], details: Record<string, unknown>) {
    const moved = rows.filter((row) => this.#secrets.currentVersion(scope, row.key) !== row.after_version).map((row) => row.key);
    if (moved.length > 0) throw changedSince('secret', moved);
    const target = new Map<string, SecretTargetValue>(
      rows.map((row) => [row.key, row.before_version === null ? null : { versionId: row.before_version }]),
    );
    return this.#secrets.change(userId, actor, scope, target, 'secret.reverted', details);
  }

  #revertSettings(userId: string, actor: EventActor, original: EventRecord, details: Record<string, unknown>): EventRecord {
    const { db, clock, events } = this.#ctx;
    const type = original.action === 'app.updated' ? 'app' : 'network';
    const columns = SETTINGS_COLUMNS[type];
    const changes = settingsChanges(original) ?? {};
    const id = original.target.id;
    const table = type === 'app' ? 'apps' : 'networks';
    // Ownership: an app through its network's owner, a network directly.
    const row =
      id === undefined
        ? undefined
        : db.get<Record<string, string | null>>(
            type === 'app'
              ? 'SELECT a.* FROM apps a JOIN networks n ON n.id = a.network_id WHERE a.id = ? AND n.user_id = ?'
              : 'SELECT * FROM networks WHERE id = ? AND user_id = ?',
            [id, userId],
          );
    if (!row || id === undefined) throw conflict(`The ${type} this event changed no longer exists.`);
    const inverse: FieldChanges = {};
    const moved: string[] = [];
    for (const [name, { from, to }] of Object.entries(changes)) {
      const column = columns[name];
      if (!column) continue;
      if (row[column] !== to) moved.push(name);
      inverse[name] = { from: to, to: from };
    }
    if (moved.length > 0) {
      throw conflict(`Cannot revert: ${moved.join(', ')} changed again since this event; revert the later change first.`);
    }
    const names = Object.keys(inverse);
    if (names.length === 0) throw conflict('This event changed nothing that can be reverted.');
    const now = clock.now();
    // Column names come from the fixed SETTINGS_COLUMNS table, never from input.
    db.run(`UPDATE ${table} SET ${names.map((name) => `${columns[name]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`, [
      ...names.map((name) => (inverse[name]?.to ?? null) as string | null),
      now,
      id,
    ]);
    return events.append({
      userId,
      action: original.action,
      actor,
      target: original.target,
      details: { ...details, changes: inverse },
    });
  }

  /** The scope a change row points at, if it still exists and is the caller's. */
  #scope(userId: string, networkId: string, appId: string | null): EnvScope {
    const network = this.#ctx.db.get<{ name: string }>('SELECT name FROM networks WHERE id = ? AND user_id = ?', [networkId, userId]);
    if (!network) throw conflict('The network this event changed no longer exists.');
    if (appId === null) return { networkId, network: network.name, appId: null, app: null };
    const app = this.#ctx.db.get<{ name: string }>('SELECT name FROM apps WHERE id = ? AND network_id = ?', [appId, networkId]);
    if (!app) throw conflict('The app this event changed no longer exists.');
    return { networkId, network: network.name, appId, app: app.name };
  }
}

function changedSince(kind: 'var' | 'secret', keys: string[]): ApiError {
  return conflict(
    `Cannot revert: ${kind} ${keys.join(', ')} changed again since this event; revert the later change first.`,
  );
}
