import { join } from 'node:path';
import { systemClock, type Clock } from './clock.js';
import { Database } from './db/database.js';
import { ApiTokenService } from './services/api-tokens.js';
import { AppService } from './services/apps.js';
import { BrowserSessionService } from './services/browser-sessions.js';
import type { PlatformSettings, ServiceContext } from './services/context.js';
import { DeviceFlowService } from './services/device-flow.js';
import { EventLog } from './services/event-log.js';
import { IdempotencyService } from './services/idempotency.js';
import { NetworkService } from './services/networks.js';
import { TokenService } from './services/tokens.js';
import { TrustPolicyService } from './services/trust-policies.js';
import { OidcExchangeService } from './services/oidc-exchange.js';
import { UserService } from './services/users.js';
import { ConfigReleases } from './services/config-releases.js';
import { ConfigService } from './services/config.js';
import { DashboardService } from './services/dashboard.js';
import { EnvScopes } from './services/env-scope.js';
import { EnvService } from './services/env.js';
import { RevertService } from './services/revert.js';
import { SecretService } from './services/secrets.js';
import { VarService } from './services/vars.js';
import { SecretCipher } from './secrets/secret-cipher.js';
import { loadOrCreateSecretKey, SECRET_KEY_FILE } from './secrets/secret-key-file.js';
import { ProcessGroupRecords } from './deploy/process-records.js';
import { AppRuntime } from './deployments/app-runtime.js';
import { DeployService } from './deployments/deploy-service.js';
import { DeploymentRecords } from './deployments/deployment-records.js';
import { LogStore } from './deployments/log-store.js';
import { RemoteAccess } from './shells/remote-access.js';
import { RemoteTargets } from './shells/remote-target.js';

export const DEFAULT_SETTINGS: PlatformSettings = {
  domain: 'localhost',
  routerPort: 4080,
  accessTokenTtlSeconds: 3600,
  deviceCodeIntervalSeconds: 5,
  deviceCodeTtlSeconds: 600,
  stabilizationSeconds: 10,
};

/**
 * The composition root: one database and every service built on it. The HTTP layer, the CLI's
 * `token create` and tests all go through this, so there is exactly one way to change state.
 */
export class Platform {
  readonly db: Database;
  readonly clock: Clock;
  readonly settings: PlatformSettings;
  readonly events: EventLog;
  readonly users: UserService;
  readonly tokens: TokenService;
  readonly apiTokens: ApiTokenService;
  readonly deviceFlow: DeviceFlowService;
  readonly browserSessions: BrowserSessionService;
  readonly networks: NetworkService;
  readonly apps: AppService;
  readonly idempotency: IdempotencyService;
  /** Where config changes ask the deploy subsystem for new releases. */
  readonly configReleases: ConfigReleases;
  readonly envScopes: EnvScopes;
  readonly vars: VarService;
  readonly secrets: SecretService;
  readonly env: EnvService;
  readonly dashboard: DashboardService;
  readonly config: ConfigService;
  readonly revert: RevertService;
  /** Build and runtime logs, sequenced per stream. */
  readonly logs: LogStore;
  /** Every process group spawned (builds, releases), so that a restart after a crash can stop what was left. */
  readonly processGroups: ProcessGroupRecords;
  /** The router and the running releases of every app. */
  readonly runtime: AppRuntime;
  /** Deployments, releases, rollbacks and config releases. */
  readonly deploys: DeployService;
  /** Shell sessions and command runs, and where they execute. */
  readonly remote: RemoteAccess;
  readonly remoteTargets: RemoteTargets;
  /** OIDC trust policies and the ID-token exchange (keyless CI login). */
  readonly trustPolicies: TrustPolicyService;
  readonly oidc: OidcExchangeService;

