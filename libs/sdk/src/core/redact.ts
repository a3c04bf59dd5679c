import { isEnvKey } from '@max/api-spec';

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
  'id_token',
  'device_code',
  'password',
  'secret',
  'client_secret',
]);

/**
 * Body fields that hold secret *values* keyed by name (`{"secrets": {"API_KEY": "…"}}`, the body of a bulk
 * secret set): the keys stay readable in traces, every value is blanked. In config documents the same field
 * lists secrets as `{key, digest}` (values never travel there), and those stay readable too.
 */
const SECRET_MAP_FIELDS = new Set(['secrets']);

/**
 * Body fields that hold secret values by scope, then by name (`{"secret_values": {"prod/web": {"API_KEY": "…"}}}`,
 * config plan/apply): scopes and keys stay readable, every value is blanked.
 */
const SCOPED_SECRET_MAP_FIELDS = new Set(['secret_values']);

/** A config document's secret digest: not secret (the API shows it), and what makes a plan reviewable. */
const SHA256_DIGEST_PATTERN = /^sha256:[a-f0-9]{64}$/;

/**
 * Values shorter than this are not searched for by {@link redactKnownValues}: blanking every "on" or "1" in a
 * message would garble it while protecting nothing worth a secret.
 */
const MIN_KNOWN_VALUE_LENGTH = 4;

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
export function redactHeaders(headers: Iterable<[string, string]> | Record<string, string>): Record<string, string> {
  // Not `instanceof Headers`: merely naming the global loads undici in Node (see header-list.ts).
  const entries = Symbol.iterator in headers ? [...(headers as Iterable<[string, string]>)] : Object.entries(headers);
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
 * Deep-copies a JSON value with token-bearing fields replaced by `[REDACTED]`, every value of a `secrets` map
 * and of each scope of a `secret_values` map replaced by `[REDACTED]` (keys and scopes stay readable), and Max
 * tokens removed from every string. Used for request bodies in trace events and for error `details`.
 */
export function redactJson(value: unknown): unknown {
  if (typeof value === 'string') return redactSecrets(value);
  if (Array.isArray(value)) return value.map(redactJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      const name = key.toLowerCase();
      if (SECRET_BODY_FIELDS.has(name)) out[key] = REDACTED;
      else if (SECRET_MAP_FIELDS.has(name)) out[key] = redactSecretMap(inner);
      else if (SCOPED_SECRET_MAP_FIELDS.has(name)) out[key] = redactScopedSecretMap(inner);
      else out[key] = redactJson(inner);
    }
    return out;
  }
  return value;
}

/**
 * A `secrets` field: a map keeps its keys with every value blanked; a list keeps the items that are env keys
 * or a config document's `{key, digest?}` entries (an env key and a `sha256:` digest, nothing else) and blanks
 * anything else; any other value is blanked whole.
 */
function redactSecretMap(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => (isEnvKeyItem(item) || isConfigSecret(item) ? item : REDACTED));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) out[redactSecrets(key)] = REDACTED;
    return out;
  }
  return REDACTED;
}

const isEnvKeyItem = (item: unknown): boolean => typeof item === 'string' && isEnvKey(item);

function isConfigSecret(item: unknown): boolean {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  const { key, digest, ...rest } = item as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    typeof key === 'string' &&
    isEnvKey(key) &&
    (digest === undefined || (typeof digest === 'string' && SHA256_DIGEST_PATTERN.test(digest)))
  );
}

/** A `secret_values` field: each scope is a `secrets` map (keys kept, values blanked); anything else is blanked whole. */
function redactScopedSecretMap(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return REDACTED;
  const out: Record<string, unknown> = {};
  for (const [scope, inner] of Object.entries(value)) {
    out[redactSecrets(scope)] = inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? redactSecretMap(inner) : REDACTED;
  }
  return out;
}

/**
 * Deep-copies a JSON value (or a string) with every occurrence of the given values replaced by `[REDACTED]`,
 * in strings and in object keys, on top of {@link redactJson}. For the values the caller just sent (secret
 * values): the SDK cannot recognise those by shape, but it knows them exactly. Values shorter than 4
 * characters are left alone (see `MIN_KNOWN_VALUE_LENGTH`).
 *
 * @internal
 */
export function redactKnownValues(value: unknown, known: readonly string[]): unknown {
  const needles = knownNeedles(known);
  const scrub = (text: string): string => needles.reduce((acc, needle) => acc.replaceAll(needle, REDACTED), text);
  const walk = (node: unknown): unknown => {
    if (typeof node === 'string') return scrub(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, inner] of Object.entries(node)) out[scrub(key)] = walk(inner);
      return out;
    }
    return node;
  };
  return walk(redactJson(value));
}

/**
 * Whether `text` contains any of the given values (same length rule as {@link redactKnownValues}).
 *
 * @internal
 */
export function containsKnownValue(text: string, known: readonly string[]): boolean {
  return knownNeedles(known).some((needle) => text.includes(needle));
}

/** Longest first, so a value that contains another is replaced whole. */
function knownNeedles(known: readonly string[]): string[] {
  return [...new Set(known)].filter((v) => v.length >= MIN_KNOWN_VALUE_LENGTH).sort((a, b) => b.length - a.length);
}
