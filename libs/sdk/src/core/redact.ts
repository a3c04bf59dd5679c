/**
 * Redaction of secrets from everything the SDK shows to people or logs: error messages, error `request`
 * details, trace events. Redaction is applied where data leaves the SDK (error construction, trace emission),
 * so no code path can forget it.
 */

/** What every redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/**
 * Max tokens carry a prefix (`mxa_` access, `mxr_` refresh, `mxp_` API token) precisely so that leaks are
 * greppable; the same property lets us find and blank them anywhere in a string.
 */
const MAX_TOKEN_PATTERN = /mx[arp]_[A-Za-z0-9_-]+/g;

/** Query parameters whose names contain one of these words carry credentials or one-time codes. */
const SECRET_QUERY_WORDS = ['token', 'code', 'secret', 'password', 'passwd', 'key', 'signature', 'credential', 'auth'];

/** JSON body fields that hold tokens or codes exchangeable for tokens. */
const SECRET_BODY_FIELDS = new Set([
  'access_token',
  'refresh_token',
  'token',
  'subject_token',
  'device_code',
  'password',
  'secret',
  'client_secret',
]);

/**
 * Replaces every Max token (`mxa_…`, `mxr_…`, `mxp_…`) in `text` with `[REDACTED]`. Use it on anything you
 * print that may contain one (the SDK already does for its errors and traces).
 *
 * @example
 * ```ts
 * redactSecrets('token mxp_abc123 rejected'); // 'token [REDACTED] rejected'
 * ```
 */
export function redactSecrets(text: string): string {
  return text.replace(MAX_TOKEN_PATTERN, REDACTED);
}

function isSecretQueryName(name: string): boolean {
  const lower = name.toLowerCase();
  return SECRET_QUERY_WORDS.some((word) => lower.includes(word));
}

/**
 * Redacts a URL: secret-looking query parameters (names containing token, code, secret, password, key…),
 * userinfo (`user:pass@`) and any Max token anywhere. Unparsable input is still scrubbed of tokens.
 *
 * @example
 * ```ts
 * redactUrl('http://127.0.0.1:4000/device?user_code=WDJB-MJHT&x=1');
 * // 'http://127.0.0.1:4000/device?user_code=[REDACTED]&x=1'
 * ```
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactSecrets(url);
  }
  if (parsed.username || parsed.password) {
    parsed.username = REDACTED;
    parsed.password = '';
  }
  for (const name of [...new Set(parsed.searchParams.keys())]) {
    if (isSecretQueryName(name)) parsed.searchParams.set(name, REDACTED);
  }
  // URLSearchParams percent-encodes the brackets; keep the marker readable.
  return redactSecrets(parsed.toString()).replaceAll(encodeURIComponent(REDACTED), REDACTED);
}

/**
 * Redacts HTTP headers for display: `Authorization` keeps its scheme only, cookies disappear, and Max tokens
 * are removed from every other value. Header names are lower-cased.
 */
export function redactHeaders(headers: Headers | Record<string, string>): Record<string, string> {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  const out: Record<string, string> = {};
  for (const [rawName, value] of entries) {
    const name = rawName.toLowerCase();
    if (name === 'authorization' || name === 'proxy-authorization') {
      const scheme = value.split(' ')[0] ?? '';
      out[name] = scheme && scheme !== value ? `${scheme} ${REDACTED}` : REDACTED;
    } else if (name === 'cookie' || name === 'set-cookie') {
      out[name] = REDACTED;
    } else {
      out[name] = redactSecrets(value);
    }
  }
  return out;
}

/**
 * Deep-copies a JSON value with token-bearing fields replaced by `[REDACTED]` and Max tokens removed from
 * every string. Used for request bodies in trace events and for error `details`.
 */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      out[key] = SECRET_BODY_FIELDS.has(key.toLowerCase()) ? REDACTED : redactJson(inner);
    }
    return out;
  }
  return value;
}
