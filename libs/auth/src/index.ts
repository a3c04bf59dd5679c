/**
 * `@max/rig-auth` — logins, token refresh and credential storage for rig.
 *
 * - {@link resolveCredentials}: which API URL, which token (RIG_TOKEN → keychain → credentials file), and a
 *   token provider that refreshes transparently.
 * - {@link loginWithDeviceFlow}, {@link loginWithToken}, {@link logout}, {@link readToken}.
 * - Stores: {@link createKeychainCredentialStore}, {@link createFileCredentialStore}, {@link openCredentialStore}.
 *
 * @packageDocumentation
 */
export { DEFAULT_API_URL, normalizeApiUrl } from './api-url.js';
export { writeFileAtomic } from './atomic-write.js';
export { ensureConfigDir, resolveConfigDir, type AuthEnv } from './config-dir.js';
export {
  CONFIG_FILE_NAME,
  configFilePath,
  readConfig,
  setCurrentApiUrl,
  updateConfig,
  writeConfig,
  type RigConfig,
  type RigProfile,
} from './config-file.js';
export {
  contextForApiUrl,
  defaultContextName,
  isValidContextName,
  listContexts,
  recordContext,
  useContext,
  type RigContext,
} from './contexts.js';
export {
  EXPIRY_SKEW_MS,
  isAccessTokenExpired,
  parseCredentialRecord,
  type CredentialRecord,
  type CredentialUser,
  type OidcCredentialSource,
} from './credential-record.js';
export type { CredentialStore, CredentialStoreKind } from './credential-store.js';
export {
  CredentialStoreError,
  InvalidApiUrlError,
  InvalidConfigError,
  InvalidCredentialStoreError,
  InvalidTokenInputError,
  NotAuthenticatedError,
  OidcTokenUnavailableError,
  RigAuthError,
  isRigAuthError,
  redactTokens,
  type RigAuthErrorCode,
} from './errors.js';
export { CREDENTIALS_FILE_NAME, createFileCredentialStore, type FileCredentialStoreOptions } from './file-store.js';
export {
  KEYCHAIN_SERVICE,
  createKeychainCredentialStore,
  describeKeychainFailure,
  loadNapiKeytar,
  type KeychainCredentialStore,
  type KeychainCredentialStoreOptions,
  type KeychainLoader,
  type KeychainProbeResult,
  type KeytarLike,
} from './keychain-store.js';
export { withLockFile, type LockFileOptions } from './lock-file.js';
export {
  loginWithDeviceFlow,
  loginWithToken,
  type ClientForToken,
  type DeviceCodePrompt,
  type DeviceFlowLoginOptions,
  type LoginClient,
  type LoginCommonOptions,
  type LoginResult,
  type TokenLoginOptions,
} from './login.js';
export { logout, type LogoutOptions, type LogoutResult } from './logout.js';
export {
  DEFAULT_OIDC_AUDIENCE,
  DEFAULT_OIDC_TOKEN_ENV,
  createOidcTokenProvider,
  detectOidcSource,
  fetchIdToken,
  loginWithOidc,
  type OidcAuthApi,
  type OidcLoginOptions,
  type OidcLoginResult,
  type OidcSourceOptions,
  type OidcTokenProviderOptions,
} from './oidc-login.js';
export { readToken, type ReadTokenOptions } from './read-token.js';
export {
  resolveCredentials,
  type ApiUrlSource,
  type CredentialSource,
  type ResolveCredentialsOptions,
  type ResolvedCredentials,
} from './resolve-credentials.js';
export type { AuthApi, MeApi } from './sdk-contract.js';
export {
  openCredentialStore,
  parseCredentialStoreMode,
  type CredentialStoreMode,
  type CredentialStoreSelection,
  type KeychainAccessOptions,
  type OpenCredentialStoreOptions,
} from './store-selection.js';
export { createTokenProvider, type AuthApiSource, type TokenProviderOptions } from './token-provider.js';
