// Token prefixes make leaked credentials greppable (by people and by secret scanners) and let a server tell the
// kinds apart before any database lookup.

/** Prefix of access tokens (short-lived session bearer tokens). */
export const ACCESS_TOKEN_PREFIX = 'mxa_';
/** Prefix of refresh tokens (single use; rotated on every refresh). */
export const REFRESH_TOKEN_PREFIX = 'mxr_';
/** Prefix of API tokens (long-lived, for scripts and CI; usable directly as bearer tokens). */
export const API_TOKEN_PREFIX = 'mxp_';

/** The kind of a token, as told by its prefix. */
export type TokenKind = 'access_token' | 'refresh_token' | 'api_token';

/**
 * Tells a token's kind from its prefix, or `undefined` for a string that is not a Max token.
 *
 * @example
 * tokenKind('mxp_3q2+…'); // 'api_token'
 */
export function tokenKind(token: string): TokenKind | undefined {
  if (token.startsWith(ACCESS_TOKEN_PREFIX)) return 'access_token';
  if (token.startsWith(REFRESH_TOKEN_PREFIX)) return 'refresh_token';
  if (token.startsWith(API_TOKEN_PREFIX)) return 'api_token';
  return undefined;
}
