import type { Schemas } from '@max/api-spec';
import { ApiError } from '../http/api-error.js';
import type { AppService } from './apps.js';
import type { ConfigReleases, ReleaseRef } from './config-releases.js';
import {
  assertConfigDocument,
  computePlan,
  resolveSecretValues,
  secretScopeId,
  type ConfigDocument,
  type ConfigSecret,
  type ConfigSecretValues,
  type Plan,
  type SuppliedSecret,
  type SuppliedSecrets,
} from './config-plan.js';
import { docDefaults, loadLiveConfig, toConfigDocument, type LiveNetwork } from './config-state.js';
import type { ServiceContext } from './context.js';
import type { EnvScope } from './env-scope.js';
import type { EventActor } from './event-log.js';
import type { NetworkService } from './networks.js';
import type { SecretService, SecretTargetValue } from './secrets.js';
import type { VarService } from './vars.js';

/**
 * Configuration as code: `export` writes the live state as a document, `plan` diffs a document
 * against it, `apply` re-plans and makes every change in ONE transaction through the same service
 * methods the REST API uses — so an apply leaves the same events (and `config_changes` rows, so
 * its var and secret changes are revertible) as the equivalent API calls, plus one
 * `config.applied` summary. Secret values supplied with `secret_values` are set in that same
 * transaction (encrypted by the secret service); past validation only their digests are used,
 * so no value reaches a plan, an event, an error or a log line.
 */
export class ConfigService {
  readonly #ctx: ServiceContext;
  readonly #networks: NetworkService;
  readonly #apps: AppService;
  readonly #vars: VarService;
  readonly #secrets: SecretService;
  readonly #releases: ConfigReleases;

  constructor(
    ctx: ServiceContext,
    deps: { networks: NetworkService; apps: AppService; vars: VarService; secrets: SecretService; releases: ConfigReleases },
  ) {
    this.#ctx = ctx;
    this.#networks = deps.networks;
    this.#apps = deps.apps;
    this.#vars = deps.vars;
    this.#secrets = deps.secrets;
    this.#releases = deps.releases;
  }

