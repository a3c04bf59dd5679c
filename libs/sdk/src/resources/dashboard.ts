import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { DashboardSchema } from '../schemas/dashboard.js';
import type { Dashboard } from '../types.js';

/**
 * Options of `dashboard.get`.
 *
 * @example
 * ```ts
 * const params: DashboardParams = { events: 5 };
 * ```
 */
export interface DashboardParams {
  /** How many recent events to include (0..100, server default 20). */
  events?: number;
}

/**
 * The overview of everything the caller owns, in one request: `client.dashboard`.
 *
 * @example
 * ```ts
 * const { counts } = await client.dashboard.get();
 * console.log(`${counts.networks} networks, ${counts.apps} apps, ${counts.deployments_in_progress} deploying`);
 * ```
 */
export class DashboardResource {
  readonly #core: HttpCore;

  /** @internal Use `client.dashboard`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Networks, apps (with status, current release and latest deployment), recent events and counts. Capped at
   * 500 apps: `truncated` says when more exist (use `apps.list` for those).
   *
   * @example
   * ```ts
   * const dashboard = await client.dashboard.get({ events: 10 });
   * for (const app of dashboard.apps) console.log(`${app.network}/${app.name}`, app.status, app.current_release);
   * ```
   */
  async get(params: DashboardParams = {}, options?: RequestOptions): Promise<Dashboard> {
    return callOperation(this.#core, 'get', '/api/v1/dashboard', {
      operation: 'dashboard.get',
      query: params.events === undefined ? {} : { events: params.events },
      responseSchema: DashboardSchema,
      options,
    });
  }
}
