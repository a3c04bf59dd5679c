import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { ConfigApplyResultSchema, ConfigDocumentSchema, PlanSchema } from '../schemas/config.js';
import type { ConfigApplyResult, ConfigDocument, ConfigSecretValues, Plan } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';
import { withSecretValuesHidden } from './hide-secret-values.js';

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
  /**
   * Secret values for the document's listed secrets, by scope (`"<network>"` or `"<network>/<app>"`), then key.
   * With a value, a missing secret or one whose digest differs from the document becomes a change `apply` makes
   * (in its one transaction) instead of a blocker. A value must have the digest the document lists for it, if
   * any (else `MaxValidationError` naming the key). Values are write-only: never in traces, errors or results.
   */
  secretValues?: ConfigSecretValues;
}

/** Every supplied value, so errors can be scrubbed of them whatever the server echoes. */
const suppliedValues = (values: ConfigSecretValues | undefined): string[] =>
  values === undefined ? [] : Object.values(values).flatMap((scope) => Object.values(scope));

/**
 * Options of `config.apply`. Pass the same `secretValues` as to the `plan` whose digest you pass.
 *
 * @example
 * ```ts
 * const params: ConfigApplyParams = { planDigest: plan.digest, secretValues: { staging: { DATABASE_URL: url } } };
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
 * names (apps, settings, vars, secrets as key and digest — never secret values); `plan` shows what applying it
 * would change, `apply` makes the platform match it in one transaction, including secret values passed
 * separately as `secretValues`. Applying to an empty account is the import.
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
   * Computes the changes that would make the platform match `document`; changes nothing. Secrets are compared
   * by digest: one that is not set, or whose digest differs from the document's, is a change — and also a
   * blocker unless `secretValues` has its value.
   *
   * @example
   * ```ts
   * const plan = await client.config.plan(document);
   * for (const change of plan.changes) console.log(change.action, change.resource, change.network, change.key ?? '');
   * ```
   */
  async plan(document: ConfigDocument, params: ConfigPlanParams = {}, options?: RequestOptions): Promise<Plan> {
    return withSecretValuesHidden(suppliedValues(params.secretValues), () =>
      callOperation(this.#core, 'post', '/api/v1/config/plan', {
        operation: 'config.plan',
        query: params.prune === undefined ? {} : { prune: params.prune },
        body: { document, ...(params.secretValues === undefined ? {} : { secret_values: params.secretValues }) },
        responseSchema: PlanSchema,
        options,
      }),
    );
  }

  /**
   * Re-plans and applies the whole plan atomically, or nothing — secret values from `secretValues` included.
   * Rejects with `MaxConflictError` code `plan_blocked` (with `details.blockers`) while blockers remain, and
   * `plan_stale` when `planDigest` no longer matches.
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
    return withSecretValuesHidden(suppliedValues(params.secretValues), () =>
      callOperation(this.#core, 'post', '/api/v1/config/apply', {
        operation: 'config.apply',
        body: {
          document,
          prune: params.prune ?? false,
          ...(params.planDigest === undefined ? {} : { plan_digest: params.planDigest }),
          ...(params.secretValues === undefined ? {} : { secret_values: params.secretValues }),
        },
        responseSchema: ConfigApplyResultSchema,
        options,
      }),
    );
  }
}
