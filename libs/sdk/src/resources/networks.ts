import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { NetworkPageSchema, NetworkSchema } from '../schemas/network.js';
import type { ListSort, Network, NetworkCreate, NetworkUpdate } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Filters and order for `networks.list`.
 *
 * @example
 * ```ts
 * const params: NetworkListParams = { q: 'stag', sort: '-created_at', limit: 20 };
 * ```
 */
export interface NetworkListParams {
  /** Only networks whose name contains this substring. */
  q?: string;
  /** Default `name`. */
  sort?: ListSort;
  /** Page size (1..200, server default 50). Iteration still walks every page; use `toArray({ max })` to stop early. */
  limit?: number;
  /** Start from this cursor (a `next_cursor` from an earlier page) instead of the first page. */
  cursor?: string;
}

/**
 * Options of `networks.delete`.
 *
 * @example
 * ```ts
 * const params: NetworkDeleteParams = { force: true };
 * ```
 */
export interface NetworkDeleteParams {
  /** Delete the network's apps too; without it a network with apps answers 409 `network_not_empty`. */
  force?: boolean;
}

/**
 * Networks: `client.networks`.
 *
 * @example
 * ```ts
 * await client.networks.create({ name: 'staging' });
 * for await (const network of client.networks.list()) console.log(network.name);
 * ```
 */
export class NetworksResource {
  readonly #core: HttpCore;

  /** @internal Use `client.networks`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Creates a network. The name is checked locally first (RFC 1035 label); a taken name answers
   * `MaxConflictError` (`conflict`).
   *
   * @example
   * ```ts
   * const network = await client.networks.create({ name: 'staging', description: 'Pre-production' });
   * ```
   */
  async create(input: NetworkCreate, options?: RequestOptions): Promise<Network> {
    assertResourceName(input.name, '/name', 'network');
    return callOperation(this.#core, 'post', '/api/v1/networks', {
      operation: 'networks.create',
      body: input,
      responseSchema: NetworkSchema,
      options,
    });
  }

  /**
   * Lists your networks, lazily, across pages.
   *
   * @example
   * ```ts
   * const names = (await client.networks.list({ q: 'stag' }).toArray()).map((n) => n.name);
   * ```
   */
  list(params: NetworkListParams = {}, options?: RequestOptions): Paginated<Network> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(
      (cursor) =>
        callOperation(this.#core, 'get', '/api/v1/networks', {
          operation: 'networks.list',
          query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
          responseSchema: NetworkPageSchema,
          options,
        }),
      startCursor,
    );
  }

  /**
   * Gets one network by name; `MaxNotFoundError` when it does not exist (or is not yours).
   *
   * @example
   * ```ts
   * const { app_count } = await client.networks.get('staging');
   * ```
   */
  async get(name: string, options?: RequestOptions): Promise<Network> {
    assertResourceName(name, '/path/network', 'network');
    return callOperation(this.#core, 'get', '/api/v1/networks/{network}', {
      operation: 'networks.get',
      params: { network: name },
      responseSchema: NetworkSchema,
      options,
    });
  }

  /**
   * Changes a network's description (`null` clears it).
   *
   * @example
   * ```ts
   * await client.networks.update('staging', { description: 'Pre-production, EU' });
   * ```
   */
  async update(name: string, patch: NetworkUpdate, options?: RequestOptions): Promise<Network> {
    assertResourceName(name, '/path/network', 'network');
    return callOperation(this.#core, 'patch', '/api/v1/networks/{network}', {
      operation: 'networks.update',
      params: { network: name },
      body: patch,
      responseSchema: NetworkSchema,
      options,
    });
  }

  /**
   * Deletes a network. With apps in it, pass `{ force: true }` or get `MaxConflictError` (`network_not_empty`).
   *
   * @example
   * ```ts
   * await client.networks.delete('staging', { force: true });
   * ```
   */
  async delete(name: string, params: NetworkDeleteParams = {}, options?: RequestOptions): Promise<void> {
    assertResourceName(name, '/path/network', 'network');
    await callOperation(this.#core, 'delete', '/api/v1/networks/{network}', {
      operation: 'networks.delete',
      params: { network: name },
      query: params.force === undefined ? {} : { force: params.force },
      responseSchema: null,
      options,
    });
  }
}
