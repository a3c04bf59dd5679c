import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { ConfigApplyResultSchema, ConfigDocumentSchema, PlanSchema } from '../schemas/config.js';
import type { ConfigApplyResult, ConfigDocument, Plan } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Options of `config.export`.
 *
 * @example
 * ```ts
 * const params: ConfigExportParams = { network: 'staging' };
 * ```
 */
export interface ConfigExportParams {
  /** Export only this network; all of the caller's networks otherwise. */
  network?: string;
}

/**
 * Options of `config.plan`.
 *
 * @example
 * ```ts
 * const params: ConfigPlanParams = { prune: true };
 * ```
 */
export interface ConfigPlanParams {
  /** Also delete apps of the document's networks that the document does not list (default false). */
  prune?: boolean;
}

/**
 * Options of `config.apply`.
 *
 * @example
 * ```ts
 * const params: ConfigApplyParams = { planDigest: plan.digest };
 * ```
 */
export interface ConfigApplyParams extends ConfigPlanParams {
  /**
   * Apply only if the fresh plan has this digest (from `config.plan`), so what was reviewed is what gets
   * applied; otherwise the call rejects with `MaxConflictError` code `plan_stale`.
   */
  planDigest?: string;
}

/**
 * Configuration as code: `client.config`. A `ConfigDocument` states the whole configuration of each network it
 * names (apps, settings, vars, secret keys — never secret values); `plan` shows what applying it would change,
 * `apply` makes the platform match it in one transaction. Applying to an empty account is the import.
 *
 * @example
 * ```ts
 * const document = await client.config.export({ network: 'staging' });
 * const plan = await client.config.plan(document);
 * if (plan.changes.length > 0) await client.config.apply(document, { planDigest: plan.digest });
 * ```
 */
export class ConfigResource {
  readonly #core: HttpCore;

  /** @internal Use `client.config`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Exports the configuration as a document that `plan` and `apply` accept (every field written out).
   *
   * @example
   * ```ts
   * const document = await client.config.export();
   * await writeFile('max.json', JSON.stringify(document, null, 2));
   * ```
   */
  async export(params: ConfigExportParams = {}, options?: RequestOptions): Promise<ConfigDocument> {
    if (params.network !== undefined) assertResourceName(params.network, '/query/network', 'network');
    return callOperation(this.#core, 'get', '/api/v1/config/export', {
      operation: 'config.export',
      query: params.network === undefined ? {} : { network: params.network },
      responseSchema: ConfigDocumentSchema,
      options,
    });
  }

  /**
   * Computes the changes that would make the platform match `document`; changes nothing. A secret key in the
   * document that is not set on the platform shows up in `blockers` (secrets are compared by digest).
   *
   * @example
   * ```ts
   * const plan = await client.config.plan(document);
   * for (const change of plan.changes) console.log(change.action, change.resource, change.network, change.key ?? '');
   * ```
   */
  async plan(document: ConfigDocument, params: ConfigPlanParams = {}, options?: RequestOptions): Promise<Plan> {
    return callOperation(this.#core, 'post', '/api/v1/config/plan', {
      operation: 'config.plan',
      query: params.prune === undefined ? {} : { prune: params.prune },
      body: document,
      responseSchema: PlanSchema,
      options,
    });
  }

  /**
   * Re-plans and applies the whole plan atomically, or nothing. Rejects with `MaxConflictError` code
   * `plan_blocked` (with `details.blockers`) while blockers remain, and `plan_stale` when `planDigest` no longer
   * matches.
   *
   * @example
   * ```ts
   * const { plan, releases } = await client.config.apply(document, { planDigest: reviewed.digest });
   * console.log(`${plan.summary.create} created, ${plan.summary.update} updated, ${releases.length} releases`);
   * ```
   */
  async apply(
    document: ConfigDocument,
    params: ConfigApplyParams = {},
    options?: RequestOptions,
  ): Promise<ConfigApplyResult> {
    return callOperation(this.#core, 'post', '/api/v1/config/apply', {
      operation: 'config.apply',
      body: {
        document,
        prune: params.prune ?? false,
        ...(params.planDigest === undefined ? {} : { plan_digest: params.planDigest }),
      },
      responseSchema: ConfigApplyResultSchema,
      options,
    });
  }
}
