import { describe, expect, it } from 'vitest';
import { AUTH_TOKEN_PREFIX, encodeTokenProtocol } from './ws-transport.js';

const tokenCharacter = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

describe('encodeTokenProtocol', () => {
  it('matches phoenix (btoa without padding) for ordinary tokens', () => {
    const token = 'mxa_abcDEF123-_xyz';
    expect(encodeTokenProtocol(token)).toBe(`${AUTH_TOKEN_PREFIX}${btoa(token).replace(/=/g, '')}`);
  });

  it('never produces "/" (which would make ws throw synchronously)', () => {
    expect(btoa('ab?xyz')).toContain('/');
    const protocol = encodeTokenProtocol('ab?xyz');
    expect(protocol).toMatch(tokenCharacter);
    expect(Buffer.from(protocol.slice(AUTH_TOKEN_PREFIX.length), 'base64').toString('latin1')).toBe('ab?xyz');
  });
});
