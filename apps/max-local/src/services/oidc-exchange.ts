import { ApiError } from '../http/api-error.js';
import { IssuerDirectory, IssuerUnavailableError } from '../oidc/issuer-directory.js';
import { IdTokenRejectedError, peekClaims, verifyIdToken, type UnverifiedClaims, type VerifiedIdToken } from '../oidc/id-token.js';
import type { ServiceContext } from './context.js';
import type { EventActor } from './event-log.js';
import { MAX_TOKEN_TTL_SECONDS, type TrustPolicy, type TrustPolicyScope, type TrustPolicyService } from './trust-policies.js';
import type { TokenService } from './tokens.js';
import type { UserService } from './users.js';

/** The wire answer of `POST /api/v1/auth/oidc/token`. */
export interface OidcTokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: TrustPolicyScope;
  network: string;
  trust_policy_id: string;
}

const SYSTEM_ACTOR: EventActor = { type: 'system', id: 'max-local', email: null };

/** Audit details of an attempt: what the token claimed (never the token), the outcome and the reason. */
function attemptDetails(claims: UnverifiedClaims, verified: boolean): Record<string, unknown> {
  return {
    issuer: claims.iss ?? null,
    subject: claims.sub ?? null,
    audience: claims.aud ?? null,
    repository: claims.repository ?? null,
    ref: claims.ref ?? null,
    environment: claims.environment ?? null,
    jti: claims.jti ?? null,
    claims_verified: verified,
  };
}

const verifiedClaims = (token: VerifiedIdToken): UnverifiedClaims => ({
  iss: token.issuer,
  sub: token.subject,
  aud: token.audiences,
  ...(token.repository === null ? {} : { repository: token.repository }),
  ...(token.ref === null ? {} : { ref: token.ref }),
  ...(token.environment === null ? {} : { environment: token.environment }),
  ...(token.jti === null ? {} : { jti: token.jti }),
});

/**
 * `POST /api/v1/auth/oidc/token`: verifies a CI provider's ID token, matches it to a trust policy and mints a
 * short-lived access token bound to that policy's network and scope. Every attempt is an audit event: a grant in
 * the policy owner's history; a refusal in the history of every user with a policy for the token's (claimed)
 * issuer, or — when no policy names it — in the platform owner's.
 */
export class OidcExchangeService {
  readonly #ctx: ServiceContext;
  readonly #policies: TrustPolicyService;
  readonly #tokens: TokenService;
  readonly #users: UserService;
  readonly directory: IssuerDirectory;

  constructor(
    ctx: ServiceContext,
    deps: { policies: TrustPolicyService; tokens: TokenService; users: UserService; fetch?: typeof fetch },
  ) {
    this.#ctx = ctx;
    this.#policies = deps.policies;
    this.#tokens = deps.tokens;
    this.#users = deps.users;
    this.directory = new IssuerDirectory({ now: () => ctx.clock.now(), ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  }

  async exchange(idToken: string): Promise<OidcTokenResponse> {
    let verified: VerifiedIdToken;
    try {
      verified = await verifyIdToken(idToken, {
        directory: this.directory,
        now: this.#ctx.clock.now(),
        isKnownIssuer: (issuer) => this.#policies.isKnownIssuer(issuer),
        audiencesOf: (issuer) => [...new Set(this.#policies.byIssuer(issuer).map((p) => p.audience))],
      });
    } catch (error) {
      if (error instanceof IdTokenRejectedError) {
        this.#refused(error.reason, error.message, error.claims, false);
        throw new ApiError(401, 'invalid_id_token', error.message, {
          details: { reason: error.reason },
          headers: { 'www-authenticate': 'Bearer realm="max", error="invalid_token"' },
        });
      }
      if (error instanceof IssuerUnavailableError) {
        this.#refused(error.reason, error.message, peekClaims(idToken), false);
        throw new ApiError(503, 'unavailable', error.message, { details: { reason: error.reason } });
      }
      throw error;
    }
    const policy = this.#policies.match(verified.issuer, verified);
    if (!policy) {
      const message =
        `No trust policy of ${verified.issuer} admits this token (repository ${JSON.stringify(verified.repository)}, ` +
        `ref ${JSON.stringify(verified.ref)}, environment ${JSON.stringify(verified.environment)}). ` +
        'Add one with "max-local oidc trust add" or POST /api/v1/oidc/trust-policies.';
      this.#refused('no_matching_policy', message, verifiedClaims(verified), true);
      throw new ApiError(403, 'no_matching_trust_policy', message, {
        details: { repository: verified.repository, ref: verified.ref, environment: verified.environment },
      });
    }
    return this.#grant(policy, verified);
  }

  #grant(policy: TrustPolicy, token: VerifiedIdToken): OidcTokenResponse {
    const { db, events } = this.#ctx;
    return db.transaction(() => {
      const user = this.#users.byId(policy.userId);
      if (!user) throw new ApiError(403, 'no_matching_trust_policy', 'The trust policy has no owner any more.');
      const ttl = Math.min(policy.tokenTtlSeconds, MAX_TOKEN_TTL_SECONDS);
      const minted = this.#tokens.issueBoundAccessToken(user, policy.scope, {
        network: policy.network,
        trustPolicyId: policy.id,
        issuer: token.issuer,
        subject: token.subject,
        ttlSeconds: ttl,
      });
      events.append({
        userId: user.id,
        action: 'auth.oidc_exchange',
        actor: { type: 'system', id: `oidc:${token.subject}`.slice(0, 255), email: null },
        target: { type: 'trust_policy', id: policy.id, network: policy.network },
        details: {
          outcome: 'granted',
          ...attemptDetails(verifiedClaims(token), true),
          trust_policy_id: policy.id,
          network: policy.network,
          scope: policy.scope,
          session_id: minted.sessionId,
          access_token_id: minted.accessTokenId,
          expires_at: new Date(minted.expiresAt).toISOString(),
        },
      });
      return {
        access_token: minted.accessToken,
        token_type: 'Bearer' as const,
        expires_in: minted.expiresIn,
        scope: policy.scope,
        network: policy.network,
        trust_policy_id: policy.id,
      };
    });
  }

  /** Records a refused attempt in the histories of those who can act on it (see the class comment). */
  #refused(reason: string, message: string, claims: UnverifiedClaims, verified: boolean): void {
    const { db, events } = this.#ctx;
    const issuer = claims.iss?.replace(/\/+$/, '');
    db.transaction(() => {
      const owners = issuer ? [...new Set(this.#policies.byIssuer(issuer).map((p) => p.userId))] : [];
      if (owners.length === 0) owners.push(this.#users.ensureOwner().id);
      for (const userId of owners) {
        events.append({
          userId,
          action: 'auth.oidc_exchange_refused',
          actor: SYSTEM_ACTOR,
          target: { type: 'oidc_issuer', id: (issuer ?? 'unknown').slice(0, 255) },
          details: { outcome: 'refused', reason, message, ...attemptDetails(claims, verified) },
        });
      }
    });
  }
}
