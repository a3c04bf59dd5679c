import type { RequestOptions } from '../core/request-options.js';
import type { EnvScope } from '../resources/env-scope.js';
import type { AppEnv, EnvMap, KeysUnsetResult, ReleaseRef, Secret, SecretsSetResult, Var, VarsSetResult } from '../types.js';
import type { AppRef } from './app-ref.js';

/** What {@link copyAppConfig} uses of a client (pass the client itself). */
export interface ConfigCopyClient {
  apps: { env(network: string, app: string, options?: RequestOptions): Promise<AppEnv> };
  vars: {
    list(scope: EnvScope, params?: object, options?: RequestOptions): AsyncIterable<Var>;
    set(scope: EnvScope, values: EnvMap, options?: RequestOptions): Promise<VarsSetResult>;
    unset(scope: EnvScope, keys: readonly string[], options?: RequestOptions): Promise<KeysUnsetResult>;
  };
  secrets: {
    list(scope: EnvScope, params?: object, options?: RequestOptions): AsyncIterable<Secret>;
    copy(to: { network: string; app: string }, from: EnvScope, keys?: readonly string[], options?: RequestOptions): Promise<SecretsSetResult>;
    unset(scope: EnvScope, keys: readonly string[], options?: RequestOptions): Promise<KeysUnsetResult>;
  };
}

/**
 * What {@link copyAppConfig} did: the keys now on the target app (names only, never values) and the releases the
 * changes made.
 *
 * @example
 * ```ts
 * const copied: ConfigCopyResult = { vars: ['LOG_LEVEL'], secrets: ['API_KEY'], removed: [], releases: [] };
 * ```
 */
export interface ConfigCopyResult {
  vars: string[];
  secrets: string[];
  /** Keys the target app had that the source no longer has, removed so the copy is exact. */
  removed: string[];
  releases: ReleaseRef[];
}

async function keysOf(items: AsyncIterable<{ key: string }>): Promise<string[]> {
  const keys: string[] = [];
  for await (const item of items) keys.push(item.key);
  return keys;
}

/**
 * Makes an app's own vars and secrets those of another app (a preview of `prod/web` as `previews/pr-7`): vars are
 * copied as values — what the source app sees from its app and network vars; secrets are copied ON THE PLATFORM
 * (`secrets.copy`), so their values never reach this process. When the apps are in different networks, the source
 * network's vars and secrets come along too (the target's own network still sits beneath them). Keys the target
 * app has that the source does not are removed, so running it again changes nothing.
 *
 * @example
 * ```ts
 * await copyAppConfig(client, { network: 'prod', app: 'web' }, { network: 'previews', app: 'pr-7' });
 * ```
 */
export async function copyAppConfig(client: ConfigCopyClient, from: AppRef, to: AppRef, options: { signal?: AbortSignal } = {}): Promise<ConfigCopyResult> {
  const request: RequestOptions = options.signal ? { signal: options.signal } : {};
  const sameNetwork = from.network === to.network;
  const target = { network: to.network, app: to.app };
  const env = await client.apps.env(from.network, from.app, request);
  // In the same network the target inherits the network's vars anyway; only the app's own are copied.
  const varSources = sameNetwork ? new Set(['app']) : new Set(['app', 'network']);
  const vars: EnvMap = {};
  for (const entry of env.data) {
    if (varSources.has(entry.source) && entry.value !== null) vars[entry.key] = entry.value;
  }
  const secretScopes: EnvScope[] = sameNetwork ? [{ network: from.network, app: from.app }] : [{ network: from.network }, { network: from.network, app: from.app }];
  const secretKeys = new Set<string>();
  const releases: ReleaseRef[] = [];
  for (const scope of secretScopes) {
    const keys = await keysOf(client.secrets.list(scope, {}, request));
    if (keys.length === 0) continue;
    // App secrets come last, so they win over the network's as they do on the source.
    releases.push(...(await client.secrets.copy(target, scope, keys, request)).releases);
    for (const key of keys) secretKeys.add(key);
  }
  if (Object.keys(vars).length > 0) releases.push(...(await client.vars.set(target, vars, request)).releases);

  const staleVars = (await keysOf(client.vars.list(target, {}, request))).filter((key) => !(key in vars));
  const staleSecrets = (await keysOf(client.secrets.list(target, {}, request))).filter((key) => !secretKeys.has(key));
  if (staleVars.length > 0) releases.push(...(await client.vars.unset(target, staleVars, request)).releases);
  if (staleSecrets.length > 0) releases.push(...(await client.secrets.unset(target, staleSecrets, request)).releases);
  return { vars: Object.keys(vars).sort(), secrets: [...secretKeys].sort(), removed: [...staleVars, ...staleSecrets].sort(), releases };
}
