import { safeParseFast } from '@max/rig-sdk';
import * as z from 'zod/mini';
import {
  AppSchema,
  DashboardSchema,
  EnvSourceSchema,
  EventRevertResultSchema,
  EventSchema,
  NetworkSchema,
  openEnum,
  PlanBlockerSchema,
  PlanChangeSchema,
  PlanSummarySchema,
  ReleaseRefSchema,
  ReleaseSchema,
  SecretSchema,
  Sha256DigestSchema,
  VarSchema,
} from './wire-schemas.js';
import { LogRecordSchema } from './log-schemas.js';
import { CommandResultSchema, ShellResultSchema, ShellSessionSchema } from './remote-schemas.js';
import { DeployDryRunSchema, DeployEventLineSchema, DeployResultSchema, RollbackResultSchema } from './deploy-schemas.js';

/**
 * What each command prints with `-o json` (and `-o jsonl`), as zod schemas: THE registry of rig's machine
 * contract. `main.ts` loads it in the machine modes only and hands the command's entry to `Output`, which parses
 * every JSON value through it before writing (so the output cannot drift from the contract, and fields the
 * contract does not name are dropped). `docs/cli/json/<command>.schema.json` is generated from it.
 */
export type OutputContract =
  | {
      /** The `-o json` document. */
      readonly json: z.ZodMiniType;
      /** One `-o jsonl` line, when it differs from the document (lists print one element per line). */
      readonly line?: z.ZodMiniType;
    }
  /** The output is a config document, whose schema is published from the OpenAPI spec (`config-document.schema.json`). */
  | { readonly document: 'config-document' };

const list = (item: z.ZodMiniType) => ({ json: z.array(item), line: item });
const oneOrList = (item: z.ZodMiniType) => ({ json: z.union([item, z.array(item)]), line: item });
const scope = { network: z.string(), app: z.nullable(z.string()) };

const EnvEntryViewSchema = z.object({
  key: z.string(),
  source: EnvSourceSchema,
  value: z
    .nullable(z.string())
    .check(z.describe('The value the process sees; null for secrets, and for platform values fixed only when a process starts (PORT before a process runs).')),
  digest: z.optional(Sha256DigestSchema.check(z.describe('Secrets only: the digest of the value.'))),
  overridden: z.array(EnvSourceSchema).check(z.describe('Lower-precedence sources that also define this key, lowest first.')),
});

const PlanViewSchema = {
  plan_digest: Sha256DigestSchema,
  changes: z.array(PlanChangeSchema),
  summary: PlanSummarySchema,
};

