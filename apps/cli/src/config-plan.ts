import { createHash } from 'node:crypto';
import type { ConfigDocument, ConfigSecretValues, MaxClient, Plan, PlanBlocker, PlanChange } from '@max/rig-sdk';
import type { CommandContext } from './context.js';
import { CliError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';
import { readEnvFile, readInputFile } from './read-input-file.js';

/**
 * Config as code on the client side: reading a document and the secret values that go with it, and planning
 * both against the platform. Secrets are compared by digest on the platform; values from an env file travel
 * only as the write-only `secret_values` of the plan and the apply request, never anywhere else.
 */

/** Reads a config document (JSON). Shape errors beyond "a JSON object" are the platform's to report (exit 6). */
export async function readConfigDocument(cwd: string, path: string): Promise<ConfigDocument> {
  const text = await readInputFile(cwd, path, 'the config document');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}.`, ExitCode.RejectedInput, 'invalid_document', 'Write it with `rig config export`; the schema is docs/cli/json/config-document.schema.json.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new CliError(`${path} is not a config document (expected a JSON object with "version" and "networks").`, ExitCode.RejectedInput, 'invalid_document');
  }
  return parsed as ConfigDocument;
}

/** The digest the platform shows for a secret value. */
export function secretDigest(value: string): string {
  return `sha256:${createHash('sha256').update(value, 'utf8').digest('hex')}`;
}

/** Reads `--secrets-from-env-file` (or nothing). */
export async function readSecretValues(ctx: CommandContext, path: string | undefined): Promise<Map<string, string>> {
  if (path === undefined) return new Map();
  return new Map((await readEnvFile(ctx.io.cwd, path, '--secrets-from-env-file')).map((e) => [e.key, e.value]));
}

/**
 * The env file's values as the platform takes them: for every scope whose `secrets` list a key the file has,
 * that key's value (`{"<network>": {...}, "<network>/<app>": {...}}`). Keys the document does not list are
 * not sent. Undefined when there is nothing to send.
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

export interface FullPlan {
  /** The platform's plan: secrets compared by digest, supplied values included. */
  readonly server: Plan;
  readonly changes: PlanChange[];
  readonly blockers: PlanBlocker[];
  readonly summary: { create: number; update: number; delete: number };
  /** What to send again with `apply`, so it applies exactly the reviewed plan (write-only; never printed). */
  readonly secretValues: ConfigSecretValues | undefined;
}

/**
 * Plans `document` on the platform, with the local secret values for the secrets it lists. A listed secret
 * that is missing, or whose digest differs from the document's, is a change; without a local value it is
 * also a blocker, because apply could not make it.
 */
export async function planDocument(
  client: MaxClient,
  document: ConfigDocument,
  options: { prune: boolean; values: ReadonlyMap<string, string>; signal: AbortSignal },
): Promise<FullPlan> {
  const secretValues = secretValuesFor(document, options.values);
  const server = await client.config.plan(
    document,
    { prune: options.prune, ...(secretValues === undefined ? {} : { secretValues }) },
    { signal: options.signal },
  );
  return { server, changes: server.changes, blockers: server.blockers, summary: server.summary, secretValues };
}

const SIGNS = { create: '+', update: '~', delete: '-' } as const;

/**
 * The plan for people: one line per change (`+ var prod/web LOG_LEVEL`), field changes indented (for secrets,
 * the digest before and after); no secret values.
 */
export function renderPlan(plan: Pick<FullPlan, 'changes' | 'blockers' | 'summary'>): string {
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

/** `--prune` (boolean). */
export function pruneOption(value: string | boolean | undefined): boolean {
  if (value !== undefined && typeof value !== 'boolean') throw new UsageError('--prune takes no value.');
  return value === true;
}
