import { validationFailed } from '../http/api-error.js';
import type { AppService } from './apps.js';
import type { EventTarget } from './event-log.js';
import type { NetworkService } from './networks.js';

/**
 * Where a var or secret lives: a network (app null) or one app of it. Ids are what rows store;
 * names are what events and errors show.
 */
export interface EnvScope {
  networkId: string;
  network: string;
  appId: string | null;
  app: string | null;
}

/** The id a ciphertext is bound to: the app for app scope, else the network. */
export const scopeId = (scope: EnvScope): string => scope.appId ?? scope.networkId;

/** Human label for messages, e.g. `network "prod"` or `app "prod/web"`. */
export const scopeLabel = (scope: EnvScope): string =>
  scope.app === null ? `network "${scope.network}"` : `app "${scope.network}/${scope.app}"`;

export function scopeTarget(type: 'var' | 'secret', scope: EnvScope): EventTarget {
  return scope.app === null ? { type, network: scope.network } : { type, network: scope.network, app: scope.app };
}

/** Resolves a network (and optionally app) the caller owns into a scope, or 404. */
export class EnvScopes {
  readonly #networks: NetworkService;
  readonly #apps: AppService;

  constructor(networks: NetworkService, apps: AppService) {
    this.#networks = networks;
    this.#apps = apps;
  }

  resolve(userId: string, network: string, app?: string): EnvScope {
    if (app === undefined) {
      const found = this.#networks.require(userId, network);
      return { networkId: found.id, network: found.name, appId: null, app: null };
    }
    const found = this.#apps.get(userId, network, app);
    const parent = this.#networks.require(userId, network);
    return { networkId: parent.id, network: parent.name, appId: found.id, app: found.name };
  }
}

/** Key-ordered lists page by the last key seen; the cursor is opaque (base64url) by contract. */
export function decodeKeyCursor(cursor: string | undefined): string | undefined {
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('key:') || decoded.length < 5) {
    throw validationFailed([{ path: '/query/cursor', message: 'is not a cursor returned by this list' }]);
  }
  return decoded.slice(4);
}

export const encodeKeyCursor = (key: string): string => Buffer.from(`key:${key}`).toString('base64url');

/**
 * The SQL condition selecting one scope's rows of `vars` / `secrets`. Written as the unique
 * index's expression (`ifnull(app_id, '')`) so SQLite answers it from that index.
 */
export const SCOPE_WHERE = "network_id = ? AND ifnull(app_id, '') = ?";
export const scopeParams = (scope: EnvScope): [string, string] => [scope.networkId, scope.appId ?? ''];
