import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import type { IssuerDirectory } from './issuer-directory.js';

/** Asymmetric signature algorithms accepted on ID tokens. `none` and HMAC (`HS*`) never are. */
export const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'] as const;

/** Tolerance for clock differences between the issuer and the platform on `exp`, `nbf` and `iat`. */
export const CLOCK_SKEW_SECONDS = 60;

/** Why an ID token was refused before any policy was consulted (`details.reason` of `invalid_id_token`). */
export type IdTokenRejection =
  | 'malformed'
  | 'alg_not_allowed'
  | 'unknown_issuer'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_claim';

export class IdTokenRejectedError extends Error {
  readonly reason: IdTokenRejection;
  /** What the token claims (unverified unless `verified`), for the audit event. Never the token itself. */
  readonly claims: UnverifiedClaims;
  constructor(reason: IdTokenRejection, message: string, claims: UnverifiedClaims) {
    super(message);
    this.name = 'IdTokenRejectedError';
    this.reason = reason;
    this.claims = claims;
  }
}

/** The claims the audit log records about an exchange attempt. */
export interface UnverifiedClaims {
  iss?: string;
  sub?: string;
  aud?: string[];
  repository?: string;
  ref?: string;
  environment?: string;
  jti?: string;
}

/** A verified ID token's claims that trust policies match on. */
export interface VerifiedIdToken {
  issuer: string;
  subject: string;
  audiences: string[];
  repository: string | null;
  ref: string | null;
  environment: string | null;
  jti: string | null;
  expiresAt: number;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length <= 1024 ? v : undefined);

function auditClaims(payload: JWTPayload): UnverifiedClaims {
  const aud = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud.filter((a) => typeof a === 'string') : undefined;
  const out: UnverifiedClaims = {};
  const set = (key: keyof Omit<UnverifiedClaims, 'aud'>, value: unknown): void => {
    const s = str(value);
    if (s !== undefined) out[key] = s;
  };
  set('iss', payload.iss);
  set('sub', payload.sub);
  set('repository', payload['repository']);
  set('ref', payload['ref']);
  set('environment', payload['environment']);
  set('jti', payload.jti);
  if (aud) out.aud = aud.slice(0, 10);
  return out;
}

/** The claims of a token as it claims them (unverified), for audit records; empty for anything undecodable. */
export function peekClaims(token: string): UnverifiedClaims {
  try {
    return auditClaims(decodeJwt(token));
  } catch {
    return {};
  }
}

export interface VerifyOptions {
  directory: IssuerDirectory;
  /** Epoch ms. */
  now: number;
  /** Normalised issuers that some trust policy names; anything else is `unknown_issuer` before any fetch. */
  isKnownIssuer(issuer: string): boolean;
  /** The audiences trust policies of this issuer accept. */
  audiencesOf(issuer: string): string[];
}

/**
 * Verifies an ID token: algorithm allow-list, known issuer, signature against the issuer's JWKS, `iss`, `aud`,
 * `exp`/`nbf`/`iat` with {@link CLOCK_SKEW_SECONDS}. Throws {@link IdTokenRejectedError} with a reason, or
 * `IssuerUnavailableError` when the issuer's keys cannot be had.
 */
