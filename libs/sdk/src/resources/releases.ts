import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxValidationError } from '../errors/error-classes.js';
import { ReleasePageSchema, ReleaseSchema } from '../schemas/release.js';
import type { Release, RollbackRequest } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Paging for `releases.list`.
 *
 * @example
 * ```ts
 * const params: ReleaseListParams = { limit: 20 };
 * ```
 */
export interface ReleaseListParams {
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/** Release versions are positive integers (`v1`, `v2`, …); anything else would address another path. */
function assertVersion(version: number, pointer: string): void {
  if (Number.isSafeInteger(version) && version >= 1) return;
  const problem = 'must be an integer >= 1';
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid release version ${String(version)}: ${problem}`,
    details: { fields: [{ path: pointer, message: problem }] },
  });
}

/**
 * An app's numbered releases (code + config snapshots), and rollback: `client.releases`.
 *
 * @example
 * ```ts
 * for await (const r of client.releases.list('staging', 'web')) console.log(`v${r.version}`, r.state, r.description);
 * ```
 */
export class ReleasesResource {
  readonly #core: HttpCore;

  /** @internal Use `client.releases`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists an app's releases, newest first, lazily across pages.
   *
   * @example
   * ```ts
   * const recent = await client.releases.list('staging', 'web').toArray({ max: 10 });
   * ```
   */
  list(network: string, app: string, params: ReleaseListParams = {}, options?: RequestOptions): Paginated<Release> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      assertResourceName(network, '/path/network', 'network');
      assertResourceName(app, '/path/app', 'app');
      return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/releases', {
        operation: 'releases.list',
        params: { network, app },
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: ReleasePageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one release by version.
   *
   * @example
   * ```ts
   * const v3 = await client.releases.get('staging', 'web', 3);
   * ```
   */
  async get(network: string, app: string, version: number, options?: RequestOptions): Promise<Release> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    assertVersion(version, '/path/version');
    return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/releases/{version}', {
      operation: 'releases.get',
      params: { network, app, version },
      responseSchema: ReleaseSchema,
      options,
    });
  }

  /**
   * Rolls back: makes a new release (the next version) with the code and config of release `to`, or of the
   * release before the current one. Rejects with `MaxConflictError` code `invalid_state` when there is nothing
   * to roll back to.
   *
   * @example
   * ```ts
   * const release = await client.releases.rollback('staging', 'web', { to: 3 });
   * console.log(`v${release.version} restores v${release.rollback_of}`);
   * ```
   */
  async rollback(network: string, app: string, input: RollbackRequest = {}, options?: RequestOptions): Promise<Release> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    if (input.to !== undefined) assertVersion(input.to, '/to');
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/releases/rollback', {
      operation: 'releases.rollback',
      params: { network, app },
      body: input,
      responseSchema: ReleaseSchema,
      options,
    });
  }
}
