import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Token formats. The prefixes make leaked tokens greppable (secret scanners key on them) and
 * tell the server which table to look in without a query per kind.
 */
export const TOKEN_PREFIX = { access: 'mxa_', refresh: 'mxr_', api: 'mxp_' } as const;
export type TokenKind = keyof typeof TOKEN_PREFIX;

/** `<prefix><base64url of 32 random bytes>` — 256 bits of entropy. */
export function generateToken(kind: TokenKind): string {
  return TOKEN_PREFIX[kind] + randomBytes(32).toString('base64url');
}

/** The kind of a presented token, by prefix, or null for anything else. */
export function tokenKind(token: string): TokenKind | null {
  for (const [kind, prefix] of Object.entries(TOKEN_PREFIX) as [TokenKind, string][]) {
    if (token.startsWith(prefix)) return kind;
  }
  return null;
}

/**
 * SHA-256 hex digest. Tokens are high-entropy random strings, so an unsalted fast hash is the
 * right tool (as GitHub and others do): it cannot be brute-forced and lookups stay indexed.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** A random opaque secret for sessions, CSRF tokens and login links. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

const ID_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** Resource ids like `net_3k9x…`: a type prefix plus 16 random base32 characters (80 bits). */
export function newId(prefix: string): string {
  const bytes = randomBytes(16);
  let out = '';
  for (const byte of bytes) out += ID_ALPHABET[byte % 32];
  return `${prefix}_${out}`;
}

/** Constant-time string comparison (for CSRF tokens). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
