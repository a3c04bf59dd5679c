import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { AppEnvSchema } from '../schemas/app-env.js';
import { AppPageSchema, AppSchema } from '../schemas/app.js';
import type { App, AppCreate, AppEnv, AppUpdate, ListSort } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Filters and order for `apps.list`.
 *
 * @example
 * ```ts
 * const params: AppListParams = { q: 'api', sort: 'name' };
 * ```
 */
export interface AppListParams {
  /** Only apps whose name contains this substring. */
  q?: string;
  /** Default `name`. */
  sort?: ListSort;
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Filters and order for `apps.listAll`: those of `apps.list`, a `network` to keep to, and pages up to 5,000.
 *
 * @example
 * ```ts
 * const params: AllAppsListParams = { q: 'api', limit: 5000 };
 * ```
 */
export interface AllAppsListParams extends Omit<AppListParams, 'limit'> {
  /** Only the apps of this network. */
  network?: string;
  /** Page size (1..5000, server default 50). Iteration still walks every page. */
  limit?: number;
}

/**
 * Apps inside a network: `client.apps`.
 *
 * @example
 * ```ts
 * const app = await client.apps.create('staging', { name: 'web' });
 * console.log(app.url);
 * ```
 */
export class AppsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.apps`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Creates an app in a network; names are checked locally first. A taken name answers `MaxConflictError`.
   *
   * @example
   * ```ts
   * await client.apps.create('staging', { name: 'api', health_check_path: '/healthz' });
   * ```
   */
  async create(network: string, input: AppCreate, options?: RequestOptions): Promise<App> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(input.name, '/name', 'app');
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps', {
      operation: 'apps.create',
      params: { network },
      body: input,
      responseSchema: AppSchema,
      options,
    });
  }

  /**
   * Lists a network's apps, lazily, across pages.
   *
   * @example
   * ```ts
   * for await (const app of client.apps.list('staging')) console.log(app.name, app.status);
   * ```
   */
  list(network: string, params: AppListParams = {}, options?: RequestOptions): Paginated<App> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      // Checked when iteration starts, so the failure arrives where the caller awaits, like every other error.
      assertResourceName(network, '/path/network', 'network');
      return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps', {
        operation: 'apps.list',
        params: { network },
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: AppPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Lists the apps of every network, lazily, across pages: by network name, then in `sort` order within each.
   * With `limit: 5000` an overview of thousands of apps is one request, however many networks hold them.
   *
   * @example
   * ```ts
   * const apps = await client.apps.listAll({ limit: 5000 }).toArray();
   * ```
   */
  listAll(params: AllAppsListParams = {}, options?: RequestOptions): Paginated<App> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      if (filters.network !== undefined) assertResourceName(filters.network, '/query/network', 'network');
      return callOperation(this.#core, 'get', '/api/v1/apps', {
        operation: 'apps.listAll',
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: AppPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one app.
   *
   * @example
   * ```ts
   * const { status, current_release } = await client.apps.get('staging', 'web');
   * ```
   */
  async get(network: string, app: string, options?: RequestOptions): Promise<App> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}', {
      operation: 'apps.get',
      params: { network, app },
      responseSchema: AppSchema,
      options,
    });
  }

  /**
   * Changes an app's description or health check path.
   *
   * @example
   * ```ts
   * await client.apps.update('staging', 'web', { health_check_path: '/ready' });
   * ```
   */
  async update(network: string, app: string, patch: AppUpdate, options?: RequestOptions): Promise<App> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    return callOperation(this.#core, 'patch', '/api/v1/networks/{network}/apps/{app}', {
      operation: 'apps.update',
      params: { network, app },
      body: patch,
      responseSchema: AppSchema,
      options,
    });
  }

  /**
   * Deletes an app.
   *
   * @example
   * ```ts
   * await client.apps.delete('staging', 'web');
   * ```
   */
  async delete(network: string, app: string, options?: RequestOptions): Promise<void> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    await callOperation(this.#core, 'delete', '/api/v1/networks/{network}/apps/{app}', {
      operation: 'apps.delete',
      params: { network, app },
      responseSchema: null,
      options,
    });
  }

  /**
   * The app's effective environment — what its process sees — sorted by key: network vars, overridden by app
   * vars, overridden by secrets, overridden by platform vars (`PORT`, `MAX_APP`, …). Each entry names the
   * source that won and the ones it overrode; secret values are `null`.
   *
   * @example
   * ```ts
   * const { data } = await client.apps.env('staging', 'web');
   * for (const e of data) console.log(e.key, e.source, e.value ?? '(secret)', e.overridden.join(' < '));
   * ```
   */
  async env(network: string, app: string, options?: RequestOptions): Promise<AppEnv> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/env', {
      operation: 'apps.env',
      params: { network, app },
      responseSchema: AppEnvSchema,
      options,
    });
  }
}
