import { normalizeApiUrl } from './api-url.js';
import { resolveConfigDir, type AuthEnv } from './config-dir.js';
import { recordContext } from './contexts.js';
import { expiresAtFrom, type CredentialRecord, type CredentialUser } from './credential-record.js';
import type { CredentialStore, CredentialStoreKind } from './credential-store.js';
import { createFileCredentialStore } from './file-store.js';
import type { AuthApi, Me, MeApi, Scope, TokenResponse } from './sdk-contract.js';
import { defaultClientForToken } from './sdk-defaults.js';
import { openCredentialStore, type CredentialStoreSelection, type KeychainAccessOptions } from './store-selection.js';

/** The unauthenticated client calls a login needs (`MaxClient` satisfies it). */
export interface LoginClient {
  auth: Pick<AuthApi, 'requestDeviceCode' | 'waitForDeviceToken' | 'exchange'>;
}

/** Builds a client that sends `accessToken`, to verify a fresh login with `GET /me`. */
export type ClientForToken = (accessToken: string) => { me: MeApi } | Promise<{ me: MeApi }>;

/** What the user must see to approve a device login. */
export interface DeviceCodePrompt {
  user_code: string;
  verification_uri: string;
  verification_uri_complete: string;
  /** Seconds until the code expires. */
  expires_in: number;
}

/** Options shared by the login functions. */
export interface LoginCommonOptions extends KeychainAccessOptions {
  apiUrl: string;
  client: LoginClient;
  /**
   * Where to store the session: a store, or a selection from `openCredentialStore`. Default: chosen by
   * `RIG_CREDENTIAL_STORE` (auto = keychain when it works, else the 0600 file).
   */
  store?: CredentialStore | CredentialStoreSelection;
  /** Default: a `MaxClient` for `apiUrl` with that token. */
  clientForToken?: ClientForToken;
  /** Default `process.env`. */
  env?: AuthEnv;
  /** Default: from `env`. The current API URL is recorded in its config file. */
  configDir?: string;
  signal?: AbortSignal;
  /** Clock. Default `Date.now`. */
  now?: () => number;
}

/** Options of {@link loginWithDeviceFlow}. */
export interface DeviceFlowLoginOptions extends LoginCommonOptions {
  /** Show the code and URL to the user (and maybe open a browser). */
  onCode: (prompt: DeviceCodePrompt) => void | Promise<void>;
  /** Scope to ask for; the platform defaults device logins to `admin`. */
  scope?: Scope;
  /** Shown on the approval page. Default `rig`. */
  clientName?: string;
}

/** Options of {@link loginWithToken}. */
export interface TokenLoginOptions extends LoginCommonOptions {
  /** An API token (`mxp_…`), e.g. from {@link readToken}. */
  token: string;
}

/** Outcome of a login. */
export interface LoginResult {
  apiUrl: string;
  user: CredentialUser & { name?: string | null };
  scope: string;
  /** Where the session was stored. */
  storeKind: CredentialStoreKind;
  /** Why the keychain was not used, when `auto` fell back to the file store. */
  fallbackReason?: string;
}

/**
 * Logs in with the OAuth device authorization flow: requests a code, hands it to `onCode`, waits for the user to
 * approve it, verifies the new session with `GET /me`, stores it and makes `apiUrl` the current API URL.
 *
 * @example
 * const result = await loginWithDeviceFlow({
 *   apiUrl, client: new MaxClient({ apiUrl }),
 *   onCode: ({ user_code, verification_uri_complete }) => console.error(`Open ${verification_uri_complete}, code ${user_code}`),
 * });
 */
export async function loginWithDeviceFlow(options: DeviceFlowLoginOptions): Promise<LoginResult> {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const signalOption = options.signal ? { signal: options.signal } : {};
  const authorization = await options.client.auth.requestDeviceCode(
    { client_name: options.clientName ?? 'rig', ...(options.scope ? { scope: options.scope } : {}) },
    signalOption,
  );
  await options.onCode({
    user_code: authorization.user_code,
    verification_uri: authorization.verification_uri,
    verification_uri_complete: authorization.verification_uri_complete,
    expires_in: authorization.expires_in,
  });
  const tokens = await options.client.auth.waitForDeviceToken(authorization, signalOption);
  return completeLogin(apiUrl, tokens, options);
}

/**
 * Logs in with an API token: exchanges it (grant `token_exchange`) for a session with the token's user and
 * scope, verifies it with `GET /me`, stores it and makes `apiUrl` the current API URL. The API token itself is
 * not stored.
 *
 * @example
 * const token = await readToken(process.stdin);
 * await loginWithToken({ apiUrl, client: new MaxClient({ apiUrl }), token });
 */
export async function loginWithToken(options: TokenLoginOptions): Promise<LoginResult> {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const tokens = await options.client.auth.exchange(options.token, options.signal ? { signal: options.signal } : {});
  return completeLogin(apiUrl, tokens, options);
}

async function completeLogin(apiUrl: string, tokens: TokenResponse, options: LoginCommonOptions): Promise<LoginResult> {
  const build = (me: Me, issuedAt: number): CredentialRecord => ({
    apiUrl,
    kind: 'session',
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token,
    expiresAt: expiresAtFrom(issuedAt, tokens.expires_in),
    user: { id: me.id, email: me.email },
    scope: tokens.scope,
  });
  return completeStoredLogin(apiUrl, build, tokens.access_token, options);
}

/**
 * The end of every login: verifies the new access token with `GET /me`, stores the record `build` makes, and
 * makes `apiUrl` the current context. @internal (used by the device, token and OIDC logins)
 */
export async function completeStoredLogin(
  apiUrl: string,
  build: (me: Me, issuedAt: number) => CredentialRecord,
  accessToken: string,
  options: Omit<LoginCommonOptions, 'client'>,
): Promise<LoginResult> {
  const now = options.now ?? Date.now;
  const issuedAt = now();
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? resolveConfigDir(env);

  const verifier = await (options.clientForToken ?? defaultClientForToken(apiUrl))(accessToken);
  const me: Me = await verifier.me.get(options.signal ? { signal: options.signal } : {});

  const selection = await selectStore(options, env, configDir);
  const record = build(me, issuedAt);
  await selection.store.set(apiUrl, record);
  if (selection.store.kind === 'keychain') {
    // A plaintext copy from an earlier keychain-less login must not outlive the move to the keychain.
    await createFileCredentialStore({ configDir }).delete(apiUrl).catch(() => false);
  }
  // The login's URL becomes (or stays) a named context, and the current one.
  await recordContext(configDir, apiUrl, { makeCurrent: true });
  return {
    apiUrl,
    user: { id: me.id, email: me.email, ...(me.name !== undefined ? { name: me.name } : {}) },
    scope: record.scope,
    storeKind: selection.store.kind,
    ...(selection.fallbackReason !== undefined ? { fallbackReason: selection.fallbackReason } : {}),
  };
}

async function selectStore(options: Omit<LoginCommonOptions, 'client'>, env: AuthEnv, configDir: string): Promise<{ store: CredentialStore; fallbackReason?: string }> {
  const given = options.store;
  if (given === undefined) {
    return openCredentialStore({
      env,
      configDir,
      ...(options.keychainLoader ? { keychainLoader: options.keychainLoader } : {}),
      ...(options.keychainTimeoutMs !== undefined ? { keychainTimeoutMs: options.keychainTimeoutMs } : {}),
    });
  }
  return 'store' in given ? given : { store: given };
}
