import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { KeysUnsetResultSchema } from '../schemas/env-var.js';
import { SecretPageSchema, SecretSchema, SecretsSetResultSchema } from '../schemas/secret.js';
import type { EnvMap, KeysUnsetResult, Secret, SecretsSetResult } from '../types.js';
import { assertEnvKey, assertEnvKeyList, assertEnvMapKeys } from '../validation/env-key.js';
import { resolveScope, type EnvListParams, type EnvScope } from './env-scope.js';
import { withSecretValuesHidden } from './hide-secret-values.js';

/**
 * Secrets — write-only values, encrypted at rest — at network or app scope: `client.secrets`. Reads return a
 * secret's key, a `sha256:` digest of its value and timestamps, never the value.
 *
 * The values passed to `set` never appear in anything the SDK produces: trace events show every value as
 * `[REDACTED]` (keys stay readable), and errors are scrubbed of the exact values even if a server echoed them.
 *
 * @example
 * ```ts
 * await client.secrets.set({ network: 'staging', app: 'web' }, { DATABASE_URL: await readSecretFromStdin() });
 * for await (const s of client.secrets.list({ network: 'staging', app: 'web' })) console.log(s.key, s.digest);
 * ```
 */
export class SecretsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.secrets`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists the secrets set at exactly this scope, sorted by key, lazily, across pages (never their values).
   *
   * @example
   * ```ts
   * const keys = (await client.secrets.list({ network: 'staging' }).toArray()).map((s) => s.key);
   * ```
   */
  list(scope: EnvScope, params: EnvListParams = {}, options?: RequestOptions): Paginated<Secret> {
    const { cursor: startCursor, ...paging } = params;
    return new Paginated(async (cursor) => {
      // Checked when iteration starts, so the failure arrives where the caller awaits, like every other error.
      const { network, app } = resolveScope(scope);
      const query = { ...paging, ...(cursor === undefined ? {} : { cursor }) };
      return app === undefined
        ? callOperation(this.#core, 'get', '/api/v1/networks/{network}/secrets', {
            operation: 'secrets.list',
            params: { network },
            query,
            responseSchema: SecretPageSchema,
            options,
          })
        : callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/secrets', {
            operation: 'secrets.list',
            params: { network, app },
            query,
            responseSchema: SecretPageSchema,
            options,
          });
    }, startCursor);
  }

  /**
   * Gets one secret's key, digest and timestamps; `MaxNotFoundError` when it is not set at this scope.
   *
   * @example
   * ```ts
   * const { digest } = await client.secrets.get({ network: 'staging' }, 'DATABASE_URL');
   * ```
   */
  async get(scope: EnvScope, key: string, options?: RequestOptions): Promise<Secret> {
    const { network, app } = resolveScope(scope);
    assertEnvKey(key, '/path/key', 'secret');
    return app === undefined
      ? callOperation(this.#core, 'get', '/api/v1/networks/{network}/secrets/{key}', {
          operation: 'secrets.get',
          params: { network, key },
          responseSchema: SecretSchema,
          options,
        })
      : callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/secrets/{key}', {
          operation: 'secrets.get',
          params: { network, app, key },
          responseSchema: SecretSchema,
          options,
        });
  }

  /**
   * Creates or overwrites several secrets in one atomic request. Keys are checked locally first; an invalid one
   * rejects with `MaxValidationError` (naming the key, never the value) before anything is sent. The result
   * holds the stored secrets' digests, not their values.
   *
   * @example
   * ```ts
   * const { data } = await client.secrets.set({ network: 'staging' }, { API_KEY: apiKey, DB_PASSWORD: password });
   * console.log(data.map((s) => `${s.key} ${s.digest}`));
   * ```
   */
  async set(scope: EnvScope, values: EnvMap, options?: RequestOptions): Promise<SecretsSetResult> {
    const { network, app } = resolveScope(scope);
    assertEnvMapKeys(Object.keys(values), '/secrets', 'secret');
    const body = { secrets: values };
    return withSecretValuesHidden(Object.values(values), () =>
      app === undefined
        ? callOperation(this.#core, 'post', '/api/v1/networks/{network}/secrets', {
            operation: 'secrets.set',
            params: { network },
            body,
            responseSchema: SecretsSetResultSchema,
            options,
          })
        : callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/secrets', {
            operation: 'secrets.set',
            params: { network, app },
            body,
            responseSchema: SecretsSetResultSchema,
            options,
          }),
    );
  }

  /**
   * Removes several secrets in one atomic request. Keys that are not set are ignored, so repeating an unset is
   * harmless; duplicates in `keys` are sent once.
   *
   * @example
   * ```ts
   * await client.secrets.unset({ network: 'staging', app: 'web' }, ['OLD_TOKEN']);
   * ```
   */
  async unset(scope: EnvScope, keys: readonly string[], options?: RequestOptions): Promise<KeysUnsetResult> {
    const { network, app } = resolveScope(scope);
    // The server rejects duplicate items; unsetting a key twice means the same as once.
    const unique = [...new Set(keys)];
    assertEnvKeyList(unique, '/keys', 'secret');
    const body = { keys: unique };
    return app === undefined
      ? callOperation(this.#core, 'post', '/api/v1/networks/{network}/secrets/unset', {
          operation: 'secrets.unset',
          params: { network },
          body,
          responseSchema: KeysUnsetResultSchema,
          options,
        })
      : callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/secrets/unset', {
          operation: 'secrets.unset',
          params: { network, app },
          body,
          responseSchema: KeysUnsetResultSchema,
          options,
        });
  }

  /**
   * Copies secrets to an app from another scope — a network, or another app — on the platform: the values never
   * travel to this process, so a CI job can give a preview app its base app's secrets without holding them. All
   * the source's secrets, or only `keys`; a key already holding the same value is not a change (a repeated copy
   * is a no-op).
   *
   * @example
   * ```ts
   * await client.secrets.copy({ network: 'previews', app: 'pr-7' }, { network: 'prod', app: 'web' });
   * ```
   */
  async copy(to: { network: string; app: string }, from: EnvScope, keys?: readonly string[], options?: RequestOptions): Promise<SecretsSetResult> {
    const target = resolveScope(to);
    const source = resolveScope(from);
    const unique = keys === undefined ? undefined : [...new Set(keys)];
    if (unique !== undefined) assertEnvKeyList(unique, '/keys', 'secret');
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/secrets/copy', {
      operation: 'secrets.copy',
      params: { network: target.network, app: target.app ?? to.app },
      body: { from: source, ...(unique === undefined ? {} : { keys: unique }) },
      responseSchema: SecretsSetResultSchema,
      options,
    });
  }
}
