import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from '../deploy/build-runner.js';
import type { Database } from '../db/database.js';
import type { DeployService } from '../deployments/deploy-service.js';
import type { AppRuntime } from '../deployments/app-runtime.js';
import type { AppService } from '../services/apps.js';
import type { PlatformSettings } from '../services/context.js';
import type { EnvScopes } from '../services/env-scope.js';
import type { EnvService } from '../services/env.js';
import type { NetworkService } from '../services/networks.js';
import type { SecretService } from '../services/secrets.js';
import type { VarService } from '../services/vars.js';

/** Where a shell or run executes: its directory, environment and the resource it belongs to. */
export interface RemoteTarget {
  networkId: string;
  network: string;
  appId: string | null;
  app: string | null;
  /** The app's current release, when it has one (the directory is then that release's tree). */
  release: number | null;
  cwd: string;
  env: Record<string, string>;
}

export interface RemoteTargetDeps {
  db: Database;
  apps: AppService;
  networks: NetworkService;
  envScopes: EnvScopes;
  vars: VarService;
  secrets: SecretService;
  env: EnvService;
  deploys: DeployService;
  runtime: AppRuntime;
  settings: PlatformSettings;
  dataDir: string;
}

/** `MAX_APP_URL_<APP>` in a network shell: the app name upper-cased, `-` as `_`. */
export function appUrlVariable(app: string): string {
  return `MAX_APP_URL_${app.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * Resolves the app or network a shell or run executes in, checking ownership (another user's network or app is
 * 404, as everywhere). The environment is the one app processes get, computed by the same code: for an app,
 * `EnvService.forProcess` (network vars ⊕ app vars ⊕ secrets ⊕ platform vars, `PORT` of the running release when
 * there is one) in the current release's directory — or an app workspace directory before the first release; for a
 * network, its vars and secrets, `MAX_NETWORK` and one `MAX_APP_URL_<APP>` per app, in a network workspace
 * directory. Both on top of max-local's `PATH` and `HOME`, as for builds and releases.
 */
export class RemoteTargets {
  readonly #deps: RemoteTargetDeps;

  constructor(deps: RemoteTargetDeps) {
    this.#deps = deps;
  }

  app(userId: string, network: string, appName: string): RemoteTarget {
    const { apps, env, deploys, runtime } = this.#deps;
    const app = apps.get(userId, network, appName);
    const networkId = this.#deps.networks.require(userId, network).id;
    const port = runtime.current(app.id)?.port ?? null;
    const appEnv = env.forProcess(userId, network, appName, { port: port ?? 0 });
    if (port === null) delete appEnv['PORT'];
    let cwd: string | null = null;
    if (app.currentRelease !== null) {
      const release = deploys.records.release(app.id, app.currentRelease);
      const dir = release ? deploys.buildDir(release.deploymentId) : null;
      if (dir !== null && existsSync(dir)) cwd = dir;
    }
    cwd ??= this.#workspace('apps', app.id);
    return {
      networkId,
      network,
      appId: app.id,
      app: app.name,
      release: app.currentRelease,
      cwd,
      env: cleanEnv(appEnv),
    };
  }

  network(userId: string, network: string): RemoteTarget {
    const { envScopes, vars, secrets, db, settings } = this.#deps;
    const scope = envScopes.resolve(userId, network);
    const env: Record<string, string> = {};
    for (const v of vars.all(scope)) env[v.key] = v.value;
    for (const [key, value] of secrets.decryptScope(scope)) env[key] = value;
    env['MAX_NETWORK'] = network;
    const appNames = db.all<{ name: string }>('SELECT name FROM apps WHERE network_id = ? ORDER BY name', [scope.networkId]);
    for (const { name } of appNames) {
      env[appUrlVariable(name)] = `http://${name}.${network}.${settings.domain}:${settings.routerPort}`;
    }
    return {
      networkId: scope.networkId,
      network,
      appId: null,
      app: null,
      release: null,
      cwd: this.#workspace('networks', scope.networkId),
      env: cleanEnv(env),
    };
  }

  #workspace(kind: 'apps' | 'networks', id: string): string {
    const dir = join(this.#deps.dataDir, 'workspaces', kind, id);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  }
}
