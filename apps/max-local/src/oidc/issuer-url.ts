import { isIP } from 'node:net';

/**
 * The issuer URL policy (docs/oidc.md, ADR "OIDC keyless login"): `https://` always; `http://` only when the host is
 * loopback (127.0.0.0/8, ::1, `localhost`), so tests and local issuers work while a trust policy can never make the
 * platform fetch keys in clear text across a network. No credentials, query or fragment (OIDC Discovery §3).
 *
 * @returns the normalised URL (no trailing slash), or a reason it is refused.
 */
export function checkIssuerUrl(raw: string): { ok: true; url: string } | { ok: false; reason: string } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'is not an absolute URL' };
  }
  if (url.username || url.password) return { ok: false, reason: 'must not contain credentials' };
  if (url.search || url.hash || raw.includes('?') || raw.includes('#')) {
    return { ok: false, reason: 'must not have a query or fragment' };
  }
  if (url.protocol === 'http:') {
    if (!isLoopbackHost(url.hostname)) {
      return { ok: false, reason: 'must use https:// (http:// is allowed only for loopback hosts such as 127.0.0.1)' };
    }
  } else if (url.protocol !== 'https:') {
    return { ok: false, reason: 'must use https://' };
  }
  return { ok: true, url: url.href.replace(/\/+$/, '') };
}

/** True for 127.0.0.0/8, ::1 and `localhost` (which resolves to loopback by RFC 6761). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}