  private constructor(db: Database, clock: Clock, settings: PlatformSettings, cipher: SecretCipher, dataDir: string) {
    this.db = db;
    this.clock = clock;
    this.settings = settings;
    this.events = new EventLog(db, clock);
    const ctx: ServiceContext = { db, clock, events: this.events, settings };
    this.users = new UserService(db, clock);
    this.tokens = new TokenService(ctx, this.users);
    this.apiTokens = new ApiTokenService(ctx, this.tokens);
    this.deviceFlow = new DeviceFlowService(ctx, this.tokens, this.users);
    this.browserSessions = new BrowserSessionService(ctx, this.users);
    this.networks = new NetworkService(ctx);
    this.apps = new AppService(ctx, this.networks);
    this.trustPolicies = new TrustPolicyService(ctx, { networks: this.networks, tokens: this.tokens });
    this.oidc = new OidcExchangeService(ctx, { policies: this.trustPolicies, tokens: this.tokens, users: this.users });
    this.idempotency = new IdempotencyService(ctx);
    this.configReleases = new ConfigReleases();
    this.envScopes = new EnvScopes(this.networks, this.apps);
    this.vars = new VarService(ctx, this.configReleases);
    this.secrets = new SecretService(ctx, cipher, this.configReleases);
    this.env = new EnvService({ scopes: this.envScopes, apps: this.apps, vars: this.vars, secrets: this.secrets, settings });
    this.dashboard = new DashboardService(ctx);
    this.config = new ConfigService(ctx, {
      networks: this.networks,
      apps: this.apps,
      vars: this.vars,
      secrets: this.secrets,
      releases: this.configReleases,
    });
    this.revert = new RevertService(ctx, { vars: this.vars, secrets: this.secrets });
    this.logs = new LogStore(db, clock);
    this.processGroups = new ProcessGroupRecords(db, clock);
    this.runtime = new AppRuntime({ db, logs: this.logs, domain: settings.domain, processGroups: this.processGroups });
    const records = new DeploymentRecords(db);
    this.deploys = new DeployService({
      db,
      clock,
      events: this.events,
      apps: this.apps,
      envScopes: this.envScopes,
      vars: this.vars,
      secrets: this.secrets,
      records,
      logs: this.logs,
      runtime: this.runtime,
      dataDir,
      stabilizationMs: settings.stabilizationSeconds * 1000,
      processGroups: this.processGroups,
    });
    this.remoteTargets = new RemoteTargets({
      db,
      apps: this.apps,
      networks: this.networks,
      envScopes: this.envScopes,
      vars: this.vars,
      secrets: this.secrets,
      env: this.env,
      deploys: this.deploys,
      runtime: this.runtime,
      settings,
      dataDir,
    });
    this.remote = new RemoteAccess({ db, clock, events: this.events, processGroups: this.processGroups });
    // The hooks the config and dashboard services left for the deploy subsystem.
    this.configReleases.register((change) => this.deploys.onConfigChange(change));
    this.env.setPortLookup((appId) => this.runtime.current(appId)?.port ?? null);
    this.dashboard.setDeployments({
      latestByApp: (userId) =>
        new Map(
          records.latestByApp(userId).map((d) => [d.appId, { id: d.id, state: d.state, createdAt: d.createdAt, finishedAt: d.finishedAt }]),
        ),
      inProgressCount: (userId) => records.countInProgress(userId),
    });
  }

  /**
   * Opens the data dir's database (migrating it), loads (or creates) the secret key file, and
   * makes sure the default owner exists. Refuses to open with a key file that is not private, not
   * 32 bytes, or not the key the stored secrets were encrypted with.
   */
  static open(options: { dataDir: string; clock?: Clock; settings?: Partial<PlatformSettings> }): Platform {
    const db = Database.open(options.dataDir);
    try {
      const cipher = new SecretCipher(loadOrCreateSecretKey(options.dataDir));
      const platform = new Platform(db, options.clock ?? systemClock, { ...DEFAULT_SETTINGS, ...options.settings }, cipher, options.dataDir);
      platform.secrets.assertKeyMatches(join(options.dataDir, SECRET_KEY_FILE));
      platform.users.ensureOwner();
      return platform;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    // Log lines are written in batches: the last turn's lines go in before the database closes.
    this.logs.close();
    this.db.close();
  }
}
