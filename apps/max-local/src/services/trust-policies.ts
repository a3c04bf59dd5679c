import { newId } from '../auth/secrets.js';
import { notFound, validationFailed, type FieldError } from '../http/api-error.js';
import { checkIssuerUrl } from '../oidc/issuer-url.js';
import type { ServiceContext } from './context.js';
import type { EventActor } from './event-log.js';
import type { NetworkService } from './networks.js';
import { keyset, paginate } from './pagination.js';
import type { TokenService } from './tokens.js';

/** Scopes a trust policy may grant: CI never gets `admin` (it could mint unbound API tokens). */
export const TRUST_POLICY_SCOPES = ['read', 'deploy'] as const;
export type TrustPolicyScope = (typeof TRUST_POLICY_SCOPES)[number];

export const DEFAULT_OIDC_AUDIENCE = 'max';
export const DEFAULT_TOKEN_TTL_SECONDS = 900;
export const MAX_TOKEN_TTL_SECONDS = 3600;
const MIN_TOKEN_TTL_SECONDS = 60;

export interface TrustPolicy {
  id: string;
  userId: string;
  issuer: string;
  audience: string;
  repository: string;
  ref: string | null;
  environment: string | null;
  network: string;
  scope: TrustPolicyScope;
  tokenTtlSeconds: number;
  createdAt: number;
}

interface TrustPolicyRow {
  id: string;
  user_id: string;
  issuer: string;
  audience: string;
  repository: string;
  ref: string | null;
  environment: string | null;
  network: string;
  scope: TrustPolicyScope;
  token_ttl_seconds: number;
  created_at: number;
}

const COLUMNS = 'p.id, p.user_id, p.issuer, p.audience, p.repository, p.ref, p.environment, p.network, p.scope, p.token_ttl_seconds, p.created_at';

const toPolicy = (row: TrustPolicyRow): TrustPolicy => ({
  id: row.id,
  userId: row.user_id,
  issuer: row.issuer,
  audience: row.audience,
  repository: row.repository,
  ref: row.ref,
  environment: row.environment,
  network: row.network,
  scope: row.scope,
  tokenTtlSeconds: row.token_ttl_seconds,
  createdAt: row.created_at,
});

export interface TrustPolicyInput {
  issuer: string;
  audience?: string | null | undefined;
  repository: string;
  ref?: string | null | undefined;
  environment?: string | null | undefined;
  network: string;
  scope: string;
  tokenTtlSeconds?: number | null | undefined;
}

const REPOSITORY = /^[A-Za-z0-9_.-]{1,100}\/[A-Za-z0-9_.-]{1,100}$/;

/** The claims of a verified ID token that policies match on. */
export interface MatchClaims {
  repository: string | null;
  ref: string | null;
  environment: string | null;
  audiences: string[];
}

/** True when `ref` satisfies the policy's ref pattern: exact, or a prefix when it ends in one `*`. */
export function refMatches(pattern: string | null, ref: string | null): boolean {
  if (pattern === null) return true;
  if (ref === null) return false;
  return pattern.endsWith('*') ? ref.startsWith(pattern.slice(0, -1)) : ref === pattern;
}

/** Whether a policy admits a token's claims (repository case-insensitively, as GitHub treats names). */
export function policyMatches(policy: TrustPolicy, claims: MatchClaims): boolean {
  return (
    claims.audiences.includes(policy.audience) &&
    claims.repository !== null &&
    claims.repository.toLowerCase() === policy.repository.toLowerCase() &&
    refMatches(policy.ref, claims.ref) &&
    (policy.environment === null || policy.environment === claims.environment)
  );
}

/** More specific policies win: ref and environment constraints count, then the oldest. */
function specificity(policy: TrustPolicy): number {
  return (policy.ref === null ? 0 : policy.ref.endsWith('*') ? 1 : 2) + (policy.environment === null ? 0 : 4);
}

/**
 * OIDC trust policies: "ID tokens from issuer I for repository R (ref F, environment E) may act as me on network N
 * with scope S". A user only sees their own; another user's policy answers 404.
 */
export class TrustPolicyService {
  readonly #ctx: ServiceContext;
  readonly #networks: NetworkService;
  readonly #tokens: TokenService;

  constructor(ctx: ServiceContext, deps: { networks: NetworkService; tokens: TokenService }) {
    this.#ctx = ctx;
    this.#networks = deps.networks;
    this.#tokens = deps.tokens;
  }