export async function verifyIdToken(token: string, options: VerifyOptions): Promise<VerifiedIdToken> {
  let header: ReturnType<typeof decodeProtectedHeader>;
  let unverified: JWTPayload;
  try {
    if (token.split('.').length !== 3) throw new Error('not three parts');
    header = decodeProtectedHeader(token);
    unverified = decodeJwt(token);
  } catch {
    throw new IdTokenRejectedError('malformed', 'The ID token is not a compact JWT (header.payload.signature).', {});
  }
  const claims = auditClaims(unverified);
  const alg = typeof header.alg === 'string' ? header.alg : '';
  if (!(ALLOWED_ALGORITHMS as readonly string[]).includes(alg)) {
    const why = alg.toLowerCase() === 'none' ? 'unsigned tokens (alg "none") are never accepted' : alg.startsWith('HS') ? 'HMAC algorithms are never accepted' : 'it is not an accepted algorithm';
    throw new IdTokenRejectedError('alg_not_allowed', `The ID token's alg "${alg.slice(0, 20)}" is refused: ${why}. Accepted: ${ALLOWED_ALGORITHMS.join(', ')}.`, claims);
  }
  const issuer = typeof unverified.iss === 'string' ? unverified.iss.replace(/\/+$/, '') : '';
  if (!issuer) throw new IdTokenRejectedError('missing_claim', 'The ID token has no "iss" claim.', claims);
  if (!options.isKnownIssuer(issuer)) {
    throw new IdTokenRejectedError('unknown_issuer', `No trust policy names the issuer ${JSON.stringify(issuer.slice(0, 200))}.`, claims);
  }
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  const jwks = await options.directory.keys(issuer, kid);
  const nowSeconds = Math.floor(options.now / 1000);
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, createLocalJWKSet(jwks), {
      issuer: [issuer, `${issuer}/`],
      algorithms: [...ALLOWED_ALGORITHMS],
      clockTolerance: CLOCK_SKEW_SECONDS,
      currentDate: new Date(options.now),
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    throw rejection(error, claims, nowSeconds);
  }
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  const accepted = options.audiencesOf(issuer);
  if (!audiences.some((a) => accepted.includes(a))) {
    throw new IdTokenRejectedError(
      'wrong_audience',
      `The ID token's audience ${JSON.stringify(audiences.slice(0, 5))} is not one this platform accepts for its issuer (request the token with audience "${accepted[0] ?? 'max'}").`,
      claims,
    );
  }
  if (typeof payload.iat === 'number' && payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw new IdTokenRejectedError('not_yet_valid', `The ID token was issued in the future (iat ${new Date(payload.iat * 1000).toISOString()}).`, claims);
  }
  return {
    issuer,
    subject: String(payload.sub),
    audiences,
    repository: str(payload['repository']) ?? null,
    ref: str(payload['ref']) ?? null,
    environment: str(payload['environment']) ?? null,
    jti: str(payload.jti) ?? null,
    expiresAt: Number(payload.exp) * 1000,
  };
}

function rejection(error: unknown, claims: UnverifiedClaims, nowSeconds: number): IdTokenRejectedError {
  const code = (error as { code?: string }).code;
  const claim = (error as { claim?: string }).claim;
  const payload = (error as { payload?: JWTPayload }).payload;
  switch (code) {
    case 'ERR_JWKS_NO_MATCHING_KEY':
      return new IdTokenRejectedError('unknown_key', 'The ID token is signed with a key its issuer does not publish (unknown kid).', claims);
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return new IdTokenRejectedError('bad_signature', "The ID token's signature does not verify against its issuer's published keys.", claims);
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
      return new IdTokenRejectedError('alg_not_allowed', `The ID token's algorithm is not accepted (${ALLOWED_ALGORITHMS.join(', ')}).`, claims);
    case 'ERR_JWT_EXPIRED': {
      const exp = typeof payload?.exp === 'number' ? ` at ${new Date(payload.exp * 1000).toISOString()}` : '';
      return new IdTokenRejectedError('expired', `The ID token expired${exp} (clock skew allowed: ${CLOCK_SKEW_SECONDS} s); request a fresh one.`, claims);
    }
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED': {
      if (claim === 'nbf') {
        const nbf = typeof payload?.nbf === 'number' ? ` before ${new Date(payload.nbf * 1000).toISOString()}` : '';
        return new IdTokenRejectedError('not_yet_valid', `The ID token is not valid${nbf} (now ${new Date(nowSeconds * 1000).toISOString()}, clock skew allowed: ${CLOCK_SKEW_SECONDS} s).`, claims);
      }
      if (claim === 'iss') return new IdTokenRejectedError('unknown_issuer', "The ID token's issuer does not match.", claims);
      const reason = (error as { reason?: string }).reason;
      if (reason === 'missing') return new IdTokenRejectedError('missing_claim', `The ID token has no "${claim}" claim.`, claims);
      return new IdTokenRejectedError('malformed', `The ID token's "${claim}" claim is invalid.`, claims);
    }
    default:
      return new IdTokenRejectedError('malformed', 'The ID token could not be verified: it is malformed.', claims);
  }
}
