import type { components } from './generated/openapi.js';

/**
 * Every error code of Max API v1 with the HTTP status it travels with. One table so the server picks statuses and
 * clients map codes from the same place. The spec's `ErrorCode` enum must list exactly these keys; the type
 * assertions below fail to compile when the two disagree.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  network_not_empty: 409,
  idempotency_key_reused: 409,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
  payload_too_large: 413,
  unsupported_media_type: 415,
  // The bytes of an uploaded blob or pack entry do not hash to the digest they were sent under.
  digest_mismatch: 422,
  // A deployment was finalized before all of its manifest's blobs were uploaded (details.missing).
  blobs_missing: 409,
  // The operation does not apply in the resource's current state (cancel a finished deployment, nothing to roll back to).
  invalid_state: 409,
  // config apply: the platform changed since the reviewed plan (plan_digest no longer matches).
  plan_stale: 409,
  // config apply: the plan has blockers (details.blockers).
  plan_blocked: 409,
  not_revertible: 409,
  // Shell and run creates: the caller already has the per-user maximum of live sessions or runs (details.kind/limit/live).
  session_limit: 429,
  // OIDC exchange: the ID token failed verification (details.reason: expired, bad_signature, unknown_issuer, …).
  invalid_id_token: 401,
  // OIDC exchange: a valid ID token whose claims match no trust policy of its issuer.
  no_matching_trust_policy: 403,
  // Device authorization polling (RFC 8628 §3.5): HTTP 400 with these codes.
  authorization_pending: 400,
  slow_down: 400,
  expired_token: 400,
  access_denied: 400,
} as const satisfies Record<components['schemas']['ErrorCode'], number>;

/** A stable, machine-readable error code of Max API v1. */
export type ErrorCode = keyof typeof ERROR_STATUS;

/** All error codes, in the order of {@link ERROR_STATUS}. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as readonly ErrorCode[];

/** The device-flow poll codes that mean "not (yet) approved". */
export const DEVICE_FLOW_ERROR_CODES = [
  'authorization_pending',
  'slow_down',
  'expired_token',
  'access_denied',
] as const satisfies readonly ErrorCode[];

/**
 * Whether `code` is a known error code. Clients treat unknown codes by HTTP status.
 *
 * @example
 * isErrorCode('token_expired'); // true
 */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_STATUS, code);
}

// Compile-time proof that the spec's enum and this table have the same members (both directions).
type Equals<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _errorCodesMatchSpec: Equals<ErrorCode, components['schemas']['ErrorCode']> = true;
void _errorCodesMatchSpec;
