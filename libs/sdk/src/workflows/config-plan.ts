import { MaxValidationError } from '../errors/error-classes.js';
import type { RequestOptions } from '../core/request-options.js';
import type { ConfigApplyResult, ConfigDocument, ConfigSecretValues, Plan, PlanBlocker, PlanChange } from '../types.js';
import type { ConfigApplyParams, ConfigPlanParams } from '../resources/config.js';

/**
 * Config as code on the client side: reading a document, matching the secret values that go with it, planning
 * both against the platform, and applying exactly the reviewed plan. Secrets are compared by digest on the
 * platform; values travel only as the write-only `secret_values` of the plan and apply requests.
 */

/** A config document that is not JSON or not an object (`code: 'invalid_document'`). */
export class MaxConfigDocumentError extends MaxValidationError {
  override readonly name = 'MaxConfigDocumentError';
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super({ code: 'invalid_document', message });
    this.hint = hint;
  }
}

/**
 * Parses a config document (JSON). Shape errors beyond "a JSON object" are the platform's to report.
 *
 * @example
 * ```ts
 * const document = parseConfigDocument(await readFile('max.json', 'utf8'), 'max.json');
 * ```
 */
export function parseConfigDocument(text: string, name: string): ConfigDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new MaxConfigDocumentError(
      `${name} is not valid JSON: ${(error as Error).message}.`,
      'Write it with `rig config export`; the schema is docs/cli/json/config-document.schema.json.',
    );
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new MaxConfigDocumentError(`${name} is not a config document (expected a JSON object with "version" and "networks").`);
  }
  return parsed as ConfigDocument;
}

/**
 * The given values as the platform takes them: for every scope whose `secrets` list a key that `values` has, that
 * key's value (`{"<network>": {...}, "<network>/<app>": {...}}`). Keys the document does not list are not sent.
 * Undefined when there is nothing to send.
 *
 * @example
 * ```ts
 * const secretValues = secretValuesFor(document, new Map([['DATABASE_URL', 'postgres://…']]));
 * ```
 */
export function secretValuesFor(document: ConfigDocument, values: ReadonlyMap<string, string>): ConfigSecretValues | undefined {
  const scoped: ConfigSecretValues = {};
  const add = (scope: string, secrets: readonly { key: string }[] | undefined) => {
    for (const { key } of secrets ?? []) {
      const value = values.get(key);
      if (value !== undefined) (scoped[scope] ??= {})[key] = value;
    }
  };
  for (const network of document.networks ?? []) {
    add(network.name, network.secrets);
    for (const app of network.apps ?? []) add(`${network.name}/${app.name}`, app.secrets);
  }
  return Object.keys(scoped).length > 0 ? scoped : undefined;
}

/**
 * A plan with what it takes to apply it.
 *
 * @example
 * ```ts
 * const plan: DocumentPlan = await planDocument(client, document, { prune: false, values: new Map() });
 * ```
 */
export interface DocumentPlan {
  /** The platform's plan: secrets compared by digest, supplied values included. */
  readonly server: Plan;
  readonly changes: PlanChange[];
  readonly blockers: PlanBlocker[];
  readonly summary: { create: number; update: number; delete: number };
  /** What to send again with `apply`, so it applies exactly the reviewed plan (write-only; never print it). */
  readonly secretValues: ConfigSecretValues | undefined;
}

/** What planning and applying use of a client (pass the client itself). */
export interface ConfigPlanClient {
  config: {
    plan(document: ConfigDocument, params?: ConfigPlanParams, options?: RequestOptions): Promise<Plan>;
    apply(document: ConfigDocument, params: ConfigApplyParams, options?: RequestOptions): Promise<ConfigApplyResult>;
  };
}

/**
 * Plans `document` on the platform, with the local secret values for the secrets it lists. A listed secret that is
 * missing, or whose digest differs from the document's, is a change; without a local value it is also a blocker,
 * because apply could not make it.
 *
 * @example
 * ```ts
 * const plan = await planDocument(client, document, { prune: false, values });
 * if (plan.blockers.length === 0 && plan.changes.length > 0) await applyPlan(client, document, plan, { prune: false });
 * ```
 */
export async function planDocument(
  client: ConfigPlanClient,
  document: ConfigDocument,
  options: { prune: boolean; values: ReadonlyMap<string, string>; signal?: AbortSignal },
): Promise<DocumentPlan> {
  const secretValues = secretValuesFor(document, options.values);
  const server = await client.config.plan(
    document,
    { prune: options.prune, ...(secretValues === undefined ? {} : { secretValues }) },
    options.signal ? { signal: options.signal } : {},
  );
  return { server, changes: server.changes, blockers: server.blockers, summary: server.summary, secretValues };
}

/**
 * Applies exactly a reviewed plan: the document and its secret values in one request with the plan's digest, so the
 * platform applies all of it or nothing and refuses (`plan_stale`) when anything changed since.
 *
 * @example
 * ```ts
 * const { releases } = await applyPlan(client, document, plan, { prune: false });
 * ```
 */
export function applyPlan(
  client: ConfigPlanClient,
  document: ConfigDocument,
  plan: Pick<DocumentPlan, 'server' | 'secretValues'>,
  options: { prune: boolean; signal?: AbortSignal },
): Promise<ConfigApplyResult> {
  return client.config.apply(
    document,
    { planDigest: plan.server.digest, prune: options.prune, ...(plan.secretValues === undefined ? {} : { secretValues: plan.secretValues }) },
    options.signal ? { signal: options.signal } : {},
  );
}

const SIGNS = { create: '+', update: '~', delete: '-' } as const;

/**
 * The plan for people: one line per change (`+ create var prod/web LOG_LEVEL`), field changes indented (for
 * secrets, the digest before and after), blockers, and a summary line; never a secret value.
 *
 * @example
 * ```ts
 * process.stderr.write(formatPlan(plan));
 * ```
 */
export function formatPlan(plan: Pick<DocumentPlan, 'changes' | 'blockers' | 'summary'>): string {
  const lines: string[] = [];
  for (const c of plan.changes) {
    const where = c.app === null ? c.network : `${c.network}/${c.app}`;
    lines.push(`${SIGNS[c.action]} ${c.action} ${c.resource} ${where}${c.key !== null ? ` ${c.key}` : ''}${c.resource === 'secret' && c.action !== 'delete' ? ' (value not shown)' : ''}`);
    for (const f of c.fields) lines.push(`    ${f.name}: ${JSON.stringify(f.before)} → ${JSON.stringify(f.after)}`);
  }
  for (const b of plan.blockers) lines.push(`! blocked: ${b.message}`);
  const { create, update, delete: del } = plan.summary;
  lines.push(plan.changes.length === 0 && plan.blockers.length === 0 ? 'No changes: the platform matches the document.' : `Plan: ${create} to create, ${update} to update, ${del} to delete.`);
  return `${lines.join('\n')}\n`;
}