export const outputContracts: Readonly<Record<string, OutputContract>> = {
  login: {
    json: z.object({
      api_url: z.string(),
      user: z.object({ id: z.string(), email: z.string(), name: z.optional(z.nullable(z.string())) }),
      scope: openEnum(['read', 'deploy', 'admin']),
      credential_store: z.enum(['keychain', 'file']),
      fallback_reason: z.optional(z.string()),
      network: z.optional(z.string().check(z.describe('--oidc: the only network the minted token may touch.'))),
      trust_policy_id: z.optional(z.string().check(z.describe('--oidc: the trust policy that admitted the ID token.'))),
      expires_in: z.optional(z.int().check(z.describe('--oidc: seconds until the minted token expires (no refresh token; re-exchanged in the same job).'))),
      oidc_source: z.optional(z.string().check(z.describe('--oidc: where the ID token came from: `env:<NAME>` or `github-actions`.'))),
    }),
  },
  logout: {
    json: z.object({
      api_url: z.string(),
      was_logged_in: z.boolean(),
      revoked: z.boolean(),
      removed_from: z.array(z.enum(['keychain', 'file'])),
      reason: z.optional(z.string()),
    }),
  },
  whoami: {
    json: z.object({
      user: z.object({ id: z.string(), email: z.string(), name: z.nullable(z.string()), created_at: z.string() }),
      auth: z.object({
        type: openEnum(['access_token', 'api_token']),
        scope: openEnum(['read', 'deploy', 'admin']),
        expires_at: z.nullable(z.string()),
        network: z.optional(z.nullable(z.string()).check(z.describe('The only network this credential may touch (an OIDC-minted token); absent otherwise.'))),
        oidc: z.optional(
          z.nullable(z.object({ trust_policy_id: z.string(), issuer: z.string(), subject: z.string() })).check(z.describe('Set when the token was minted from an OIDC ID token.')),
        ),
      }),
      api_url: z.string(),
      api_url_source: z.enum(['flag', 'profile', 'env', 'config', 'default']),
      context: z.nullable(z.string()).check(z.describe('The context (named API URL, `rig context list`) of `api_url`, or null when none names it.')),
      credential: z.object({
        source: z.enum(['env', 'keychain', 'file']),
        location: z.string(),
        fallback_reason: z.optional(z.string()),
        login: z.optional(openEnum(['session', 'api_token', 'oidc']).check(z.describe('How the stored credential was obtained (absent for RIG_TOKEN).'))),
      }),
    }),
  },
  completion: { json: z.object({ shell: z.enum(['bash', 'zsh', 'fish']), script: z.string() }) },
  'context list': list(
    z.object({
      name: z.string(),
      api_url: z.string(),
      current: z.boolean(),
      logged_in: z.boolean(),
      user: z.nullable(z.object({ id: z.string(), email: z.string() })),
      credential_store: z.nullable(z.enum(['keychain', 'file'])),
    }),
  ),
  'context use': { json: z.object({ name: z.string(), api_url: z.string(), current: z.literal(true) }) },
  'create network': { json: NetworkSchema },
  'create app': { json: AppSchema },
  'status network': oneOrList(NetworkSchema),
  'status app': oneOrList(AppSchema),
  'details network': { json: NetworkSchema },
  'details app': { json: z.extend(AppSchema, { env: z.array(EnvEntryViewSchema) }) },
  'update app': { json: AppSchema },
  'delete network': { json: z.object({ name: z.string(), deleted: z.literal(true) }) },
  'delete app': { json: z.object({ network: z.string(), name: z.string(), deleted: z.literal(true) }) },
  'create var': { json: z.object({ ...scope, vars: z.array(VarSchema), releases: z.array(ReleaseRefSchema) }) },
  'delete var': { json: z.object({ ...scope, unset: z.array(z.string()), releases: z.array(ReleaseRefSchema) }) },
  'status var': list(VarSchema),
  'create secret': { json: z.object({ ...scope, secrets: z.array(SecretSchema), releases: z.array(ReleaseRefSchema) }) },
  'delete secret': { json: z.object({ ...scope, unset: z.array(z.string()), releases: z.array(ReleaseRefSchema) }) },
  'status secret': list(SecretSchema),
  'status dashboard': { json: DashboardSchema },
  'config export': { document: 'config-document' },
  'config diff': {
    json: z.object({
      in_sync: z.boolean().check(z.describe('True when applying the document would change nothing (exit 0); false otherwise (exit 5).')),
      ...PlanViewSchema,
      blockers: z.array(PlanBlockerSchema),
    }),
  },
  'config apply': {
    json: z.object({
      applied: z.boolean().check(z.describe('False when there was nothing to change.')),
      ...PlanViewSchema,
      releases: z.array(ReleaseRefSchema),
    }),
  },
  deploy: { json: z.union([DeployResultSchema, DeployDryRunSchema]), line: z.union([DeployEventLineSchema, DeployDryRunSchema]) },
  releases: list(ReleaseSchema),
  'rollback app': { json: RollbackResultSchema },
  history: list(EventSchema),
  revert: { json: EventRevertResultSchema },
  'logs app': list(LogRecordSchema),
  'logs build': list(LogRecordSchema),
  'logs network': list(LogRecordSchema),
  'shell app': { json: ShellResultSchema },
  'shell network': { json: ShellResultSchema },
  'shell attach': { json: ShellResultSchema },
  'shell list': list(ShellSessionSchema),
  'shell kill': { json: ShellSessionSchema },
  command: { json: CommandResultSchema },
};

/**
 * Checks a value against a contract schema with the SDK's compiled fast path: zod's result exactly, without its
 * per-value cost on thousands of rows (`rig status app` of every network; ADR 0017).
 */
export const parseContractValue: (schema: z.ZodMiniType, value: unknown) => ReturnType<z.ZodMiniType['safeParse']> = safeParseFast;

/** The contract of a command; every command has one (the docs test checks). */
export function outputContract(command: string): OutputContract {
  const contract = outputContracts[command];
  if (!contract) throw new Error(`No JSON output contract for \`rig ${command}\`.`);
  return contract;
}