  export(userId: string, network?: string): ConfigDocument {
    if (network !== undefined) this.#networks.require(userId, network);
    return toConfigDocument(loadLiveConfig(this.#ctx.db, userId, network === undefined ? undefined : [network]));
  }

  plan(userId: string, input: { document: ConfigDocument; secret_values?: ConfigSecretValues | undefined }, prune: boolean): Plan {
    assertConfigDocument(input.document, '/document');
    const supplied = resolveSecretValues(input.document, input.secret_values, '/secret_values');
    return this.#plan(userId, input.document, prune, supplied).plan;
  }

  apply(
    userId: string,
    actor: EventActor,
    input: {
      document: ConfigDocument;
      plan_digest?: string | undefined;
      prune?: boolean | undefined;
      secret_values?: ConfigSecretValues | undefined;
    },
  ): { plan: Plan; releases: ReleaseRef[] } {
    const doc = input.document;
    const prune = input.prune ?? false;
    assertConfigDocument(doc, '/document');
    const supplied = resolveSecretValues(doc, input.secret_values, '/secret_values');
    const { db, events } = this.#ctx;
    return db.transaction(() => {
      const { plan, live } = this.#plan(userId, doc, prune, supplied);
      if (input.plan_digest !== undefined && input.plan_digest !== plan.digest) {
        throw new ApiError(409, 'plan_stale', 'The platform changed since this plan was made; plan again and review the changes.', {
          details: { plan_digest: plan.digest },
        });
      }
      if (plan.blockers.length > 0) {
        throw new ApiError(
          409,
          'plan_blocked',
          `The plan has ${plan.blockers.length} blocker(s); the first: ${(plan.blockers[0] as Schemas['PlanBlocker']).message}`,
          { details: { blockers: plan.blockers } },
        );
      }
      if (plan.changes.length === 0) return { plan, releases: [] };
      // Every var and secret change of the apply is released together: at most one release per app.
      const { releases } = this.#releases.batch(() => this.#applyDocument(userId, actor, doc, live, prune, supplied));
      events.append({
        userId,
        action: 'config.applied',
        actor,
        target: { type: 'config' },
        details: {
          plan_digest: plan.digest,
          prune,
          networks: doc.networks.map((n) => n.name),
          summary: plan.summary,
          changes: plan.changes.map((c) => ({ action: c.action, resource: c.resource, network: c.network, app: c.app, key: c.key })),
        },
      });
      return { plan, releases };
    });
  }

  /** Creates, updates and deletes what the document says, scope by scope (the caller holds the transaction). */
  #applyDocument(
    userId: string,
    actor: EventActor,
    doc: ConfigDocument,
    live: Map<string, LiveNetwork>,
    prune: boolean,
    supplied: SuppliedSecrets,
  ): void {
    const via = { via: 'config.apply' };
    for (const networkDoc of doc.networks) {
      const liveNetwork = live.get(networkDoc.name);
      const description = networkDoc.description ?? docDefaults.description;
      let networkId: string;
      if (!liveNetwork) {
        networkId = this.#networks.create(userId, actor, { name: networkDoc.name, description }).id;
      } else {
        networkId = liveNetwork.id;
        if (liveNetwork.description !== description) this.#networks.update(userId, actor, networkDoc.name, { description });
      }
      const networkScope: EnvScope = { networkId, network: networkDoc.name, appId: null, app: null };
      this.#converge(userId, actor, networkScope, liveNetwork, networkDoc, supplied.get(secretScopeId(networkDoc.name, null)), via);
      const listed = new Set<string>();
      for (const appDoc of networkDoc.apps ?? []) {
        listed.add(appDoc.name);
        const liveApp = liveNetwork?.apps.get(appDoc.name);
        const appDescription = appDoc.description ?? docDefaults.description;
        const healthCheckPath = appDoc.health_check_path ?? docDefaults.healthCheckPath;
        let appId: string;
        if (!liveApp) {
          appId = this.#apps.create(userId, actor, networkDoc.name, {
            name: appDoc.name,
            description: appDescription,
            health_check_path: healthCheckPath,
          }).id;
        } else {
          appId = liveApp.id;
          this.#apps.update(userId, actor, networkDoc.name, appDoc.name, { description: appDescription, health_check_path: healthCheckPath });
        }
        const appScope: EnvScope = { ...networkScope, appId, app: appDoc.name };
        this.#converge(userId, actor, appScope, liveApp, appDoc, supplied.get(secretScopeId(networkDoc.name, appDoc.name)), via);
      }
      if (prune && liveNetwork) {
        for (const name of [...liveNetwork.apps.keys()].sort()) {
          if (!listed.has(name)) this.#apps.delete(userId, actor, networkDoc.name, name);
        }
      }
    }
  }

  /**
   * One scope to exactly the document: vars set, then unset; secrets with a supplied value that differs
   * from the live one set (one `secret.set` event, digests only), then secrets not listed unset. A plan
   * without blockers guarantees every other listed secret already has the document's digest.
   */
  #converge(
    userId: string,
    actor: EventActor,
    scope: EnvScope,
    live: { vars: ReadonlyMap<string, string>; secrets: ReadonlyMap<string, string> } | undefined,
    doc: { vars?: Record<string, string>; secrets?: ConfigSecret[] },
    supplied: ReadonlyMap<string, SuppliedSecret> | undefined,
    details: Record<string, unknown>,
  ): void {
    const wantedVars = doc.vars ?? {};
    const sets = new Map(Object.entries(wantedVars).filter(([key, value]) => live?.vars.get(key) !== value));
    if (sets.size > 0) this.#vars.change(userId, actor, scope, sets, 'var.set', details);
    const unsets = new Map([...(live?.vars.keys() ?? [])].filter((key) => !Object.hasOwn(wantedVars, key)).map((key) => [key, null]));
    if (unsets.size > 0) this.#vars.change(userId, actor, scope, unsets, 'var.unset', details);
    const secretSets = new Map<string, SecretTargetValue>(
      [...(supplied ?? [])].filter(([key, { digest }]) => live?.secrets.get(key) !== digest).map(([key, { value }]) => [key, { value }]),
    );
    if (secretSets.size > 0) this.#secrets.change(userId, actor, scope, secretSets, 'secret.set', details);
    const listed = new Set((doc.secrets ?? []).map((s) => s.key));
    const secretUnsets = new Map([...(live?.secrets.keys() ?? [])].filter((key) => !listed.has(key)).map((key) => [key, null]));
    if (secretUnsets.size > 0) this.#secrets.change(userId, actor, scope, secretUnsets, 'secret.unset', details);
  }

  #plan(userId: string, doc: ConfigDocument, prune: boolean, supplied: SuppliedSecrets): { plan: Plan; live: Map<string, LiveNetwork> } {
    const names = doc.networks.map((n) => n.name);
    const live = loadLiveConfig(this.#ctx.db, userId, names);
    const takenByOthers = new Set(
      this.#ctx.db
        .all<{ name: string }>('SELECT name FROM networks WHERE user_id <> ? AND name IN (SELECT value FROM json_each(?))', [
          userId,
          JSON.stringify(names),
        ])
        .map((row) => row.name),
    );
    const digests = new Map([...supplied].map(([scope, keys]) => [scope, new Map([...keys].map(([key, { digest }]) => [key, digest]))]));
    return { plan: computePlan(doc, { live, takenByOthers, prune, supplied: digests }), live };
  }
}
