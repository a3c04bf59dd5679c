import { newId } from '../auth/secrets.js';
import { notFound, validationFailed } from '../http/api-error.js';
import { secretDigest, type SecretCipher } from '../secrets/secret-cipher.js';
import type { ConfigReleases, ReleaseRef } from './config-releases.js';
import type { ServiceContext } from './context.js';
import { assertEnvEntries, assertEnvKeyList } from './env-keys.js';
import {
  decodeKeyCursor,
  encodeKeyCursor,
  SCOPE_WHERE,
  scopeId,
  scopeLabel,
  scopeParams,
  scopeTarget,
  type EnvScope,
} from './env-scope.js';
import type { EventActor, EventRecord } from './event-log.js';

/** A secret as everything outside this file sees it: never a value. */
export interface SecretInfo {
  key: string;
  digest: string;
  createdAt: number;
  updatedAt: number;
}

interface SecretRow {
  key: string;
  version_id: string;
  digest: string;
  created_at: number;
  updated_at: number;
}

/** libsql returns BLOB columns as ArrayBuffers. */
type Blob = ArrayBuffer | Uint8Array;
const toBuffer = (blob: Blob): Buffer => Buffer.from(blob instanceof Uint8Array ? blob : new Uint8Array(blob));

interface VersionRow {
  id: string;
  network_id: string;
  app_id: string | null;
  key: string;
  key_id: string;
  iv: Blob;
  ciphertext: Blob;
  auth_tag: Blob;
  digest: string;
}

