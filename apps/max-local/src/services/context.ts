import type { Clock } from '../clock.js';
import type { Database } from '../db/database.js';
import type { EventLog } from './event-log.js';

/** Settings the services need; resolved once at startup. */
export interface PlatformSettings {
  /** Apps get `<app>.<network>.<domain>`. */
  domain: string;
  routerPort: number;
  accessTokenTtlSeconds: number;
  deviceCodeIntervalSeconds: number;
  deviceCodeTtlSeconds: number;
  /** How long a new release is watched after traffic switched to it, unless its deployment says otherwise. */
  stabilizationSeconds: number;
}

/** What every service is built from. */
export interface ServiceContext {
  db: Database;
  clock: Clock;
  events: EventLog;
  settings: PlatformSettings;
}
