import { normalizeApiUrl } from './api-url.js';
import { resolveConfigDir, type AuthEnv } from './config-dir.js';
import { EXPIRY_SKEW_MS, expiresAtFrom, isAccessTokenExpired, type CredentialRecord, type OidcCredentialSource } from './credential-record.js';
import type { CredentialStore } from './credential-store.js';
import { NotAuthenticatedError, OidcTokenUnavailableError } from './errors.js';
import type { LoginCommonOptions, LoginResult } from './login.js';
import { completeStoredLogin } from './login.js';
import type { AuthApi, Me, TokenProvider } from './sdk-contract.js';

/** The env var `rig login --oidc` reads an ID token from unless `--oidc-token-env` names another. */
export const DEFAULT_OIDC_TOKEN_ENV = 'RIG_OIDC_TOKEN';
/** The audience Max expects in ID tokens (a trust policy may name another). */
export const DEFAULT_OIDC_AUDIENCE = 'max';

/** An ID token is a JWT; a Max token or anything else in the env var is a mistake worth a clear message. */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** Where ID tokens come from: an env var the CI fills, or GitHub Actions' ID-token request endpoint. */
export interface OidcSourceOptions {
  env: AuthEnv;
  /** `--oidc-token-env`: the env var holding the ID token. Default {@link DEFAULT_OIDC_TOKEN_ENV}. */
  tokenEnv?: string;
  /** Audience to request from GitHub's endpoint. Default {@link DEFAULT_OIDC_AUDIENCE}. */
  audience?: string;
  /** For GitHub's endpoint. Default the global `fetch`. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/**
 * Decides where the ID token comes from: the named env var when it is set (always, when `--oidc-token-env` was
 * given), else GitHub Actions' request endpoint when the job has `id-token: write`
 * (`ACTIONS_ID_TOKEN_REQUEST_URL` and `_TOKEN`). Returns null when neither is there.
 *
 * @example
 * detectOidcSource({ env: process.env }); // { kind: 'env', name: 'RIG_OIDC_TOKEN' } on GitLab with id_tokens
 */
export function detectOidcSource(options: Pick<OidcSourceOptions, 'env' | 'tokenEnv' | 'audience'>): OidcCredentialSource | null {
  const audience = options.audience ?? DEFAULT_OIDC_AUDIENCE;
  const name = options.tokenEnv ?? DEFAULT_OIDC_TOKEN_ENV;
  if (options.tokenEnv !== undefined || options.env[name]?.trim()) return { kind: 'env', name, audience };
  if (options.env['ACTIONS_ID_TOKEN_REQUEST_URL'] && options.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN']) {
    return { kind: 'github-actions', audience };
  }
  return null;
}

/**
 * Gets a fresh ID token from `source` in the current environment. Errors say what is missing and never contain
 * a token (neither the ID token nor GitHub's request token).
 *
 * @example
 * const idToken = await fetchIdToken({ kind: 'github-actions', audience: 'max' }, { env: process.env });
 */
export async function fetchIdToken(source: OidcCredentialSource, options: OidcSourceOptions): Promise<string> {
  if (source.kind === 'env') {
    const value = options.env[source.name]?.trim();
    if (!value) {
      throw new OidcTokenUnavailableError(`${source.name} is not set or empty: there is no ID token to log in with.`);
    }
    if (!JWT_SHAPE.test(value)) {
      throw new OidcTokenUnavailableError(`${source.name} does not hold an OIDC ID token (a JWT: header.payload.signature).`);
    }
    return value;
  }
  const url = options.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
  const requestToken = options.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
  if (!url || !requestToken) {
    throw new OidcTokenUnavailableError(
      'ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: this is not a GitHub Actions job with `permissions: id-token: write`.',
    );
  }
  // What @actions/core's getIDToken does: the URL already carries `?api-version=…`; the audience is appended.
  const full = `${url}${url.includes('?') ? '&' : '?'}audience=${encodeURIComponent(source.audience)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? globalThis.fetch)(full, {
      headers: { authorization: `Bearer ${requestToken}`, accept: 'application/json', 'user-agent': 'rig (oidc)' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw new OidcTokenUnavailableError(`Could not reach GitHub's ID-token endpoint: ${(error as Error).message}.`, { cause: error });
  }
  const body = (await response.json().catch(() => ({}))) as { value?: unknown };
  if (!response.ok || typeof body.value !== 'string' || !JWT_SHAPE.test(body.value)) {
    throw new OidcTokenUnavailableError(
      response.ok ? "GitHub's ID-token endpoint answered without a token." : `GitHub's ID-token endpoint answered HTTP ${response.status}.`,
    );
  }
  return body.value;
}

/** The endpoint the OIDC login calls (`client.auth` of an unauthenticated `MaxClient`). */
export type OidcAuthApi = Pick<AuthApi, 'exchangeOidcToken'>;

