import { DEFAULT_API_URL, normalizeApiUrl } from './api-url.js';
import { resolveConfigDir, type AuthEnv } from './config-dir.js';
import { readConfig } from './config-file.js';
import { contextForApiUrl } from './contexts.js';
import type { CredentialRecord } from './credential-record.js';
import type { CredentialStore } from './credential-store.js';
import { InvalidConfigError, NotAuthenticatedError } from './errors.js';
import { createFileCredentialStore } from './file-store.js';
import { createKeychainCredentialStore, describeKeychainFailure } from './keychain-store.js';
import type { AuthApi, TokenProvider } from './sdk-contract.js';
import { defaultAuthApi } from './sdk-defaults.js';
import { parseCredentialStoreMode, type KeychainAccessOptions } from './store-selection.js';
import { createOidcTokenProvider } from './oidc-login.js';
import { createTokenProvider } from './token-provider.js';

/** Where the API URL came from. */
export type ApiUrlSource = 'flag' | 'profile' | 'env' | 'config' | 'default';

/** Where the token came from. */
export type CredentialSource = 'env' | 'keychain' | 'file' | 'none';

/** Options of {@link resolveCredentials}. */
export interface ResolveCredentialsOptions extends KeychainAccessOptions {
  /** `--api-url`: wins over everything else. */
  apiUrl?: string;
  /** `RIG_CONTEXT`: a named API URL from the config file (a context, `rig context list`). */
  profile?: string;
  /** Environment (`RIG_TOKEN`, `RIG_API_URL`, `RIG_CONFIG_DIR`, `RIG_CREDENTIAL_STORE`). Default `process.env`. */
  env?: AuthEnv;
  /** Default: `RIG_CONFIG_DIR`, `$XDG_CONFIG_HOME/rig`, `~/.config/rig`. */
  configDir?: string;
  /** Builds the refresh endpoint for an API URL. Default: an unauthenticated `MaxClient`'s `auth`. */
  authApi?: (apiUrl: string) => Pick<AuthApi, 'refresh'> | Promise<Pick<AuthApi, 'refresh'>>;
  /** Builds the OIDC exchange endpoint for an API URL (re-exchanging an expired OIDC login). Default as `authApi`. */
  oidcAuthApi?: (apiUrl: string) => Pick<AuthApi, 'exchangeOidcToken'> | Promise<Pick<AuthApi, 'exchangeOidcToken'>>;
  /** Clock for expiry checks. Default `Date.now`. */
  now?: () => number;
}

/** What {@link resolveCredentials} found. */
export interface ResolvedCredentials {
  /** Normalised API URL. */
  apiUrl: string;
  /** Where the API URL came from. */
  source: ApiUrlSource;
  /** The context (named API URL) that names `apiUrl`, if one does. */
  context?: string;
  configDir: string;
  credential: {
    source: CredentialSource;
    /** The stored record (absent for `env` and `none`). */
    record?: CredentialRecord;
    /** The store the record lives in (and rotated tokens are written to). */
    store?: CredentialStore;
    /** Why the keychain was not used (credential from the file store, or none found, in `auto` mode). */
    fallbackReason?: string;
  };
  /** Pass to `new MaxClient({ token })`. Absent when there is no credential (`source: 'none'`). */
  tokenProvider?: TokenProvider;
  /** Non-fatal things to tell the user (e.g. credentials file permissions tightened). */
  notices: string[];
}

/**
 * Finds the API URL and the credential for it (ARCHITECTURE.md §6).
 *
 * API URL: `apiUrl` option (`--api-url`) → `profile` → `RIG_API_URL` → the config's current API URL →
 * `http://127.0.0.1:4000`. Token: `RIG_TOKEN` (used as-is, never refreshed, never stored; the keychain module is
 * not even loaded) → keychain → credentials file, as `RIG_CREDENTIAL_STORE` allows.
 *
 * @throws {InvalidApiUrlError} / {InvalidCredentialStoreError} / {InvalidConfigError} for bad settings.
 * @example
 * const resolved = await resolveCredentials({ apiUrl: flags.apiUrl, env: process.env });
 * const client = new MaxClient({ apiUrl: resolved.apiUrl, token: resolved.tokenProvider });
 */
