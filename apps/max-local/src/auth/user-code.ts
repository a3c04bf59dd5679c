import { randomInt } from 'node:crypto';

/**
 * RFC 8628 §6.1: consonants only (no vowels, so no words; no 0/O or 1/I to confuse), 8 characters
 * shown as `BCDF-GHJK`. 20^8 ≈ 2.6·10^10 codes, and a code lives 10 minutes.
 */
export const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export function generateUserCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * Canonical form of what a person typed: case-insensitive, separators and spaces ignored.
 * Returns null when it cannot be a user code, so lookups never see arbitrary input.
 */
export function normalizeUserCode(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  if (compact.length !== 8) return null;
  for (const char of compact) if (!USER_CODE_ALPHABET.includes(char)) return null;
  return `${compact.slice(0, 4)}-${compact.slice(4)}`;
}
