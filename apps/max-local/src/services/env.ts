import type { App, AppService } from './apps.js';
import type { PlatformSettings } from './context.js';
import type { EnvScopes } from './env-scope.js';
import type { PlatformKey } from './env-keys.js';
import type { SecretService } from './secrets.js';
import type { VarService } from './vars.js';

/** Lowest precedence first, as the spec's `EnvSource` lists them. */
export type EnvSource = 'network' | 'app' | 'secret' | 'platform';

export interface EnvEntry {
  key: string;
  /** The source that won. */
  source: EnvSource;
  /** What the process sees; null for secrets (never shown) and for platform values fixed only at start. */
  value: string | null;
  /** The winning secret's digest when `source` is `secret`; null otherwise. */
  digest: string | null;
  /** Lower-precedence sources that also define the key, lowest first. */
  overridden: EnvSource[];
}

/** The running port of an app's current process, when the deploy subsystem knows one. */
export type PortLookup = (appId: string) => number | null;

interface Layer {
  source: EnvSource;
  values: Map<string, string | null>;
  /** Secret layers of the API view: key → digest (their values are null there). */
  digests?: ReadonlyMap<string, string>;
}

/**
 * The effective environment of an app: network vars ⊕ app vars ⊕ secrets (network, then app)
 * ⊕ platform vars, later layers overriding earlier ones. The API view ({@link EnvService.entries})
 * and the process view ({@link EnvService.forProcess}) are built from the same layers in the same
 * order, so what `rig details app` shows is what the process gets.
 */
export class EnvService {
  readonly #scopes: EnvScopes;
  readonly #apps: AppService;
  readonly #vars: VarService;
  readonly #secrets: SecretService;
  readonly #settings: PlatformSettings;
  #portLookup: PortLookup = () => null;

  constructor(deps: { scopes: EnvScopes; apps: AppService; vars: VarService; secrets: SecretService; settings: PlatformSettings }) {
    this.#scopes = deps.scopes;
    this.#apps = deps.apps;
    this.#vars = deps.vars;
    this.#secrets = deps.secrets;
    this.#settings = deps.settings;
  }

  /** Lets the deploy subsystem report the port an app's process listens on (shown as `PORT`). */
  setPortLookup(lookup: PortLookup): void {
    this.#portLookup = lookup;
  }

  /** The API view: every key with its winning source; secret values are null, their digests shown. */
  entries(userId: string, network: string, appName: string): EnvEntry[] {
    const app = this.#apps.get(userId, network, appName);
    const port = this.#portLookup(app.id);
    const layers = this.#layers(userId, app, (scope) => {
      const secrets = this.#secrets.all(scope);
      return {
        values: new Map<string, string | null>(secrets.map((secret) => [secret.key, null])),
        digests: new Map(secrets.map((secret) => [secret.key, secret.digest])),
      };
    }, port === null ? null : String(port));
    return merge(layers);
  }

  /**
   * The process view, with secrets decrypted and `PORT` as given. Throws
   * `SecretDecryptionError` when a stored secret does not authenticate.
   */
  forProcess(userId: string, network: string, appName: string, options: { port: number; release?: number }): Record<string, string> {
    const app = this.#apps.get(userId, network, appName);
    const withRelease = options.release === undefined ? app : { ...app, currentRelease: options.release };
    const layers = this.#layers(userId, withRelease, (scope) => ({ values: this.#secrets.decryptScope(scope) }), String(options.port));
    const env: Record<string, string> = {};
    for (const layer of layers) {
      for (const [key, value] of layer.values) {
        // A platform value unknown here (no release yet) is absent rather than empty.
        if (value === null) delete env[key];
        else env[key] = value;
      }
    }
    return env;
  }

  #layers(
    userId: string,
    app: App,
    secretsOf: (scope: ReturnType<EnvScopes['resolve']>) => Pick<Layer, 'values' | 'digests'>,
    port: string | null,
  ): Layer[] {
    const networkScope = this.#scopes.resolve(userId, app.network);
    const appScope = { ...networkScope, appId: app.id, app: app.name };
    const varsOf = (scope: typeof networkScope) => new Map<string, string | null>(this.#vars.all(scope).map((v) => [v.key, v.value]));
    const platform: Record<PlatformKey, string | null> = {
      PORT: port,
      MAX_APP: app.name,
      MAX_NETWORK: app.network,
      MAX_HOSTNAME: `${app.name}.${app.network}.${this.#settings.domain}`,
      MAX_RELEASE: app.currentRelease === null ? null : String(app.currentRelease),
    };
    return [
      { source: 'network', values: varsOf(networkScope) },
      { source: 'app', values: varsOf(appScope) },
      { source: 'secret', ...secretsOf(networkScope) },
      { source: 'secret', ...secretsOf(appScope) },
      { source: 'platform', values: new Map(Object.entries(platform)) },
    ];
  }
}

function merge(layers: readonly Layer[]): EnvEntry[] {
  const byKey = new Map<string, { sources: EnvSource[]; value: string | null; digest: string | null }>();
  for (const layer of layers) {
    for (const [key, value] of layer.values) {
      const entry = byKey.get(key) ?? { sources: [], value: null, digest: null };
      entry.sources.push(layer.source);
      entry.value = layer.source === 'secret' ? null : value;
      entry.digest = layer.source === 'secret' ? (layer.digests?.get(key) ?? null) : null;
      byKey.set(key, entry);
    }
  }
  return [...byKey]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, { sources, value, digest }]) => ({
      key,
      source: sources[sources.length - 1] as EnvSource,
      value,
      digest,
      overridden: sources.slice(0, -1),
    }));
}
