import type { Schemas } from '@max/api-spec';
import type { Database } from '../db/database.js';
import { DEFAULT_HEALTH_CHECK_PATH } from './apps.js';

export interface LiveApp {
  id: string;
  name: string;
  description: string | null;
  healthCheckPath: string;
  vars: Map<string, string>;
  /** Key → digest. */
  secrets: Map<string, string>;
}

export interface LiveNetwork {
  id: string;
  name: string;
  description: string | null;
  vars: Map<string, string>;
  secrets: Map<string, string>;
  apps: Map<string, LiveApp>;
}

/**
 * The configuration of a user's networks as it stands, read with four queries (networks, apps,
 * vars, secrets) however many networks and apps there are. `names` limits it to those networks.
 */
export function loadLiveConfig(db: Database, userId: string, names?: readonly string[]): Map<string, LiveNetwork> {
  // json_each turns one bound JSON array into a set: one statement for any number of names.
  const filter = names === undefined ? '' : 'AND n.name IN (SELECT value FROM json_each(?))';
  const params = names === undefined ? [userId] : [userId, JSON.stringify(names)];
  const networks = new Map<string, LiveNetwork>();
  const byId = new Map<string, LiveNetwork>();
  for (const row of db.all<{ id: string; name: string; description: string | null }>(
    `SELECT n.id, n.name, n.description FROM networks n WHERE n.user_id = ? ${filter} ORDER BY n.name`,
    params,
  )) {
    const network: LiveNetwork = { ...row, vars: new Map(), secrets: new Map(), apps: new Map() };
    networks.set(row.name, network);
    byId.set(row.id, network);
  }
  const appsById = new Map<string, LiveApp>();
  for (const row of db.all<{ id: string; network_id: string; name: string; description: string | null; health_check_path: string }>(
    `SELECT a.id, a.network_id, a.name, a.description, a.health_check_path
     FROM apps a JOIN networks n ON n.id = a.network_id WHERE n.user_id = ? ${filter} ORDER BY a.name`,
    params,
  )) {
    const app: LiveApp = {
      id: row.id,
      name: row.name,
      description: row.description,
      healthCheckPath: row.health_check_path,
      vars: new Map(),
      secrets: new Map(),
    };
    byId.get(row.network_id)?.apps.set(row.name, app);
    appsById.set(row.id, app);
  }
  const owner = (networkId: string, appId: string | null) => (appId === null ? byId.get(networkId) : appsById.get(appId));
  for (const row of db.all<{ network_id: string; app_id: string | null; key: string; value: string }>(
    `SELECT v.network_id, v.app_id, v.key, v.value FROM vars v JOIN networks n ON n.id = v.network_id
     WHERE n.user_id = ? ${filter} ORDER BY v.key`,
    params,
  )) {
    owner(row.network_id, row.app_id)?.vars.set(row.key, row.value);
  }
  for (const row of db.all<{ network_id: string; app_id: string | null; key: string; digest: string }>(
    `SELECT s.network_id, s.app_id, s.key, s.digest FROM secrets s JOIN networks n ON n.id = s.network_id
     WHERE n.user_id = ? ${filter} ORDER BY s.key`,
    params,
  )) {
    owner(row.network_id, row.app_id)?.secrets.set(row.key, row.digest);
  }
  return networks;
}

const sortedObject = (map: ReadonlyMap<string, string>): Record<string, string> =>
  Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** Key → digest as the document's secret list, sorted by key. */
const secretList = (map: ReadonlyMap<string, string>): Schemas['ConfigSecret'][] =>
  [...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, digest]) => ({ key, digest }));

/** The document `export` returns: every field written out, everything sorted, secrets as key and digest, never values. */
export function toConfigDocument(live: ReadonlyMap<string, LiveNetwork>): Schemas['ConfigDocument'] {
  return {
    version: 1,
    networks: [...live.values()].map((network) => ({
      name: network.name,
      description: network.description,
      vars: sortedObject(network.vars),
      secrets: secretList(network.secrets),
      apps: [...network.apps.values()].map((app) => ({
        name: app.name,
        description: app.description,
        health_check_path: app.healthCheckPath,
        vars: sortedObject(app.vars),
        secrets: secretList(app.secrets),
      })),
    })),
  };
}

/** Omitted document fields mean their empty value (the spec's `ConfigDocument` rule). */
export const docDefaults = {
  description: null,
  healthCheckPath: DEFAULT_HEALTH_CHECK_PATH,
} as const;
