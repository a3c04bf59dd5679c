import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { ApiTokenCreatedSchema, ApiTokenPageSchema } from '../schemas/api-token.js';
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from '../types.js';

/**
 * Paging for `auth.tokens.list`.
 *
 * @example
 * ```ts
 * const params: ApiTokenListParams = { limit: 100 };
 * ```
 */
export interface ApiTokenListParams {
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Long-lived API tokens for scripts and CI: `client.auth.tokens`. Managing them needs the `admin` scope.
 *
 * @example
 * ```ts
 * const { id, token } = await client.auth.tokens.create({ name: 'ci', scope: 'deploy' });
 * await client.auth.tokens.delete(id);
 * ```
 */
export class ApiTokensResource {
  readonly #core: HttpCore;

  /** @internal Use `client.auth.tokens`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists your API tokens (never their secrets).
   *
   * @example
   * ```ts
   * for await (const token of client.auth.tokens.list()) console.log(token.name, token.scope, token.expires_at);
   * ```
   */
  list(params: ApiTokenListParams = {}, options?: RequestOptions): Paginated<ApiToken> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(
      (cursor) =>
        callOperation(this.#core, 'get', '/api/v1/auth/tokens', {
          operation: 'auth.tokens.list',
          query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
          responseSchema: ApiTokenPageSchema,
          options,
        }),
      startCursor,
    );
  }

  /**
   * Creates an API token. The secret is in `token` of the result, and only there: it is never shown again.
   *
   * @example
   * ```ts
   * const created = await client.auth.tokens.create({ name: 'ci', scope: 'deploy', expires_in: 90 * 86_400 });
   * console.log(created.token); // mxp_…
   * ```
   */
  async create(input: ApiTokenCreate, options?: RequestOptions): Promise<ApiTokenCreated> {
    return callOperation(this.#core, 'post', '/api/v1/auth/tokens', {
      operation: 'auth.tokens.create',
      body: input,
      responseSchema: ApiTokenCreatedSchema,
      options,
    });
  }

  /**
   * Deletes (revokes) an API token by id.
   *
   * @example
   * ```ts
   * await client.auth.tokens.delete('tok_123');
   * ```
   */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await callOperation(this.#core, 'delete', '/api/v1/auth/tokens/{token_id}', {
      operation: 'auth.tokens.delete',
      params: { token_id: id },
      responseSchema: null,
      options,
    });
  }
}
