import { createHash } from 'node:crypto';
import type { ConfigDocument, MaxClient, Plan, PlanBlocker, PlanChange } from '@max/rig-sdk';
import type { CommandContext } from './context.js';
import { CliError, UsageError } from './errors/cli-error.js';
import { ExitCode } from './errors/exit-codes.js';
import { readEnvFile, readInputFile } from './read-input-file.js';

/**
 * Config as code on the client side: reading a document, and completing the platform's plan with what only the
 * client knows — secret values from an env file, compared with the platform by digest (the platform never sees
 * a value in a document, so its plan cannot). Values never leave this module except to `secrets.set`.
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

/** Secret values to write at one scope before (or while) the document is applied. */
export interface SecretWrite {
  readonly network: string;
  readonly app: string | null;
  readonly values: Record<string, string>;
  /** The network or app does not exist yet: the plan creates it. */
  readonly newScope: boolean;
}

export interface FullPlan {
  /** The platform's plan. */
  readonly server: Plan;
  /** The platform's changes plus secret creates/updates from local values, in apply order. */
  readonly changes: PlanChange[];
  readonly blockers: PlanBlocker[];
  readonly summary: { create: number; update: number; delete: number };
  readonly writes: SecretWrite[];
}

interface ListedSecret {
  readonly network: string;
  readonly app: string | null;
  readonly key: string;
}

function listedSecrets(document: ConfigDocument): ListedSecret[] {
  return (document.networks ?? []).flatMap((n) => [
    ...(n.secrets ?? []).map((key) => ({ network: n.name, app: null, key })),
    ...(n.apps ?? []).flatMap((a) => (a.secrets ?? []).map((key) => ({ network: n.name, app: a.name, key }))),
  ]);
}

const scopeId = (network: string, app: string | null) => `${network}/${app ?? ''}`;

/** Reads `--secrets-from-env-file` (or nothing). */
export async function readSecretValues(ctx: CommandContext, path: string | undefined): Promise<Map<string, string>> {
  if (path === undefined) return new Map();
  return new Map((await readEnvFile(ctx.io.cwd, path, '--secrets-from-env-file')).map((e) => [e.key, e.value]));
}

/**
 * Plans `document` and adds the secret changes local values imply: a listed secret that is missing on the
 * platform but has a local value becomes a `create` (instead of a blocker); one whose digest differs from the
 * local value's becomes an `update`. Secrets are listed only for scopes that exist and have local values.
 */
export async function planDocument(
  client: MaxClient,
  document: ConfigDocument,
  options: { prune: boolean; values: ReadonlyMap<string, string>; signal: AbortSignal },
): Promise<FullPlan> {
  const server = await client.config.plan(document, { prune: options.prune }, { signal: options.signal });
  const created = new Set(
    server.changes.filter((c) => c.action === 'create' && (c.resource === 'network' || c.resource === 'app')).map((c) => (c.resource === 'network' ? scopeId(c.network, null) : scopeId(c.network, c.app))),
  );
  const isNew = (network: string, app: string | null) => created.has(scopeId(network, null)) || created.has(scopeId(network, app));
  const withValues = listedSecrets(document).filter((s) => options.values.has(s.key));

  const live = new Map<string, Map<string, string>>();
  for (const id of new Set(withValues.filter((s) => !isNew(s.network, s.app)).map((s) => scopeId(s.network, s.app)))) {
    const [network = '', app = ''] = id.split('/');
    const scope = app === '' ? { network } : { network, app };
    const secrets = await client.secrets.list(scope, { limit: 200 }, { signal: options.signal }).toArray();
    live.set(id, new Map(secrets.map((s) => [s.key, s.digest])));
  }

  const secretChanges: PlanChange[] = [];
  const writes = new Map<string, { network: string; app: string | null; values: Record<string, string>; newScope: boolean }>();
  for (const s of withValues) {
    const value = options.values.get(s.key) ?? '';
    const newScope = isNew(s.network, s.app);
    const current = newScope ? undefined : live.get(scopeId(s.network, s.app))?.get(s.key);
    if (current === secretDigest(value)) continue;
    secretChanges.push({ action: current === undefined ? 'create' : 'update', resource: 'secret', network: s.network, app: s.app, key: s.key, fields: [] });
    const id = scopeId(s.network, s.app);
    const write = writes.get(id) ?? { network: s.network, app: s.app, values: {}, newScope };
    write.values[s.key] = value;
    writes.set(id, write);
  }
  const resolved = (b: PlanBlocker) => b.reason === 'secret_missing' && b.key !== null && options.values.has(b.key);
  const changes = [...server.changes, ...secretChanges];
  return {
    server,
    changes,
    blockers: server.blockers.filter((b) => !resolved(b)),
    summary: {
      create: changes.filter((c) => c.action === 'create').length,
      update: changes.filter((c) => c.action === 'update').length,
      delete: changes.filter((c) => c.action === 'delete').length,
    },
    writes: [...writes.values()],
  };
}

const SIGNS = { create: '+', update: '~', delete: '-' } as const;

/** The plan for people: one line per change (`+ var prod/web LOG_LEVEL`), field changes indented; no secret values. */
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
