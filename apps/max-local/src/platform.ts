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
import { UserService } from './services/users.js';

export const DEFAULT_SETTINGS: PlatformSettings = {
  domain: 'localhost',
  routerPort: 4080,
  accessTokenTtlSeconds: 3600,
  deviceCodeIntervalSeconds: 5,
  deviceCodeTtlSeconds: 600,
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

  private constructor(db: Database, clock: Clock, settings: PlatformSettings) {
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
    this.idempotency = new IdempotencyService(ctx);
  }

  /** Opens the data dir's database (migrating it) and makes sure the default owner exists. */
  static open(options: { dataDir: string; clock?: Clock; settings?: Partial<PlatformSettings> }): Platform {
    const db = Database.open(options.dataDir);
    try {
      const platform = new Platform(db, options.clock ?? systemClock, { ...DEFAULT_SETTINGS, ...options.settings });
      platform.users.ensureOwner();
      return platform;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  close(): void {
    this.db.close();
  }
}
