import { notFound } from '../http/api-error.js';
import type { ConfigReleases, ReleaseRef } from './config-releases.js';
import type { ServiceContext } from './context.js';
import { assertEnvEntries, assertEnvKeyList } from './env-keys.js';
import {
  decodeKeyCursor,
  encodeKeyCursor,
  SCOPE_WHERE,
  scopeLabel,
  scopeParams,
  scopeTarget,
  type EnvScope,
} from './env-scope.js';
import type { EventActor, EventRecord } from './event-log.js';

export interface VarRecord {
  key: string;
  value: string;
  createdAt: number;
  updatedAt: number;
}

interface VarRow {
  key: string;
  value: string;
  created_at: number;
  updated_at: number;
}

const toVar = (row: VarRow): VarRecord => ({ key: row.key, value: row.value, createdAt: row.created_at, updatedAt: row.updated_at });

/** What one key should become: a value, or null for "not set". */
export type VarTarget = ReadonlyMap<string, string | null>;

export type VarAction = 'var.set' | 'var.unset' | 'var.reverted';

/** One key's move: values before and after (null = not set). */
export interface VarChange {
  key: string;
  before: string | null;
  after: string | null;
}

/** Event details show values (vars are not secret) but cut long ones: history is for people. */
const DETAIL_VALUE_MAX = 256;
const forDetails = (value: string | null): string | null =>
  value === null || value.length <= DETAIL_VALUE_MAX ? value : `${value.slice(0, DETAIL_VALUE_MAX)}… (${value.length} characters)`;

/** The `changes` of a var event's details, key by key. */
export const varChangeDetails = (changed: readonly VarChange[]): Record<string, unknown>[] =>
  changed.map(({ key, before, after }) => ({
    key,
    change: before === null ? 'created' : after === null ? 'deleted' : 'updated',
    from: forDetails(before),
    to: forDetails(after),
  }));

/**
 * Vars at network or app scope. Every change goes through {@link VarService.change}: one
 * transaction, one event for the whole change set, and a `config_changes` row per key with the
 * value before and after — which is what `revert` replays backwards.
 */
export class VarService {
  readonly #ctx: ServiceContext;
  readonly #releases: ConfigReleases;

  constructor(ctx: ServiceContext, releases: ConfigReleases) {
    this.#ctx = ctx;
    this.#releases = releases;
  }

  list(scope: EnvScope, page: { limit: number; cursor?: string | undefined }): { items: VarRecord[]; nextCursor: string | null } {
    const after = decodeKeyCursor(page.cursor);
    const rows = this.#ctx.db.all<VarRow>(
      `SELECT key, value, created_at, updated_at FROM vars WHERE ${SCOPE_WHERE} AND key > ? ORDER BY key LIMIT ?`,
      [...scopeParams(scope), after ?? '', page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map(toVar);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeKeyCursor(last.key) : null };
  }

  /** Every var of the scope, by key. */
  all(scope: EnvScope): VarRecord[] {
    return this.#ctx.db
      .all<VarRow>(`SELECT key, value, created_at, updated_at FROM vars WHERE ${SCOPE_WHERE} ORDER BY key`, scopeParams(scope))
      .map(toVar);
  }

  get(scope: EnvScope, key: string): VarRecord {
    const row = this.#ctx.db.get<VarRow>(
      `SELECT key, value, created_at, updated_at FROM vars WHERE ${SCOPE_WHERE} AND key = ?`,
      [...scopeParams(scope), key],
    );
    if (!row) throw notFound(`Var ${key} is not set on ${scopeLabel(scope)}.`);
    return toVar(row);
  }

  /** Bulk set: validates everything first, then writes all or nothing. */
  set(
    userId: string,
    actor: EventActor,
    scope: EnvScope,
    vars: Readonly<Record<string, string>>,
    path = '/vars',
  ): { data: VarRecord[]; releases: ReleaseRef[] } {
    assertEnvEntries(vars, path);
    return this.#ctx.db.transaction(() => {
      const { releases } = this.change(userId, actor, scope, new Map(Object.entries(vars)), 'var.set');
      const keys = Object.keys(vars).sort();
      return { data: keys.map((key) => this.get(scope, key)), releases };
    });
  }

  /** Bulk unset; keys that are not set are ignored, so a retry is harmless. */
  unset(userId: string, actor: EventActor, scope: EnvScope, keys: readonly string[]): { unset: string[]; releases: ReleaseRef[] } {
    assertEnvKeyList(keys, '/keys');
    return this.#ctx.db.transaction(() => {
      const { changed, releases } = this.change(userId, actor, scope, new Map(keys.map((key) => [key, null])), 'var.unset');
      return { unset: changed.map((change) => change.key), releases };
    });
  }

  /**
   * Moves the scope's keys to `target` (callers validated keys and values). Keys already at their
   * target are left alone; when nothing changes there is no event and no release. Must be called
   * inside a transaction, or opens one.
   */
  change(
    userId: string,
    actor: EventActor,
    scope: EnvScope,
    target: VarTarget,
    action: VarAction,
    extraDetails: Record<string, unknown> = {},
  ): { changed: VarChange[]; event: EventRecord | null; releases: ReleaseRef[] } {
    const { db, events } = this.#ctx;
    return db.transaction(() => {
      const changed = this.write(scope, target);
      if (changed.length === 0) return { changed, event: null, releases: [] };
      const event = events.append({
        userId,
        action,
        actor,
        target: scopeTarget('var', scope),
        details: { ...extraDetails, keys: changed.map((c) => c.key), changes: varChangeDetails(changed) },
      });
      for (const { key, before, after } of changed) {
        db.run(
          `INSERT INTO config_changes (event_id, kind, network_id, app_id, key, before_json, after_json)
           VALUES (?, 'var', ?, ?, ?, ?, ?)`,
          [event.id, scope.networkId, scope.appId, key, before === null ? null : JSON.stringify(before), after === null ? null : JSON.stringify(after)],
        );
      }
      const releases = this.#releases.onChange({ userId, actor, scope });
      return { changed, event, releases };
    });
  }

  /**
   * Writes the scope's keys to `target` and returns what changed — no event, no release. Only for a caller that
   * records the change in its own event and makes its own release in the same transaction (a rollback); every
   * other change goes through {@link VarService.change}.
   */
  write(scope: EnvScope, target: VarTarget): VarChange[] {
    const { db, clock } = this.#ctx;
    return db.transaction(() => {
      const current = new Map(this.all(scope).map((v) => [v.key, v.value]));
      const changed = [...target]
        .map(([key, after]) => ({ key, before: current.get(key) ?? null, after }))
        .filter((change) => change.before !== change.after)
        .sort((a, b) => (a.key < b.key ? -1 : 1));
      const now = clock.now();
      for (const { key, before, after } of changed) {
        if (after === null) {
          db.run(`DELETE FROM vars WHERE ${SCOPE_WHERE} AND key = ?`, [...scopeParams(scope), key]);
        } else if (before === null) {
          db.run('INSERT INTO vars (network_id, app_id, key, value, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)', [
            scope.networkId,
            scope.appId,
            key,
            after,
            now,
            now,
          ]);
        } else {
          db.run(`UPDATE vars SET value = ?, updated_at = ? WHERE ${SCOPE_WHERE} AND key = ?`, [after, now, ...scopeParams(scope), key]);
        }
      }
      return changed;
    });
  }
}