const toInfo = (row: SecretRow): SecretInfo => ({
  key: row.key,
  digest: row.digest,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/**
 * What one key should become: a new plaintext value, a stored version (revert restores one
 * without decrypting it), or null for "not set".
 */
export type SecretTargetValue = { value: string } | { versionId: string } | null;
export type SecretAction = 'secret.set' | 'secret.unset' | 'secret.reverted';

/** One key's move: version ids before and after (null = not set), with their digests (never values). */
export interface SecretChange {
  key: string;
  before: string | null;
  after: string | null;
  digestBefore: string | null;
  digestAfter: string | null;
}

/** The `changes` of a secret event's details, key by key: digests only. */
export const secretChangeDetails = (changed: readonly SecretChange[]): Record<string, unknown>[] =>
  changed.map((c) => ({
    key: c.key,
    change: c.before === null ? 'created' : c.after === null ? 'deleted' : 'updated',
    digest_before: c.digestBefore,
    digest_after: c.digestAfter,
  }));

const COLUMNS = 'key, version_id, digest, created_at, updated_at';

/**
 * Write-only secrets. Plaintext exists only in the request that sets a value and in
 * {@link SecretService.decryptScope} (for process environments); every other path carries the
 * key, the digest and the version id. Values are never put in events, errors or logs.
 */
export class SecretService {
  readonly #ctx: ServiceContext;
  readonly #cipher: SecretCipher;
  readonly #releases: ConfigReleases;

  constructor(ctx: ServiceContext, cipher: SecretCipher, releases: ConfigReleases) {
    this.#ctx = ctx;
    this.#cipher = cipher;
    this.#releases = releases;
  }

  /**
   * Refuses a key file other than the one existing secrets were encrypted with: starting anyway
   * would only fail later, at the first deploy, far from the cause.
   */
  assertKeyMatches(keyPath: string): void {
    const other = this.#ctx.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM secret_versions WHERE key_id <> ?', [this.#cipher.keyId]);
    if (other && other.n > 0) {
      throw new Error(
        `${keyPath} is not the key this data dir's ${other.n} stored secret value(s) were encrypted with ` +
          `(key id ${this.#cipher.keyId}). Restore the original secret.key.`,
      );
    }
  }

  list(scope: EnvScope, page: { limit: number; cursor?: string | undefined }): { items: SecretInfo[]; nextCursor: string | null } {
    const after = decodeKeyCursor(page.cursor);
    const rows = this.#ctx.db.all<SecretRow>(
      `SELECT ${COLUMNS} FROM secrets WHERE ${SCOPE_WHERE} AND key > ? ORDER BY key LIMIT ?`,
      [...scopeParams(scope), after ?? '', page.limit + 1],
    );
    const items = rows.slice(0, page.limit).map(toInfo);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeKeyCursor(last.key) : null };
  }

  all(scope: EnvScope): SecretInfo[] {
    return this.#rows(scope).map(toInfo);
  }

  get(scope: EnvScope, key: string): SecretInfo {
    const row = this.#row(scope, key);
    if (!row) throw notFound(`Secret ${key} is not set on ${scopeLabel(scope)}.`);
    return toInfo(row);
  }

  set(
    userId: string,
    actor: EventActor,
    scope: EnvScope,
    secrets: Readonly<Record<string, string>>,
    path = '/secrets',
  ): { data: SecretInfo[]; releases: ReleaseRef[] } {
    assertEnvEntries(secrets, path);
    return this.#ctx.db.transaction(() => {
      const target = new Map<string, SecretTargetValue>(Object.entries(secrets).map(([key, value]) => [key, { value }]));
      const { releases } = this.change(userId, actor, scope, target, 'secret.set');
      return { data: Object.keys(secrets).sort().map((key) => this.get(scope, key)), releases };
    });
  }

  unset(userId: string, actor: EventActor, scope: EnvScope, keys: readonly string[]): { unset: string[]; releases: ReleaseRef[] } {
    assertEnvKeyList(keys, '/keys');
    return this.#ctx.db.transaction(() => {
      const { changed, releases } = this.change(userId, actor, scope, new Map(keys.map((key) => [key, null])), 'secret.unset');
      return { unset: changed.map((change) => change.key), releases };
    });
  }

  /**
   * Moves the scope's secrets to `target`, in one transaction with one event. A value equal to
   * the current one (same digest) is not a change. Every new value becomes a new encrypted
   * version; the previous version stays, so the change can be reverted.
   */
  change(
    userId: string,
    actor: EventActor,
    scope: EnvScope,
    target: ReadonlyMap<string, SecretTargetValue>,
    action: SecretAction,
    extraDetails: Record<string, unknown> = {},
  ): { changed: { key: string; before: string | null; after: string | null }[]; event: EventRecord | null; releases: ReleaseRef[] } {
    const { db, events } = this.#ctx;
    return db.transaction(() => {
      const changed = this.write(scope, target);
      if (changed.length === 0) return { changed: [], event: null, releases: [] };
      const event = events.append({
        userId,
        action,
        actor,
        target: scopeTarget('secret', scope),
        details: { ...extraDetails, keys: changed.map((c) => c.key), changes: secretChangeDetails(changed) },
      });
      for (const change of changed) {
        db.run(
          `INSERT INTO config_changes (event_id, kind, network_id, app_id, key, before_version, after_version)
           VALUES (?, 'secret', ?, ?, ?, ?, ?)`,
          [event.id, scope.networkId, scope.appId, change.key, change.before, change.after],
        );
      }
      const releases = this.#releases.onChange({ userId, actor, scope });
      return { changed: changed.map(({ key, before, after }) => ({ key, before, after })), event, releases };
    });
  }

  /**
   * Writes the scope's secrets to `target` and returns what changed (version ids and digests) — no event, no
   * release. Only for a caller that records the change in its own event and makes its own release in the same
   * transaction (a rollback); every other change goes through {@link SecretService.change}.
   */
  write(scope: EnvScope, target: ReadonlyMap<string, SecretTargetValue>): SecretChange[] {
    const { db, clock } = this.#ctx;
    return db.transaction(() => {
      const now = clock.now();
      const current = new Map(this.#rows(scope).map((row) => [row.key, row]));
      // before/after are version ids; digests ride along for the event.
      const changed: SecretChange[] = [];
      for (const [key, wanted] of [...target].sort(([a], [b]) => (a < b ? -1 : 1))) {
        const existing = current.get(key) ?? null;
        if (wanted === null) {
          if (existing) changed.push({ key, before: existing.version_id, after: null, digestBefore: existing.digest, digestAfter: null });
          continue;
        }
        const version = 'value' in wanted ? this.#newVersion(scope, key, wanted.value, now) : this.#existingVersion(scope, key, wanted.versionId);
        if (existing && existing.digest === version.digest && 'value' in wanted) continue;
        if (existing && existing.version_id === version.id) continue;
        changed.push({
          key,
          before: existing?.version_id ?? null,
          after: version.id,
          digestBefore: existing?.digest ?? null,
          digestAfter: version.digest,
        });
      }
      for (const change of changed) {
        if (change.after === null) {
          db.run(`DELETE FROM secrets WHERE ${SCOPE_WHERE} AND key = ?`, [...scopeParams(scope), change.key]);
        } else if (change.before === null) {
          db.run(
            'INSERT INTO secrets (network_id, app_id, key, version_id, digest, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
            [scope.networkId, scope.appId, change.key, change.after, change.digestAfter, now, now],
          );
        } else {
          db.run(`UPDATE secrets SET version_id = ?, digest = ?, updated_at = ? WHERE ${SCOPE_WHERE} AND key = ?`, [
            change.after,
            change.digestAfter,
            now,
            ...scopeParams(scope),
            change.key,
          ]);
        }
      }
      return changed;
    });
  }

  /**
   * Sets on `to` the secrets of `from` (all, or `keys`), in one transaction with one event: each value is decrypted
   * and sealed again for the target scope here, so it never leaves the platform. A key already holding the same
   * value is not a change, so copying again is a no-op.
   */
  copy(
    userId: string,
    actor: EventActor,
    from: EnvScope,
    to: EnvScope,
    keys: readonly string[] | undefined,
  ): { data: SecretInfo[]; releases: ReleaseRef[] } {
    if (from.networkId === to.networkId && from.appId === to.appId) {
      throw validationFailed([{ path: '/from', message: 'must be another scope than the app copied to' }], 'A scope cannot copy secrets from itself.');
    }
    if (keys !== undefined) assertEnvKeyList(keys, '/keys');
    return this.#ctx.db.transaction(() => {
      const values = this.decryptScope(from);
      const wanted = keys ?? [...values.keys()];
      const missing = wanted.filter((key) => !values.has(key));
      if (missing.length > 0) {
        throw validationFailed(
          missing.map((key) => ({ path: `/keys/${keys?.indexOf(key) ?? 0}`, message: `is not set on ${scopeLabel(from)}` })),
          `Secret${missing.length === 1 ? '' : 's'} ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not set on ${scopeLabel(from)}.`,
        );
      }
      const target = new Map<string, SecretTargetValue>(wanted.map((key) => [key, { value: values.get(key) ?? '' }]));
      const { releases } = this.change(userId, actor, to, target, 'secret.set', { copied_from: scopeLabel(from) });
      return { data: [...wanted].sort().map((key) => this.get(to, key)), releases };
    });
  }

  /** The version id a key currently points at, or null (for revert's "changed since?" check). */
  currentVersion(scope: EnvScope, key: string): string | null {
    return this.#row(scope, key)?.version_id ?? null;
  }

  /**
   * Plaintext values of a scope, for a process environment only (deploys, runs, shells). Throws
   * {@link SecretDecryptionError} when a stored value does not authenticate.
   */
  decryptScope(scope: EnvScope): Map<string, string> {
    const rows = this.#ctx.db.all<VersionRow>(
      `SELECT v.* FROM secrets s JOIN secret_versions v ON v.id = s.version_id WHERE s.network_id = ? AND ifnull(s.app_id, '') = ? ORDER BY s.key`,
      scopeParams(scope),
    );
    const values = new Map<string, string>();
    for (const row of rows) {
      values.set(
        row.key,
        this.#cipher.open(
          { iv: toBuffer(row.iv), ciphertext: toBuffer(row.ciphertext), authTag: toBuffer(row.auth_tag) },
          { scopeId: row.app_id ?? row.network_id, key: row.key, versionId: row.id },
        ),
      );
    }
    return values;
  }

  /**
   * The version each secret of the scope points at now, by key, with its digest: what a release's config
   * snapshot records instead of values (versions are kept, encrypted, for as long as their scope exists).
   */
  versions(scope: EnvScope): Map<string, { versionId: string; digest: string }> {
    return new Map(this.#rows(scope).map((row) => [row.key, { versionId: row.version_id, digest: row.digest }]));
  }

  /**
   * Plaintext of specific versions of a scope's secrets (a release's snapshot), for a process environment only.
   * `refs` maps key → version id; a version that no longer exists is left out.
   */
  decryptVersions(scope: EnvScope, refs: ReadonlyMap<string, string>): Map<string, string> {
    const values = new Map<string, string>();
    for (const [key, versionId] of refs) {
      const row = this.#ctx.db.get<VersionRow>(`SELECT * FROM secret_versions WHERE id = ? AND ${SCOPE_WHERE} AND key = ?`, [
        versionId,
        ...scopeParams(scope),
        key,
      ]);
      if (!row) continue;
      values.set(
        key,
        this.#cipher.open(
          { iv: toBuffer(row.iv), ciphertext: toBuffer(row.ciphertext), authTag: toBuffer(row.auth_tag) },
          { scopeId: row.app_id ?? row.network_id, key: row.key, versionId: row.id },
        ),
      );
    }
    return values;
  }

  #rows(scope: EnvScope): SecretRow[] {
    return this.#ctx.db.all<SecretRow>(`SELECT ${COLUMNS} FROM secrets WHERE ${SCOPE_WHERE} ORDER BY key`, scopeParams(scope));
  }

  #row(scope: EnvScope, key: string): SecretRow | undefined {
    return this.#ctx.db.get<SecretRow>(`SELECT ${COLUMNS} FROM secrets WHERE ${SCOPE_WHERE} AND key = ?`, [...scopeParams(scope), key]);
  }

  #newVersion(scope: EnvScope, key: string, value: string, now: number): { id: string; digest: string } {
    const digest = secretDigest(value);
    const existing = this.#row(scope, key);
    // Same value as now: no new version (the caller skips the change).
    if (existing && existing.digest === digest) return { id: existing.version_id, digest };
    const id = newId('sv');
    const sealed = this.#cipher.seal(value, { scopeId: scopeId(scope), key, versionId: id });
    this.#ctx.db.run(
      `INSERT INTO secret_versions (id, network_id, app_id, key, key_id, iv, ciphertext, auth_tag, digest, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [id, scope.networkId, scope.appId, key, this.#cipher.keyId, sealed.iv, sealed.ciphertext, sealed.authTag, digest, now],
    );
    return { id, digest };
  }

  #existingVersion(scope: EnvScope, key: string, versionId: string): { id: string; digest: string } {
    const row = this.#ctx.db.get<{ id: string; digest: string }>(
      `SELECT id, digest FROM secret_versions WHERE id = ? AND ${SCOPE_WHERE} AND key = ?`,
      [versionId, ...scopeParams(scope), key],
    );
    // Versions cascade away with their app or network; a revert then has nothing to restore.
    if (!row) throw notFound(`The earlier value of secret ${key} on ${scopeLabel(scope)} no longer exists.`);
    return row;
  }
}
