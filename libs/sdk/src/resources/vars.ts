import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { KeysUnsetResultSchema, VarPageSchema, VarSchema, VarsSetResultSchema } from '../schemas/env-var.js';
import type { EnvMap, KeysUnsetResult, Var, VarsSetResult } from '../types.js';
import { assertEnvKey, assertEnvKeyList, assertEnvMapKeys } from '../validation/env-key.js';
import { resolveScope, type EnvListParams, type EnvScope } from './env-scope.js';

/**
 * Vars — plain configuration values — at network scope (inherited by every app of the network) or app scope
 * (overrides the network's value): `client.vars`. Every write is one atomic request and makes a new release of
 * each deployed app it affects.
 *
 * @example
 * ```ts
 * await client.vars.set({ network: 'staging' }, { LOG_LEVEL: 'info', REGION: 'eu' });
 * await client.vars.set({ network: 'staging', app: 'web' }, { LOG_LEVEL: 'debug' }); // overrides for web only
 * await client.vars.unset({ network: 'staging' }, ['REGION']);
 * ```
 */
export class VarsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.vars`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists the vars set at exactly this scope (not inherited ones; `apps.env` shows the merged result), sorted
   * by key, lazily, across pages.
   *
   * @example
   * ```ts
   * for await (const v of client.vars.list({ network: 'staging', app: 'web' })) console.log(`${v.key}=${v.value}`);
   * ```
   */
  list(scope: EnvScope, params: EnvListParams = {}, options?: RequestOptions): Paginated<Var> {
    const { cursor: startCursor, ...paging } = params;
    return new Paginated(async (cursor) => {
      // Checked when iteration starts, so the failure arrives where the caller awaits, like every other error.
      const { network, app } = resolveScope(scope);
      const query = { ...paging, ...(cursor === undefined ? {} : { cursor }) };
      return app === undefined
        ? callOperation(this.#core, 'get', '/api/v1/networks/{network}/vars', {
            operation: 'vars.list',
            params: { network },
            query,
            responseSchema: VarPageSchema,
            options,
          })
        : callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/vars', {
            operation: 'vars.list',
            params: { network, app },
            query,
            responseSchema: VarPageSchema,
            options,
          });
    }, startCursor);
  }

  /**
   * Gets one var of this scope; `MaxNotFoundError` when it is not set here.
   *
   * @example
   * ```ts
   * const { value } = await client.vars.get({ network: 'staging' }, 'LOG_LEVEL');
   * ```
   */
  async get(scope: EnvScope, key: string, options?: RequestOptions): Promise<Var> {
    const { network, app } = resolveScope(scope);
    assertEnvKey(key, '/path/key', 'var');
    return app === undefined
      ? callOperation(this.#core, 'get', '/api/v1/networks/{network}/vars/{key}', {
          operation: 'vars.get',
          params: { network, key },
          responseSchema: VarSchema,
          options,
        })
      : callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/vars/{key}', {
          operation: 'vars.get',
          params: { network, app, key },
          responseSchema: VarSchema,
          options,
        });
  }

  /**
   * Creates or overwrites several vars in one atomic request (all are set, or none). Keys are checked locally
   * first (`^[A-Z_][A-Z0-9_]*$`): an invalid one rejects with `MaxValidationError` before anything is sent.
   *
   * @example
   * ```ts
   * const { data, releases } = await client.vars.set({ network: 'staging', app: 'web' }, { PORT_HINT: '3000' });
   * ```
   */
  async set(scope: EnvScope, values: EnvMap, options?: RequestOptions): Promise<VarsSetResult> {
    const { network, app } = resolveScope(scope);
    assertEnvMapKeys(Object.keys(values), '/vars', 'var');
    const body = { vars: values };
    return app === undefined
      ? callOperation(this.#core, 'post', '/api/v1/networks/{network}/vars', {
          operation: 'vars.set',
          params: { network },
          body,
          responseSchema: VarsSetResultSchema,
          options,
        })
      : callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/vars', {
          operation: 'vars.set',
          params: { network, app },
          body,
          responseSchema: VarsSetResultSchema,
          options,
        });
  }

  /**
   * Removes several vars in one atomic request. Keys that are not set are ignored (the result's `unset` lists
   * the ones that existed), so repeating an unset is harmless; duplicates in `keys` are sent once.
   *
   * @example
   * ```ts
   * const { unset } = await client.vars.unset({ network: 'staging' }, ['OLD_FLAG', 'LEGACY_URL']);
   * ```
   */
  async unset(scope: EnvScope, keys: readonly string[], options?: RequestOptions): Promise<KeysUnsetResult> {
    const { network, app } = resolveScope(scope);
    // The server rejects duplicate items; unsetting a key twice means the same as once.
    const unique = [...new Set(keys)];
    assertEnvKeyList(unique, '/keys', 'var');
    const body = { keys: unique };
    return app === undefined
      ? callOperation(this.#core, 'post', '/api/v1/networks/{network}/vars/unset', {
          operation: 'vars.unset',
          params: { network },
          body,
          responseSchema: KeysUnsetResultSchema,
          options,
        })
      : callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/vars/unset', {
          operation: 'vars.unset',
          params: { network, app },
          body,
          responseSchema: KeysUnsetResultSchema,
          options,
        });
  }
}
