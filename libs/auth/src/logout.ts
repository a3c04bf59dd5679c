import { normalizeApiUrl } from './api-url.js';
import { resolveConfigDir, type AuthEnv } from './config-dir.js';
import type { CredentialRecord } from './credential-record.js';
import type { CredentialStore, CredentialStoreKind } from './credential-store.js';
import { redactTokens } from './errors.js';
import { createFileCredentialStore } from './file-store.js';
import { createKeychainCredentialStore } from './keychain-store.js';
import type { AuthApi } from './sdk-contract.js';
import { defaultAuthApi } from './sdk-defaults.js';
import { parseCredentialStoreMode, type KeychainAccessOptions } from './store-selection.js';

/** Options of {@link logout}. */
export interface LogoutOptions extends KeychainAccessOptions {
  apiUrl: string;
  /** Unauthenticated client for `POST /auth/revoke`. Default: a `MaxClient` for `apiUrl`. */
  client?: { auth: Pick<AuthApi, 'revoke'> };
  /**
   * Stores to remove the credential from. Default: every store `RIG_CREDENTIAL_STORE` allows (keychain and
   * file under `auto`), so no copy survives a logout.
   */
  stores?: CredentialStore[];
  /** Shorthand for `stores: [store]`. */
  store?: CredentialStore;
  env?: AuthEnv;
  configDir?: string;
  signal?: AbortSignal;
}

/** Outcome of {@link logout}. */
export interface LogoutResult {
  apiUrl: string;
  /** Whether a credential was found at all. */
  wasLoggedIn: boolean;
  /** True when the server confirmed revocation of the stored tokens. */
  revoked: boolean;
  /** Why revocation did not happen (server unreachable, error), when `revoked` is false and there was a login. */
  reason?: string;
  /** Stores the credential was deleted from. */
  removedFrom: CredentialStoreKind[];
}

/**
 * Logs out of one API URL: revokes the refresh token (which revokes its access tokens) and the access token on
 * the server, then deletes the credential locally. Local deletion happens even when the server cannot be
 * reached; the result then says `revoked: false` and why.
 *
 * @example
 * const result = await logout({ apiUrl });
 * if (!result.revoked && result.wasLoggedIn) console.error(`Removed locally; not revoked: ${result.reason}`);
 */
export async function logout(options: LogoutOptions): Promise<LogoutResult> {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const env = options.env ?? process.env;
  const stores = options.stores ?? (options.store ? [options.store] : defaultStores(options, env));

  const found: Array<{ store: CredentialStore; record: CredentialRecord }> = [];
  for (const store of stores) {
    // An unusable keychain holds nothing we could delete; the file store is still cleaned.
    const record = await store.get(apiUrl).catch(() => null);
    if (record) found.push({ store, record });
  }
  if (found.length === 0) return { apiUrl, wasLoggedIn: false, revoked: false, removedFrom: [] };

  let revoked = true;
  let reason: string | undefined;
  try {
    const auth = options.client?.auth ?? defaultAuthApi(apiUrl);
    const tokens = new Set<string>();
    for (const { record } of found) {
      if (record.refreshToken) tokens.add(record.refreshToken);
      tokens.add(record.accessToken);
    }
    for (const token of tokens) await auth.revoke(token, options.signal ? { signal: options.signal } : {});
  } catch (error) {
    revoked = false;
    reason = redactTokens(error instanceof Error ? error.message : String(error));
  }

  const removedFrom: CredentialStoreKind[] = [];
  for (const { store } of found) {
    if (await store.delete(apiUrl)) removedFrom.push(store.kind);
  }
  return { apiUrl, wasLoggedIn: true, revoked, ...(reason !== undefined ? { reason } : {}), removedFrom };
}

function defaultStores(options: LogoutOptions, env: AuthEnv): CredentialStore[] {
  const configDir = options.configDir ?? resolveConfigDir(env);
  const mode = parseCredentialStoreMode(env);
  const stores: CredentialStore[] = [];
  if (mode !== 'file') {
    stores.push(
      createKeychainCredentialStore({
        ...(options.keychainLoader ? { loader: options.keychainLoader } : {}),
        ...(options.keychainTimeoutMs !== undefined ? { timeoutMs: options.keychainTimeoutMs } : {}),
        env,
      }),
    );
  }
  if (mode !== 'keychain') stores.push(createFileCredentialStore({ configDir }));
  return stores;
}