/** Options of {@link loginWithOidc}. */
export interface OidcLoginOptions extends Omit<LoginCommonOptions, 'client'> {
  client: { auth: OidcAuthApi };
  /** Where the ID token comes from; default {@link detectOidcSource} on `env`. */
  source?: OidcCredentialSource;
  /** `--oidc-token-env`. */
  tokenEnv?: string;
  /** `--oidc-audience`: what to ask GitHub for. */
  audience?: string;
  fetch?: typeof fetch;
}

/** Outcome of an OIDC login: a {@link LoginResult} plus what the token is bound to. */
export interface OidcLoginResult extends LoginResult {
  network: string;
  trustPolicyId: string;
  expiresIn: number;
  source: OidcCredentialSource;
}

/**
 * Keyless CI login: takes an ID token from the CI (env var or GitHub's endpoint), exchanges it for a short-lived
 * access token bound to one network, verifies it with `GET /me` and stores it with where its ID token came from,
 * so that a later `rig` in the same job exchanges a fresh ID token when this one expires. Nothing long-lived is
 * stored: there is no refresh token, and the ID token itself is never written anywhere.
 *
 * @example
 * await loginWithOidc({ apiUrl, client: new MaxClient({ apiUrl }), env: process.env });
 */
export async function loginWithOidc(options: OidcLoginOptions): Promise<OidcLoginResult> {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const env = options.env ?? process.env;
  const source =
    options.source ??
    detectOidcSource({ env, ...(options.tokenEnv ? { tokenEnv: options.tokenEnv } : {}), ...(options.audience ? { audience: options.audience } : {}) });
  if (!source) {
    throw new OidcTokenUnavailableError(
      `No OIDC ID token found: ${DEFAULT_OIDC_TOKEN_ENV} is not set and this is not a GitHub Actions job with \`permissions: id-token: write\`.`,
    );
  }
  const idToken = await fetchIdToken(source, { env, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.signal ? { signal: options.signal } : {}) });
  const minted = await options.client.auth.exchangeOidcToken(idToken, options.signal ? { signal: options.signal } : {});
  const result = await completeStoredLogin(
    apiUrl,
    (me: Me, issuedAt: number): CredentialRecord => ({
      apiUrl,
      kind: 'oidc',
      accessToken: minted.access_token,
      expiresAt: expiresAtFrom(issuedAt, minted.expires_in),
      user: { id: me.id, email: me.email },
      scope: minted.scope,
      oidc: { source, network: minted.network, trustPolicyId: minted.trust_policy_id },
    }),
    minted.access_token,
    { ...options, env, configDir: options.configDir ?? resolveConfigDir(env) },
  );
  return { ...result, scope: minted.scope, network: minted.network, trustPolicyId: minted.trust_policy_id, expiresIn: minted.expires_in, source };
}

/** Options of {@link createOidcTokenProvider}. */
export interface OidcTokenProviderOptions {
  apiUrl: string;
  store: CredentialStore;
  record: CredentialRecord;
  env: AuthEnv;
  authApi: () => OidcAuthApi | Promise<OidcAuthApi>;
  now?: () => number;
  fetch?: typeof fetch;
}

/**
 * The token provider of a stored OIDC login: the stored access token while it is valid; once it expires (or the
 * platform says so) a fresh ID token from the same source in THIS environment is exchanged and stored. Outside
 * the CI job (no ID token any more) the answer is {@link NotAuthenticatedError}: log in again.
 */
export function createOidcTokenProvider(options: OidcTokenProviderOptions): TokenProvider {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const now = options.now ?? Date.now;
  let current = options.record;
  let inFlight: Promise<string> | undefined;

  const renew = async (): Promise<string> => {
    const source = current.oidc?.source;
    if (!source) throw new NotAuthenticatedError(apiUrl, `The OIDC login for ${apiUrl} has expired.`);
    let idToken: string;
    try {
      idToken = await fetchIdToken(source, { env: options.env, ...(options.fetch ? { fetch: options.fetch } : {}) });
    } catch (error) {
      throw new NotAuthenticatedError(
        apiUrl,
        `The OIDC login for ${apiUrl} has expired and no fresh ID token is available here (${(error as Error).message}) Run \`rig login --oidc\` in a job that provides one.`,
        { cause: error },
      );
    }
    const minted = await (await options.authApi()).exchangeOidcToken(idToken);
    const next: CredentialRecord = {
      ...current,
      accessToken: minted.access_token,
      expiresAt: expiresAtFrom(now(), minted.expires_in),
      scope: minted.scope,
      oidc: { source, network: minted.network, trustPolicyId: minted.trust_policy_id },
    };
    await options.store.set(apiUrl, next);
    current = next;
    return next.accessToken;
  };

  return async ({ forceRefresh, rejectedToken }) => {
    const expired = isAccessTokenExpired(current, now(), EXPIRY_SKEW_MS);
    if (!expired && (!forceRefresh || (rejectedToken !== undefined && rejectedToken !== current.accessToken))) {
      return current.accessToken;
    }
    inFlight ??= renew().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
