import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { newId } from '../auth/secrets.js';
import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import { BlobStore } from '../deploy/blob-store.js';
import { CancelledError, type DeploymentFailure } from '../deploy/deploy-errors.js';
import { sizeMismatches, validateManifest, type ManifestEntry } from '../deploy/manifest.js';
import type { ProcessGroupTracker } from '../deploy/process-records.js';
import { runDeployment, toFailure } from '../deploy/run-deployment.js';
import { TreeBases } from '../deploy/tree-base.js';
import { ApiError, notFound, validationFailed } from '../http/api-error.js';
import type { AppService } from '../services/apps.js';
import type { ConfigChange, ReleaseRef } from '../services/config-releases.js';
import type { EnvScopes } from '../services/env-scope.js';
import type { EventActor, EventLog, EventRecord } from '../services/event-log.js';
import { secretChangeDetails, type SecretChange, type SecretService, type SecretTargetValue } from '../services/secrets.js';
import { varChangeDetails, type VarChange, type VarService } from '../services/vars.js';
import type { AppInfo, AppRuntime } from './app-runtime.js';
import { envFromSnapshot, parseSnapshot, snapshotDigest, takeSnapshot, type ConfigSnapshot, type SnapshotScopes } from './config-snapshot.js';
import {
  ACTIVE_STATES,
  FINAL_STATES,
  type DeploymentRecord,
  type DeploymentRecords,
  type DeploymentState,
  type ReleaseRecord,
} from './deployment-records.js';
import type { LogStore } from './log-store.js';

/** A `deployment:<id>` state event (docs/protocol.md §6.5), with epoch-ms time. */
export interface DeploymentStateChange {
  state: DeploymentState;
  previousState: DeploymentState;
  release: number | null;
  failure: DeploymentFailure | null;
  at: number;
}

export type DeploymentListener = (deployment: DeploymentRecord, change: DeploymentStateChange) => void;

/**
 * A `deployment:<id>` `health_check` event (docs/protocol.md §6.5): one tick of the new release's stabilization
 * window, after traffic switched to it. `status` is null: the window watches the process, it does not probe HTTP.
 */
export interface DeploymentHealthCheck {
  release: number;
  attempt: number;
  maxAttempts: number;
  ok: boolean;
  status: number | null;
  message: string;
  at: number;
}

export type DeploymentHealthListener = (check: DeploymentHealthCheck) => void;

/** Who made the platform's own changes (automatic rollbacks) in the audit history. */
const PLATFORM_ACTOR: EventActor = { type: 'system', id: 'max-local', email: null };

export interface DeployServiceDeps {
  db: Database;
  clock: Clock;
  events: EventLog;
  apps: AppService;
  envScopes: EnvScopes;
  vars: VarService;
  secrets: SecretService;
  records: DeploymentRecords;
  logs: LogStore;
  runtime: AppRuntime;
  dataDir: string;
  /** Used when neither rig.json nor the app says otherwise. */
  healthTimeoutMs?: number;
  /** Stabilization window of deployments that do not ask for one (`stabilization_seconds`). Default 10 s. */
  stabilizationMs?: number;
  /** Records the builds' process groups (so a max-local killed meanwhile can stop them at its next start). */
  processGroups?: ProcessGroupTracker;
}

