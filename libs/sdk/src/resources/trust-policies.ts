import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { TrustPolicyPageSchema, TrustPolicySchema } from '../schemas/trust-policy.js';
import type { TrustPolicy, TrustPolicyCreate } from '../types.js';
import type { ApiTokenListParams } from './api-tokens.js';

/**
 * OIDC trust policies (docs/oidc.md): `client.auth.trustPolicies`. They decide which CI ID tokens
 * `auth.exchangeOidcToken` accepts, and for which network and scope. Managing them needs the `admin` scope.
 *
 * @example
 * ```ts
 * const policy = await client.auth.trustPolicies.create({
 *   issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/web', ref: 'refs/heads/main',
 *   network: 'prod', scope: 'deploy',
 * });
 * ```
 */
export class TrustPoliciesResource {
  readonly #core: HttpCore;

  /** @internal Use `client.auth.trustPolicies`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Lists your trust policies, newest first.
   *
   * @example
   * ```ts
   * for await (const p of client.auth.trustPolicies.list()) console.log(p.id, p.repository, p.network, p.scope);
   * ```
   */
  list(params: ApiTokenListParams = {}, options?: RequestOptions): Paginated<TrustPolicy> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(
      (cursor) =>
        callOperation(this.#core, 'get', '/api/v1/oidc/trust-policies', {
          operation: 'auth.trustPolicies.list',
          query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
          responseSchema: TrustPolicyPageSchema,
          options,
        }),
      startCursor,
    );
  }

  /**
   * Trusts ID tokens of `issuer` for `repository` (optionally only `ref` and `environment`): they are exchanged for
   * tokens with `scope` on `network` only, for `token_ttl_seconds` (default 900, at most 3600).
   *
   * @example
   * ```ts
   * await client.auth.trustPolicies.create({ issuer, repository: 'acme/web', environment: 'production', network: 'prod', scope: 'deploy' });
   * ```
   */
  async create(input: TrustPolicyCreate, options?: RequestOptions): Promise<TrustPolicy> {
    return callOperation(this.#core, 'post', '/api/v1/oidc/trust-policies', {
      operation: 'auth.trustPolicies.create',
      body: input,
      responseSchema: TrustPolicySchema,
      options,
    });
  }

  /**
   * Deletes a trust policy; tokens minted through it are revoked at once.
   *
   * @example
   * ```ts
   * await client.auth.trustPolicies.delete('tp_123');
   * ```
   */
  async delete(id: string, options?: RequestOptions): Promise<void> {
    await callOperation(this.#core, 'delete', '/api/v1/oidc/trust-policies/{policy_id}', {
      operation: 'auth.trustPolicies.delete',
      params: { policy_id: id },
      responseSchema: null,
      options,
    });
  }
}
