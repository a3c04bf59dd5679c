import { isPlainObject } from './config-file.js';

/** The user a credential belongs to, as `GET /api/v1/me` reported it at login. */
export interface CredentialUser {
  id: string;
  email: string;
}

/**
 * Where an OIDC login's ID tokens come from, so an expired access token can be re-exchanged in the same CI job:
 * an env var (`RIG_OIDC_TOKEN` or `--oidc-token-env`), or GitHub Actions' ID-token request endpoint.
 */
export type OidcCredentialSource = { kind: 'env'; name: string; audience: string } | { kind: 'github-actions'; audience: string };

/**
 * One stored login, keyed by its normalised API URL.
 * - `session`: access + refresh token pair from the device flow or a token exchange; refreshed transparently.
 * - `api_token`: a long-lived API token used directly as the bearer; never refreshed.
 * - `oidc`: a short-lived access token minted from a CI's OIDC ID token, bound to one network; no refresh token,
 *   re-exchanged from `oidc.source` when it expires (`rig login --oidc`).
 */
export interface CredentialRecord {
  /** Normalised API URL (see `normalizeApiUrl`). */
  apiUrl: string;
  kind: 'session' | 'api_token' | 'oidc';
  accessToken: string;
  refreshToken?: string;
  /** RFC 3339 time the access token expires; absent = no known expiry. */
  expiresAt?: string;
  user?: CredentialUser;
  scope: string;
  /** For `oidc` records: the ID-token source and what the token is bound to. */
  oidc?: { source: OidcCredentialSource; network: string; trustPolicyId: string };
}

function parseOidc(value: unknown): CredentialRecord['oidc'] | undefined {
  if (!isPlainObject(value) || !isPlainObject(value['source'])) return undefined;
  const { network, trustPolicyId } = value;
  const source = value['source'];
  if (typeof network !== 'string' || typeof trustPolicyId !== 'string' || typeof source['audience'] !== 'string') return undefined;
  if (source['kind'] === 'env' && typeof source['name'] === 'string') {
    return { source: { kind: 'env', name: source['name'], audience: source['audience'] }, network, trustPolicyId };
  }
  if (source['kind'] === 'github-actions') return { source: { kind: 'github-actions', audience: source['audience'] }, network, trustPolicyId };
  return undefined;
}

/** Checks the shape of a record read from a store; `null` when it is not a usable record. */
export function parseCredentialRecord(value: unknown): CredentialRecord | null {
  if (!isPlainObject(value)) return null;
  const { apiUrl, kind, accessToken, refreshToken, expiresAt, user, scope, oidc } = value;
  if (typeof apiUrl !== 'string' || typeof accessToken !== 'string' || accessToken === '') return null;
  if (kind !== 'session' && kind !== 'api_token' && kind !== 'oidc') return null;
  if (typeof scope !== 'string') return null;
  if (refreshToken !== undefined && typeof refreshToken !== 'string') return null;
  if (expiresAt !== undefined && (typeof expiresAt !== 'string' || Number.isNaN(Date.parse(expiresAt)))) return null;
  const record: CredentialRecord = { apiUrl, kind, accessToken, scope };
  if (refreshToken !== undefined) record.refreshToken = refreshToken;
  if (expiresAt !== undefined) record.expiresAt = expiresAt;
  if (isPlainObject(user) && typeof user['id'] === 'string' && typeof user['email'] === 'string') {
    record.user = { id: user['id'], email: user['email'] };
  }
  if (kind === 'oidc') {
    const parsed = parseOidc(oidc);
    if (!parsed) return null;
    record.oidc = parsed;
  }
  return record;
}

/** Default clock skew: an access token within 30 s of its expiry counts as expired. */
export const EXPIRY_SKEW_MS = 30_000;

/** True when the record's access token is expired or about to be (within `skewMs`). */
export function isAccessTokenExpired(record: CredentialRecord, nowMs: number, skewMs: number = EXPIRY_SKEW_MS): boolean {
  if (record.expiresAt === undefined) return false;
  return Date.parse(record.expiresAt) - skewMs <= nowMs;
}

/** The expiry time of a token issued at `nowMs` that lives `expiresInSeconds`. */
export function expiresAtFrom(nowMs: number, expiresInSeconds: number): string {
  return new Date(nowMs + expiresInSeconds * 1000).toISOString();
}