  create(userId: string, actor: EventActor, input: TrustPolicyInput): TrustPolicy {
    const fields: FieldError[] = [];
    const issuer = checkIssuerUrl(input.issuer);
    if (!issuer.ok) fields.push({ path: '/issuer', message: issuer.reason });
    if (!REPOSITORY.test(input.repository)) fields.push({ path: '/repository', message: 'must be owner/name' });
    if (!(TRUST_POLICY_SCOPES as readonly string[]).includes(input.scope)) {
      fields.push({ path: '/scope', message: 'must be read or deploy (admin is never granted to CI)' });
    }
    const ref = input.ref ?? null;
    if (ref !== null && (ref.length === 0 || ref.length > 255 || ref.indexOf('*') !== -1 && ref.indexOf('*') !== ref.length - 1)) {
      fields.push({ path: '/ref', message: 'must be 1 to 255 characters, with "*" only as the last one' });
    }
    const environment = input.environment ?? null;
    if (environment !== null && (environment.length === 0 || environment.length > 255)) {
      fields.push({ path: '/environment', message: 'must be 1 to 255 characters' });
    }
    const audience = input.audience ?? DEFAULT_OIDC_AUDIENCE;
    if (audience.length === 0 || audience.length > 255) fields.push({ path: '/audience', message: 'must be 1 to 255 characters' });
    const ttl = input.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    if (!Number.isInteger(ttl) || ttl < MIN_TOKEN_TTL_SECONDS || ttl > MAX_TOKEN_TTL_SECONDS) {
      fields.push({ path: '/token_ttl_seconds', message: `must be an integer from ${MIN_TOKEN_TTL_SECONDS} to ${MAX_TOKEN_TTL_SECONDS}` });
    }
    if (fields.length > 0 || !issuer.ok) throw validationFailed(fields);
    const { db, clock, events } = this.#ctx;
    return db.transaction(() => {
      // The network must be the caller's own (another user's answers 404, as everywhere).
      const network = this.#networks.require(userId, input.network);
      const row: TrustPolicyRow = {
        id: newId('tp'),
        user_id: userId,
        issuer: issuer.url,
        audience,
        repository: input.repository,
        ref,
        environment,
        network: network.name,
        scope: input.scope as TrustPolicyScope,
        token_ttl_seconds: ttl,
        created_at: clock.now(),
      };
      db.run(
        `INSERT INTO oidc_trust_policies (id, user_id, issuer, audience, repository, ref, environment, network, scope, token_ttl_seconds, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [row.id, row.user_id, row.issuer, row.audience, row.repository, row.ref, row.environment, row.network, row.scope, row.token_ttl_seconds, row.created_at],
      );
      events.append({
        userId,
        action: 'trust_policy.created',
        actor,
        target: { type: 'trust_policy', id: row.id, network: row.network },
        details: {
          issuer: row.issuer,
          audience: row.audience,
          repository: row.repository,
          ref: row.ref,
          environment: row.environment,
          scope: row.scope,
          token_ttl_seconds: row.token_ttl_seconds,
        },
      });
      return toPolicy(row);
    });
  }

  list(userId: string, query: { limit: number; cursor?: string | undefined }): { items: TrustPolicy[]; nextCursor: string | null } {
    const page = { ...query, sort: '-created_at' as const };
    const ks = keyset(page, 'p');
    const rows = this.#ctx.db.all<TrustPolicyRow>(
      `SELECT ${COLUMNS} FROM oidc_trust_policies p
        WHERE p.user_id = ? AND p.deleted_at IS NULL AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`,
      [userId, ...ks.params, query.limit + 1],
    );
    // Sorted by creation time only, so the cursor never reads `name` (policies have none).
    const result = paginate(rows.map((row) => ({ ...row, name: '' })), page);
    return { items: result.rows.map(toPolicy), nextCursor: result.nextCursor };
  }

  /** Deletes a policy and revokes every token minted through it. */
  delete(userId: string, actor: EventActor, policyId: string): void {
    const { db, clock, events } = this.#ctx;
    db.transaction(() => {
      const row = db.get<TrustPolicyRow>(
        `SELECT ${COLUMNS} FROM oidc_trust_policies p WHERE p.id = ? AND p.user_id = ? AND p.deleted_at IS NULL`,
        [policyId, userId],
      );
      if (!row) throw notFound(`Trust policy ${policyId} not found.`);
      db.run('UPDATE oidc_trust_policies SET deleted_at = ? WHERE id = ?', [clock.now(), policyId]);
      this.#tokens.revokeTrustPolicySessions(policyId);
      events.append({
        userId,
        action: 'trust_policy.deleted',
        actor,
        target: { type: 'trust_policy', id: policyId, network: row.network },
        details: { issuer: row.issuer, repository: row.repository },
      });
    });
  }

  /** Whether any live policy (of any user) names this issuer. */
  isKnownIssuer(issuer: string): boolean {
    return !!this.#ctx.db.get('SELECT 1 AS x FROM oidc_trust_policies WHERE issuer = ? AND deleted_at IS NULL LIMIT 1', [issuer]);
  }

  /** Every live policy of an issuer, across users. */
  byIssuer(issuer: string): TrustPolicy[] {
    return this.#ctx.db
      .all<TrustPolicyRow>(`SELECT ${COLUMNS} FROM oidc_trust_policies p WHERE p.issuer = ? AND p.deleted_at IS NULL ORDER BY p.created_at, p.id`, [issuer])
      .map(toPolicy);
  }

  /** The policy that admits these claims: the most specific, then the oldest; null when none does. */
  match(issuer: string, claims: MatchClaims): TrustPolicy | null {
    const candidates = this.byIssuer(issuer).filter((policy) => policyMatches(policy, claims));
    candidates.sort((a, b) => specificity(b) - specificity(a) || a.createdAt - b.createdAt || a.id.localeCompare(b.id));
    return candidates[0] ?? null;
  }
}