/** Keys whose values differ between two records (present in one only, or with another value). */
const differingKeys = (a: Record<string, string>, b: Record<string, string>): string[] =>
  [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((key) => a[key] !== b[key]);

/** 409 `invalid_state`: the operation does not apply to the resource as it is now. */
const invalidState = (message: string): ApiError => new ApiError(409, 'invalid_state', message);

/**
 * Deployments and releases of max-local: the REST operations' behaviour on top of the deploy engine. Builds and
 * release switches run in the background; every state change is written to the database first and then told to
 * `deployment:<id>` subscribers, so a snapshot read after an event is never older than the event.
 */
export class DeployService {
  readonly #deps: DeployServiceDeps;
  readonly #blobStores = new Map<string, Promise<BlobStore>>();
  /** Pipelines running in this process, by deployment id. */
  readonly #running = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Background release switches (rollbacks, config releases, restores), awaited on close. */
  readonly #background = new Set<Promise<unknown>>();
  readonly #listeners = new Map<string, Set<DeploymentListener>>();
  readonly #healthListeners = new Map<string, Set<DeploymentHealthListener>>();
  #closed = false;
  #unsubscribeEvents: (() => void) | undefined;

  /** Spare copies of each app's latest tree: the next deployment copies only what changed (ADR 0011). */
  readonly #bases: TreeBases;

  constructor(deps: DeployServiceDeps) {
    this.#deps = deps;
    this.#bases = new TreeBases(join(deps.dataDir, 'builds', '.bases'));
  }

  get records(): DeploymentRecords {
    return this.#deps.records;
  }

  get logs(): LogStore {
    return this.#deps.logs;
  }

  /** The caller's blob store: blobs are scoped per user, so nobody can probe another user's uploads. */
  blobs(userId: string): Promise<BlobStore> {
    let store = this.#blobStores.get(userId);
    if (!store) {
      store = BlobStore.open(join(this.#deps.dataDir, 'blobs', userId));
      store.catch(() => this.#blobStores.delete(userId));
      this.#blobStores.set(userId, store);
    }
    return store;
  }

  buildDir(deploymentId: string): string {
    return join(this.#deps.dataDir, 'builds', deploymentId);
  }

  // ---- deployments ----

  /**
   * Creates a deployment from a manifest: refuses unsafe manifests before anything is stored, then answers which
   * blobs are missing (`uploading`) or queues the build at once (`queued`).
   */
  async create(
    userId: string,
    actor: EventActor,
    network: string,
    appName: string,
    input: {
      manifest: ManifestEntry[];
      message?: string | null | undefined;
      /** Switch back to the previous release when the new one crashes in its stabilization window (default true). */
      rollback?: boolean | undefined;
      /** Overrides the platform's stabilization window for this deployment. */
      stabilizationSeconds?: number | undefined;
    },
  ): Promise<DeploymentRecord> {
    const { apps, db, clock, events, records } = this.#deps;
    const app = apps.get(userId, network, appName);
    const plan = validateManifest(input.manifest);
    const store = await this.blobs(userId);
    const sizes = await store.sizes(plan.files.map((f) => f.sha256));
    // total_size must describe the bytes that will be built: a stored blob's size is known now, so a lie is refused.
    const mismatches = sizeMismatches(input.manifest, sizes);
    if (mismatches.length > 0) throw validationFailed(mismatches, 'Manifest entries give sizes that differ from their blobs.');
    const missing = [...sizes].filter(([, size]) => size === null).map(([digest]) => digest);
    const id = newId('dep');
    const state: DeploymentState = missing.length > 0 ? 'uploading' : 'queued';
    db.transaction(() => {
      apps.get(userId, network, appName); // still there
      records.insertDeployment({
        id,
        appId: app.id,
        userId,
        state,
        message: input.message ?? null,
        manifest: input.manifest,
        fileCount: plan.files.length + plan.links.length,
        totalSize: plan.totalBytes,
        missingBlobs: missing,
        rollback: input.rollback ?? true,
        stabilizationMs: input.stabilizationSeconds === undefined ? null : input.stabilizationSeconds * 1000,
        actor,
        now: clock.now(),
      });
      events.append({
        userId,
        action: 'deployment.created',
        actor,
        target: { type: 'deployment', network, app: appName, id },
        details: {
          files: plan.files.length + plan.links.length,
          total_size: plan.totalBytes,
          missing_blobs: missing.length,
          message: input.message ?? null,
          rollback: input.rollback ?? true,
        },
      });
    });
    if (state === 'queued') this.#start(id);
    return this.#require(userId, id);
  }

  get(userId: string, id: string): DeploymentRecord {
    return this.#require(userId, id);
  }

  /** `uploading` → `queued` once every blob is stored (else 409 `blobs_missing`); later states are returned as they are. */
  async finalize(userId: string, id: string): Promise<DeploymentRecord> {
    const deployment = this.#require(userId, id);
    if (deployment.state !== 'uploading') return deployment;
    const store = await this.blobs(userId);
    const manifest = this.#deps.records.manifest(id);
    const plan = validateManifest(manifest);
    const sizes = await store.sizes(plan.files.map((f) => f.sha256));
    const missing = [...sizes].filter(([, size]) => size === null).map(([digest]) => digest);
    const current = this.#require(userId, id);
    if (current.state !== 'uploading') return current;
    // A blob uploaded since create has a size now: a manifest that lied about it can never build as described.
    const mismatches = sizeMismatches(manifest, sizes);
    if (mismatches.length > 0) {
      this.#setState(current, 'cancelled', { missingBlobs: missing });
      throw validationFailed(mismatches, 'Manifest entries give sizes that differ from their blobs; the deployment was cancelled.');
    }
    if (missing.length > 0) {
      this.#deps.records.updateDeployment(id, { missingBlobs: missing }, this.#deps.clock.now());
      throw new ApiError(409, 'blobs_missing', `${missing.length} blob(s) of the manifest are not uploaded yet.`, { details: { missing } });
    }
    this.#setState(current, 'queued', { missingBlobs: [] });
    this.#start(id);
    return this.#require(userId, id);
  }

  /** Cancels a deployment that has not started releasing; the current release keeps serving. */
  async cancel(userId: string, id: string): Promise<DeploymentRecord> {
    const deployment = this.#require(userId, id);
    if (deployment.state === 'cancelled') return deployment;
    if (FINAL_STATES.has(deployment.state)) throw invalidState(`Deployment ${id} is already ${deployment.state}.`);
    if (deployment.state === 'releasing') {
      throw invalidState(`Deployment ${id} is already switching to its release; roll back instead once it is done.`);
    }
    const running = this.#running.get(id);
    // The record says `cancelled` at once; the pipeline, told by the signal, stops its build and finds the
    // deployment final (its later state reports are ignored).
    this.#setState(deployment, 'cancelled', {});
    if (running) {
      running.controller.abort();
      await running.done;
    } else {
      this.#deps.runtime.settleStatus(deployment.appId);
    }
    return this.#require(userId, id);
  }

  /** Listens to one deployment's state changes; returns the unsubscribe function. */
  subscribe(id: string, listener: DeploymentListener): () => void {
    let set = this.#listeners.get(id);
    if (!set) this.#listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(id) === set) this.#listeners.delete(id);
    };
  }

  /** Listens to one deployment's `health_check` events (its stabilization window); returns the unsubscribe function. */
  subscribeHealthChecks(id: string, listener: DeploymentHealthListener): () => void {
    let set = this.#healthListeners.get(id);
    if (!set) this.#healthListeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#healthListeners.get(id) === set) this.#healthListeners.delete(id);
    };
  }

  #emitHealthCheck(id: string, check: DeploymentHealthCheck): void {
    for (const listener of [...(this.#healthListeners.get(id) ?? [])]) {
      try {
        listener(check);
      } catch {
        // A subscriber's failure must not break the pipeline.
      }
    }
  }

  #require(userId: string, id: string): DeploymentRecord {
    const deployment = this.#deps.records.deployment(userId, id);
    if (!deployment) throw notFound(`Deployment ${id} not found.`);
    return deployment;
  }

  /** Writes a state change (ignored once the deployment is final) and tells subscribers. */
  #setState(
    deployment: DeploymentRecord,
    state: DeploymentState,
    patch: { missingBlobs?: string[]; release?: number | null; failure?: DeploymentFailure | null },
    inTransaction?: () => void,
  ): boolean {
    const { db, clock, records } = this.#deps;
    const now = clock.now();
    let previous: DeploymentState | undefined;
    db.transaction(() => {
      const current = records.deploymentById(deployment.id);
      if (!current || FINAL_STATES.has(current.state)) return;
      previous = current.state;
      records.updateDeployment(deployment.id, { state, ...patch }, now);
      inTransaction?.();
    });
    if (previous === undefined) return false;
    const updated = records.deploymentById(deployment.id);
    if (updated) {
      const change: DeploymentStateChange = { state, previousState: previous, release: updated.release, failure: updated.failure, at: now };
      for (const listener of [...(this.#listeners.get(deployment.id) ?? [])]) {
        try {
          listener(updated, change);
        } catch {
          // A subscriber's failure must not break the pipeline.
        }
      }
    }
    return true;
  }

  /** Runs a queued deployment's pipeline in the background. */
  #start(id: string): void {
    if (this.#running.has(id) || this.#closed) return;
    const controller = new AbortController();
    const done = this.#pipeline(id, controller.signal)
      .catch(() => undefined)
      .finally(() => this.#running.delete(id));
    this.#running.set(id, { controller, done });
  }

  async #pipeline(id: string, signal: AbortSignal): Promise<void> {
    const { records, runtime, logs, clock, db } = this.#deps;
    const deployment = records.deploymentById(id);
    if (!deployment || deployment.state !== 'queued') return;
    const app = runtime.app(deployment.appId);
    if (!app) return;
    const store = await this.blobs(deployment.userId);
    const scopes = this.#scopes(app);
    let version: number | null = null;
    runtime.setStatus(app.id, 'deploying');
    const buildDir = this.buildDir(id);
    try {
      await runDeployment({
        blobs: store,
        manifest: records.manifest(id),
        buildDir,
        releases: runtime.manager(app),
        buildEnv: this.#buildEnv(scopes),
        prepareRelease: (plan) => {
          if (signal.aborted) throw new CancelledError('The deployment was cancelled.');
          const snapshot = takeSnapshot(this.#deps.vars, this.#deps.secrets, scopes);
          const now = clock.now();
          db.transaction(() => {
            version = records.nextVersion(app.id);
            records.insertRelease({
              appId: app.id,
              version,
              reason: 'deploy',
              deploymentId: id,
              rollbackOf: null,
              config: JSON.stringify(snapshot),
              configDigest: snapshotDigest(snapshot),
              description: deployment.message ? `Deploy: ${deployment.message.split('\n', 1)[0] ?? ''}`.slice(0, 200) : `Deploy ${id}`,
              actor: deployment.createdBy,
              now,
            });
            records.updateDeployment(id, { release: version, startCommand: plan.start, healthPath: plan.health.path, healthTimeoutMs: plan.health.timeoutMs }, now);
          });
          const release = version as unknown as number;
          return { version: release, env: this.#releaseEnv(app, scopes, snapshot, release) };
        },
        healthCheckPath: app.healthCheckPath,
        healthTimeoutMs: this.#deps.healthTimeoutMs ?? 60_000,
        hostname: runtime.hostname(app),
        release: {
          stabilizationMs: deployment.stabilizationMs ?? this.#deps.stabilizationMs ?? 10_000,
          rollback: deployment.rollback,
          // The route serves the new release from here on, so the records say so too (a rollback reverts this).
          onSwitched: (live) => records.activate(app.id, live.version, clock.now()),
          onStabilizing: (tick) =>
            this.#emitHealthCheck(id, {
              release: tick.version,
              attempt: tick.tick,
              maxAttempts: tick.ticks,
              ok: tick.ok,
              status: null,
              message: tick.message,
              at: clock.now(),
            }),
        },
        onBuildLogLine: (line) => logs.append('build', id, { stream: line.stream, source: line.source, line: line.line }),
        processGroups: this.#deps.processGroups && { tracker: this.#deps.processGroups, label: `deployment ${id} of ${app.network}/${app.name}` },
        onStateChange: (state, details) => {
          const release = details.version ?? null;
          if (state === 'running' && release !== null) {
            this.#setState(deployment, 'running', { release }, () => records.activate(app.id, release, clock.now()));
          } else if (state === 'rolled_back' && release !== null && details.restoredVersion !== undefined) {
            const restored = details.restoredVersion;
            const failure = details.failure ?? null;
            this.#setState(deployment, 'rolled_back', { failure }, () => {
              records.activate(app.id, restored, clock.now());
              records.setReleaseState(app.id, release, 'failed');
              this.#deps.events.append({
                userId: deployment.userId,
                action: 'deployment.rolled_back',
                actor: PLATFORM_ACTOR,
                target: { type: 'deployment', network: app.network, app: app.name, id },
                details: { release, restored, reason: failure?.reason ?? 'crashed_after_release', message: failure?.message ?? null, automatic: true },
              });
            });
          } else if (state === 'failed' || state === 'cancelled') {
            const failure = state === 'failed' ? (details.failure ?? null) : null;
            this.#setState(deployment, state, { failure }, () => {
              // A release that crashed after the switch with no rollback stays active (its supervisor restarts it).
              if (release !== null && failure?.reason !== 'crashed_after_release') records.setReleaseState(app.id, release, 'failed');
            });
          } else if (state === 'building' || state === 'releasing') {
            this.#setState(deployment, state, {});
          }
        },
        bases: {
          take: () => this.#bases.take(app.id),
          prepare: (manifest) => {
            if (!this.#closed) this.#bases.prepare(app.id, store, manifest);
          },
        },
        signal,
      });
    } catch (error) {
      // The record already says why (onStateChange). A failed build's tree is of no use to any release.
      if (version === null) await rm(buildDir, { recursive: true, force: true });
      // The deployment may have been cancelled through the API while its pipeline was between reports.
      const final = records.deploymentById(id);
      if (final && !FINAL_STATES.has(final.state)) this.#setState(final, 'failed', { failure: toFailure(error) });
    } finally {
      runtime.settleStatus(app.id);
    }
  }

  // ---- releases ----

  getRelease(userId: string, network: string, appName: string, version: number): ReleaseRecord {
    const app = this.#deps.apps.get(userId, network, appName);
    const release = this.#deps.records.release(app.id, version);
    if (!release) throw notFound(`Release v${version} of ${network}/${appName} not found.`);
    return release;
  }

  listReleases(userId: string, network: string, appName: string, page: { limit: number; cursor?: string | undefined }) {
    const app = this.#deps.apps.get(userId, network, appName);
    return this.#deps.records.listReleases(app.id, page);
  }

  /**
   * Makes release N+1 with the code and config of `to` (default: the release before the current one) and
   * switches to it in the background. The answer is the new `pending` release.
   */
  rollback(userId: string, actor: EventActor, network: string, appName: string, to: number | undefined): ReleaseRecord {
    const { apps, db, clock, events, records, runtime } = this.#deps;
    const app = apps.get(userId, network, appName);
    const version = db.transaction(() => {
      const active = records.activeRelease(app.id);
      if (!active) throw invalidState(`${network}/${appName} has no live release to roll back from.`);
      let target: ReleaseRecord | undefined;
      if (to === undefined) {
        target = records
          .listReleases(app.id, { limit: 200 })
          .items.find((r) => r.version < active.version && r.state === 'superseded');
        if (!target) throw invalidState(`${network}/${appName} has no earlier release to roll back to.`);
      } else {
        target = records.release(app.id, to);
        if (!target) throw notFound(`Release v${to} of ${network}/${appName} not found.`);
        if (target.state === 'failed') throw invalidState(`Release v${to} never became healthy; it cannot be restored.`);
        if (target.state === 'active') throw invalidState(`Release v${to} is already serving.`);
        if (target.state === 'pending') throw invalidState(`Release v${to} is still starting.`);
      }
      const info = runtime.app(app.id);
      if (!info) throw notFound(`App ${network}/${appName} not found.`);
      const scopes = this.#scopes(info);
      const config = this.#restoreAppConfig(scopes, parseSnapshot(target.config));
      // The release runs with what is stored now: the target's app config, and the network's config as it is
      // (network vars and secrets belong to every app of the network, so one app's rollback leaves them be).
      const snapshot = takeSnapshot(this.#deps.vars, this.#deps.secrets, scopes);
      const next = records.nextVersion(app.id);
      records.insertRelease({
        appId: app.id,
        version: next,
        reason: 'rollback',
        deploymentId: target.deploymentId,
        rollbackOf: target.version,
        config: JSON.stringify(snapshot),
        configDigest: snapshotDigest(snapshot),
        description: `Roll back to v${target.version}`,
        actor,
        now: clock.now(),
      });
      // One audited change: the release and the config it restored (var values, secret digests) in one event.
      events.append({
        userId,
        action: 'release.rolled_back',
        actor,
        target: { type: 'release', network, app: appName, id: String(next) },
        details: {
          version: next,
          rollback_of: target.version,
          from: active.version,
          // Listed by kind (a details key naming secrets would be masked by the event log's redaction).
          config_changes: [
            ...varChangeDetails(config.vars).map((c) => ({ kind: 'var', ...c })),
            ...secretChangeDetails(config.secrets).map((c) => ({ kind: 'secret', ...c })),
          ],
          network_kept: config.networkKept,
        },
      });
      return next;
    });
    const info = runtime.app(app.id);
    if (info) this.#track(this.#switchRelease(info, version));
    const release = records.release(app.id, version);
    if (!release) throw notFound(`Release v${version} not found.`);
    return release;
  }

  /**
   * Writes a release snapshot's app-scope vars and secrets back to the store (inside the rollback's transaction;
   * no event or release of their own — the rollback records both). Secrets are restored by version, so no value
   * is decrypted. Returns what changed, and the network-scope keys whose values differ from the snapshot's.
   */
  #restoreAppConfig(scopes: SnapshotScopes, snapshot: ConfigSnapshot): { vars: VarChange[]; secrets: SecretChange[]; networkKept: string[] } {
    const { vars, secrets } = this.#deps;
    const varTarget = new Map<string, string | null>(vars.all(scopes.app).map((v) => [v.key, null]));
    for (const [key, value] of Object.entries(snapshot.vars.app)) varTarget.set(key, value);
    const secretTarget = new Map<string, SecretTargetValue>(secrets.all(scopes.app).map((s) => [s.key, null]));
    for (const [key, { version }] of Object.entries(snapshot.secrets.app)) secretTarget.set(key, { versionId: version });
    const now = takeSnapshot(vars, secrets, scopes);
    const digests = (record: ConfigSnapshot['secrets']['network']): Record<string, string> =>
      Object.fromEntries(Object.entries(record).map(([key, v]) => [key, v.digest]));
    const networkKept = [
      ...new Set([...differingKeys(now.vars.network, snapshot.vars.network), ...differingKeys(digests(now.secrets.network), digests(snapshot.secrets.network))]),
    ].sort();
    return { vars: vars.write(scopes.app, varTarget), secrets: secrets.write(scopes.app, secretTarget), networkKept };
  }

  /**
   * The config-releases hook: called inside the transaction of var/secret changes (all of one batch at once).
   * Every affected app with a live release gets ONE new release (reason `config`) with its final snapshot,
   * however many scopes and keys the changes touched; the switch starts after commit.
   */
  onConfigChange(changes: readonly ConfigChange[]): ReleaseRef[] {
    const { db, clock, records } = this.#deps;
    const last = changes[changes.length - 1];
    if (!last) return [];
    // App id → what changed for it (network and/or app scope), in the order the apps were first affected.
    const affected = new Map<string, Set<string>>();
    for (const change of changes) {
      const appIds =
        change.scope.appId !== null
          ? [change.scope.appId]
          : db.all<{ id: string }>('SELECT id FROM apps WHERE network_id = ? ORDER BY name', [change.scope.networkId]).map((r) => r.id);
      const what = change.scope.app === null ? `network ${change.scope.network}` : 'app';
      for (const appId of appIds) {
        const set = affected.get(appId) ?? new Set<string>();
        set.add(what);
        affected.set(appId, set);
      }
    }
    const refs: ReleaseRef[] = [];
    for (const [appId, what] of affected) {
      const active = records.activeRelease(appId);
      const app = this.#deps.runtime.app(appId);
      if (!active || !app) continue;
      const snapshot = takeSnapshot(this.#deps.vars, this.#deps.secrets, this.#scopes(app));
      const digest = snapshotDigest(snapshot);
      if (digest === active.configDigest) continue;
      const version = records.nextVersion(appId);
      records.insertRelease({
        appId,
        version,
        reason: 'config',
        deploymentId: active.deploymentId,
        rollbackOf: null,
        config: JSON.stringify(snapshot),
        configDigest: digest,
        description: `Config change (${[...what].join(' and ')})`,
        actor: last.actor,
        now: clock.now(),
      });
      db.afterCommit(() => this.#track(this.#switchRelease(app, version)));
      refs.push({ network: app.network, app: app.name, version });
    }
    return refs;
  }

  /** Starts a pending release (rollback or config) from its deployment's tree; active on success, else failed. */
  async #switchRelease(app: AppInfo, version: number): Promise<void> {
    const { records, runtime, clock } = this.#deps;
    const release = records.release(app.id, version);
    if (!release || this.#closed) return;
    const deployment = records.deploymentById(release.deploymentId);
    if (!deployment?.startCommand) {
      records.setReleaseState(app.id, version, 'failed');
      return;
    }
    try {
      await runtime.deploy(app, {
        version,
        dir: this.buildDir(deployment.id),
        start: deployment.startCommand,
        env: this.#releaseEnv(app, this.#scopes(app), parseSnapshot(release.config), version),
        health: {
          path: deployment.healthPath ?? runtime.app(app.id)?.healthCheckPath ?? app.healthCheckPath,
          timeoutMs: deployment.healthTimeoutMs ?? this.#deps.healthTimeoutMs ?? 60_000,
          hostHeader: runtime.hostname(app),
        },
      });
      records.activate(app.id, version, clock.now());
    } catch {
      records.setReleaseState(app.id, version, 'failed');
      runtime.settleStatus(app.id);
    }
  }

  // ---- lifecycle ----

  /**
   * After a start: deployments whose pipeline died with the previous process are failed, and every app's active
   * release is started again (child processes do not survive max-local). Restores run in the background.
   */
  restore(): void {
    const { records, runtime } = this.#deps;
    this.#unsubscribeEvents ??= this.#deps.events.subscribe((event) => this.#onEvent(event));
    for (const deployment of records.unfinished()) {
      if (!ACTIVE_STATES.has(deployment.state)) continue;
      this.#setState(deployment, 'failed', {
        failure: { stage: deployment.state === 'releasing' ? 'release' : 'build', reason: 'internal_error', message: 'max-local stopped during this deployment.' },
      });
      if (deployment.release !== null) {
        const release = records.release(deployment.appId, deployment.release);
        if (release?.state === 'pending') records.setReleaseState(deployment.appId, deployment.release, 'failed');
      }
    }
    for (const release of records.allActiveReleases()) {
      const app = runtime.app(release.appId);
      if (!app) continue;
      runtime.setStatus(app.id, 'deploying');
      this.#track(
        (async () => {
          const deployment = records.deploymentById(release.deploymentId);
          if (!deployment?.startCommand) return;
          try {
            await runtime.deploy(app, {
              version: release.version,
              dir: this.buildDir(deployment.id),
              start: deployment.startCommand,
              env: this.#releaseEnv(app, this.#scopes(app), parseSnapshot(release.config), release.version),
              health: {
                path: deployment.healthPath ?? app.healthCheckPath,
                timeoutMs: deployment.healthTimeoutMs ?? this.#deps.healthTimeoutMs ?? 60_000,
                hostHeader: runtime.hostname(app),
              },
            });
          } catch {
            runtime.setStatus(app.id, 'crashed');
          }
        })(),
      );
    }
  }

  /** Deletes reach this service through the event log, whichever path made them (API, config apply, force). */
  #onEvent(event: EventRecord): void {
    if (event.action === 'app.deleted' && event.target.id) this.#track(this.appsDeleted([event.target.id]));
    if (event.action === 'network.deleted' && event.target.id) this.#deps.logs.drop('network', [event.target.id]);
  }

  /**
   * Stops and forgets deleted apps (their rows, deployments and releases are gone already): processes, running
   * builds, build trees and log streams.
   */
  async appsDeleted(appIds: readonly string[]): Promise<void> {
    const { records, logs, db } = this.#deps;
    const orphans = [...this.#running].filter(([id]) => !records.deploymentById(id));
    for (const [, running] of orphans) running.controller.abort();
    await Promise.all(appIds.map((id) => this.#deps.runtime.remove(id)));
    await Promise.all(appIds.map((id) => this.#bases.drop(id)));
    await Promise.all(orphans.map(([, running]) => running.done));
    const builds = join(this.#deps.dataDir, 'builds');
    const dirs = await readdir(builds).catch(() => [] as string[]);
    const known = new Set(db.all<{ id: string }>('SELECT id FROM deployments').map((r) => r.id));
    // Staging dirs of builds in progress start with a dot; only finished trees of deleted deployments go.
    await Promise.all(dirs.filter((d) => !d.startsWith('.') && !known.has(d)).map((d) => rm(join(builds, d), { recursive: true, force: true })));
    logs.drop('app', appIds);
    logs.drop('build', db.all<{ id: string }>("SELECT id FROM log_streams WHERE kind = 'build' AND id NOT IN (SELECT id FROM deployments)").map((r) => r.id));
  }

  /** Cancels running pipelines and waits for background switches; the runtime is closed by its owner. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#unsubscribeEvents?.();
    for (const { controller } of this.#running.values()) controller.abort();
    await Promise.allSettled([...this.#running.values()].map((r) => r.done));
    await Promise.allSettled([...this.#background]);
    await this.#bases.close();
    // Nothing uses a store once the pipelines and switches are done.
    const stores = await Promise.allSettled([...this.#blobStores.values()]);
    this.#blobStores.clear();
    for (const store of stores) if (store.status === 'fulfilled') store.value.close();
  }

  #track(task: Promise<unknown>): void {
    const tracked = task.catch(() => undefined).finally(() => this.#background.delete(tracked));
    this.#background.add(tracked);
  }

  #scopes(app: AppInfo): SnapshotScopes {
    return {
      network: { networkId: app.networkId, network: app.network, appId: null, app: null },
      app: { networkId: app.networkId, network: app.network, appId: app.id, app: app.name },
    };
  }

  /** Vars and secrets as the build sees them (no PORT, no MAX_* — those belong to a release). */
  #buildEnv(scopes: SnapshotScopes): Record<string, string> {
    const snapshot = takeSnapshot(this.#deps.vars, this.#deps.secrets, scopes);
    const { MAX_APP: _a, MAX_NETWORK: _n, MAX_HOSTNAME: _h, MAX_RELEASE: _r, ...env } = envFromSnapshot(this.#deps.secrets, scopes, snapshot, {
      app: '',
      network: '',
      hostname: '',
      release: 0,
    });
    return env;
  }

  #releaseEnv(app: AppInfo, scopes: SnapshotScopes, snapshot: ConfigSnapshot, version: number): Record<string, string> {
    return envFromSnapshot(this.#deps.secrets, scopes, snapshot, {
      app: app.name,
      network: app.network,
      hostname: this.#deps.runtime.hostname(app),
      release: version,
    });
  }
}
