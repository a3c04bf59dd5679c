/**
 * The `authToken` handshake of Phoenix ≥ 1.8: the client offers
 * `Sec-WebSocket-Protocol: phoenix, base64url.bearer.phx.<base64(token) without padding>` and the server
 * answers with the subprotocol `phoenix`. The token never appears in the URL (and so never in logs).
 */
export const AUTH_TOKEN_PREFIX = 'base64url.bearer.phx.';
export const PHOENIX_SUBPROTOCOL = 'phoenix';

export interface OfferedProtocols {
  /** The decoded bearer token, when one was offered. */
  token: string | null;
  /** Whether `phoenix` was offered (the subprotocol the server must answer with). */
  phoenix: boolean;
}

export function parseOfferedProtocols(header: string | string[] | undefined): OfferedProtocols {
  const raw = Array.isArray(header) ? header.join(',') : (header ?? '');
  let token: string | null = null;
  let phoenix = false;
  for (const entry of raw.split(',')) {
    const protocol = entry.trim();
    if (protocol === PHOENIX_SUBPROTOCOL) phoenix = true;
    else if (protocol.startsWith(AUTH_TOKEN_PREFIX)) token = decodeToken(protocol.slice(AUTH_TOKEN_PREFIX.length));
  }
  return { token, phoenix };
}

function decodeToken(encoded: string): string | null {
  // Despite the prefix, phoenix.js sends standard base64 (btoa); Node's decoder also accepts the url-safe
  // alphabet, which a client may use for tokens whose standard encoding contains "/" (not a token character).
  if (!/^[A-Za-z0-9+/_-]+$/.test(encoded)) return null;
  const token = Buffer.from(encoded, 'base64').toString('latin1');
  return token.length > 0 ? token : null;
}