export async function resolveCredentials(options: ResolveCredentialsOptions = {}): Promise<ResolvedCredentials> {
  const env = options.env ?? process.env;
  const configDir = options.configDir ?? resolveConfigDir(env);
  const { apiUrl, source } = await resolveApiUrl(options, env, configDir);
  // Only a name for display: an unreadable config has already failed above where it matters.
  const context = source === 'profile' ? options.profile : await contextForApiUrl(configDir, apiUrl).catch(() => undefined);
  const base = { apiUrl, source, ...(context !== undefined ? { context } : {}), configDir, notices: [] as string[] };

  const envToken = env['RIG_TOKEN']?.trim();
  if (envToken) {
    const tokenProvider: TokenProvider = async ({ forceRefresh }) => {
      if (forceRefresh) {
        throw new NotAuthenticatedError(apiUrl, 'The token in RIG_TOKEN has expired.');
      }
      return envToken;
    };
    return { ...base, credential: { source: 'env' }, tokenProvider };
  }

  const mode = parseCredentialStoreMode(env);
  const file = createFileCredentialStore({ configDir });
  const keychain =
    mode === 'file'
      ? undefined
      : createKeychainCredentialStore({
          ...(options.keychainLoader ? { loader: options.keychainLoader } : {}),
          ...(options.keychainTimeoutMs !== undefined ? { timeoutMs: options.keychainTimeoutMs } : {}),
          env,
        });

  let found: { record: CredentialRecord; store: CredentialStore } | undefined;
  let fallbackReason: string | undefined;
  if (keychain) {
    try {
      const record = await keychain.get(apiUrl);
      if (record) found = { record, store: keychain };
    } catch (error) {
      if (mode === 'keychain') throw error;
      fallbackReason = describeKeychainFailure(error, env);
    }
  }
  if (!found && mode !== 'keychain') {
    const record = await file.get(apiUrl);
    base.notices.push(...file.notices);
    if (record) {
      found = { record, store: file };
      // A read that answered "nothing" may mean "no keychain at all"; say why only if a probe confirms it.
      if (keychain && fallbackReason === undefined) {
        const probe = await keychain.probe();
        if (!probe.available) fallbackReason = probe.reason;
      }
    }
  }
  if (!found) return { ...base, credential: { source: 'none', ...(fallbackReason !== undefined ? { fallbackReason } : {}) } };

  const authApiFactory = options.authApi ?? defaultAuthApi;
  const tokenProvider = found.record.kind === 'oidc' ? createOidcTokenProvider({
    apiUrl,
    store: found.store,
    record: found.record,
    env,
    authApi: () => (options.oidcAuthApi ?? defaultAuthApi)(apiUrl),
    ...(options.now ? { now: options.now } : {}),
  }) : createTokenProvider({
    apiUrl,
    store: found.store,
    configDir,
    record: found.record,
    authApi: () => authApiFactory(apiUrl),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    ...base,
    credential: {
      source: found.store.kind,
      record: found.record,
      store: found.store,
      ...(found.store.kind === 'file' && fallbackReason !== undefined ? { fallbackReason } : {}),
    },
    tokenProvider,
  };
}

async function resolveApiUrl(
  options: ResolveCredentialsOptions,
  env: AuthEnv,
  configDir: string,
): Promise<{ apiUrl: string; source: ApiUrlSource }> {
  if (options.apiUrl !== undefined && options.apiUrl.trim() !== '') {
    return { apiUrl: normalizeApiUrl(options.apiUrl), source: 'flag' };
  }
  if (options.profile !== undefined) {
    const config = await readConfig(configDir);
    const profile = config.profiles?.[options.profile];
    if (!profile) {
      const known = Object.keys(config.profiles ?? {}).sort();
      throw new InvalidConfigError(
        `There is no context named ${JSON.stringify(options.profile)} in ${configDir}/config.json${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}.`,
      );
    }
    return { apiUrl: normalizeApiUrl(profile.apiUrl), source: 'profile' };
  }
  const fromEnv = env['RIG_API_URL']?.trim();
  if (fromEnv) return { apiUrl: normalizeApiUrl(fromEnv), source: 'env' };
  const config = await readConfig(configDir);
  if (config.currentApiUrl) return { apiUrl: normalizeApiUrl(config.currentApiUrl), source: 'config' };
  return { apiUrl: DEFAULT_API_URL, source: 'default' };
}
