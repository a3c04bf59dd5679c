/**
 * Typed errors of the auth library. Every error carries a stable `code` that front-ends map to exit codes and
 * JSON output, and messages are written so they never contain a token: callers may print them as they are.
 */

const BRAND = Symbol.for('@max/rig-auth/error');

/** Stable codes of {@link RigAuthError}. */
export type RigAuthErrorCode =
  | 'not_authenticated'
  | 'credential_store_unavailable'
  | 'credential_store_corrupt'
  | 'invalid_api_url'
  | 'invalid_credential_store'
  | 'invalid_config'
  | 'invalid_token_input'
  | 'oidc_token_unavailable';

/** Base class of every error thrown by `@max/rig-auth`. */
export class RigAuthError extends Error {
  /** Stable machine-readable code. */
  readonly code: RigAuthErrorCode;
  /** A one-line suggestion for the user (what to run or set), when there is one. */
  readonly hint: string | undefined;

  constructor(code: RigAuthErrorCode, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(redactTokens(message), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.hint = options.hint;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** A JSON form for `-o json` error output (no stack, no cause: the cause may hold request details). */
  toJSON(): { name: string; code: RigAuthErrorCode; message: string; hint?: string } {
    return { name: this.name, code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/**
 * No usable credential for the API URL: never logged in, logged out, or the session could not be refreshed
 * (the refresh token was rejected; the stale credential has been deleted).
 */
export class NotAuthenticatedError extends RigAuthError {
  /** The normalised API URL the credential was looked up for. */
  readonly apiUrl: string;

  constructor(apiUrl: string, message?: string, options: { cause?: unknown } = {}) {
    super('not_authenticated', message ?? `Not logged in to ${apiUrl}.`, {
      hint: `Run \`rig login --api-url ${apiUrl}\` (or set RIG_TOKEN).`,
      cause: options.cause,
    });
    this.apiUrl = apiUrl;
  }
}

/** The credential store could not be used (keychain unreachable, timed out, file unreadable, lock not acquired). */
export class CredentialStoreError extends RigAuthError {
  /** Which store failed. */
  readonly store: 'keychain' | 'file';

  constructor(
    store: 'keychain' | 'file',
    message: string,
    options: { hint?: string; cause?: unknown; code?: 'credential_store_unavailable' | 'credential_store_corrupt' } = {},
  ) {
    super(options.code ?? 'credential_store_unavailable', message, options);
    this.store = store;
  }
}

/** An API URL that is not an absolute http(s) URL. */
export class InvalidApiUrlError extends RigAuthError {
  constructor(message: string) {
    super('invalid_api_url', message, { hint: 'Pass an http(s) URL such as https://max.example.com or http://127.0.0.1:4000.' });
  }
}

/** `RIG_CREDENTIAL_STORE` holds something other than `auto`, `keychain` or `file`. */
export class InvalidCredentialStoreError extends RigAuthError {
  constructor(value: string) {
    super('invalid_credential_store', `RIG_CREDENTIAL_STORE must be one of auto, keychain, file (got ${JSON.stringify(value.slice(0, 40))}).`, {
      hint: 'Unset RIG_CREDENTIAL_STORE or set it to auto, keychain or file.',
    });
  }
}

/** The config file (`config.json`) is not valid. */
export class InvalidConfigError extends RigAuthError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('invalid_config', message, { hint: 'Fix or delete the file; `rig login` writes a new one.', cause: options.cause });
  }
}

/** A token read from stdin was empty, multi-line, too long or contained control characters. */
export class InvalidTokenInputError extends RigAuthError {
  constructor(message: string) {
    super('invalid_token_input', message, { hint: 'Pipe exactly one token, e.g. `printenv MAX_TOKEN | rig login --with-token`.' });
  }
}

/** True when `value` is a {@link RigAuthError}, also across duplicated copies of this package. */
export function isRigAuthError(value: unknown): value is RigAuthError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * Masks anything shaped like a Max token (`mxa_`, `mxr_`, `mxp_` prefixes) — a last line of defence for messages
 * that embed text from elsewhere (native keychain errors, server messages).
 */
export function redactTokens(text: string): string {
  return text.replace(/\bmx[arp]_[A-Za-z0-9_-]+/g, (m) => `${m.slice(0, 4)}[redacted]`);
}

/** `rig login --oidc` found no OIDC ID token (env var unset, not a GitHub job with `id-token: write`, endpoint failed). */
export class OidcTokenUnavailableError extends RigAuthError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('oidc_token_unavailable', message, {
      hint: 'Put your CI\'s ID token in RIG_OIDC_TOKEN (or name the variable with --oidc-token-env), or on GitHub Actions grant `permissions: id-token: write`.',
      cause: options.cause,
    });
  }
}
