import { createHash } from 'node:crypto';
import { isMaxError } from '@max/rig-sdk';
import { join } from 'node:path';
import { normalizeApiUrl } from './api-url.js';
import { ensureConfigDir } from './config-dir.js';
import { EXPIRY_SKEW_MS, expiresAtFrom, isAccessTokenExpired, type CredentialRecord } from './credential-record.js';
import type { CredentialStore } from './credential-store.js';
import { NotAuthenticatedError } from './errors.js';
import { withLockFile, type LockFileOptions } from './lock-file.js';
import type { AuthApi, TokenProvider } from './sdk-contract.js';

/** Supplies the refresh endpoint: an `AuthApi`, or a function that builds one on first use. */
export type AuthApiSource = Pick<AuthApi, 'refresh'> | (() => Pick<AuthApi, 'refresh'> | Promise<Pick<AuthApi, 'refresh'>>);

/** Options of {@link createTokenProvider}. */
export interface TokenProviderOptions {
  apiUrl: string;
  /** The store holding the credential; rotated tokens are written back to it. */
  store: CredentialStore;
  /** Config dir; the cross-process refresh lock lives here. */
  configDir: string;
  /** The refresh endpoint (an unauthenticated `MaxClient`'s `auth`). */
  authApi: AuthApiSource;
  /** The record already read from `store`, to save one read. */
  record?: CredentialRecord;
  /** Clock (ms since epoch). Default `Date.now`. */
  now?: () => number;
  /** An access token this close to expiry counts as expired. Default 30 s. */
  skewMs?: number;
  /** Tuning of the cross-process lock. */
  lock?: LockFileOptions;
}

/**
 * A {@link TokenProvider} for a stored login. It returns the stored access token and refreshes it, with the
 * refresh token, when it is expired (with a 30 s skew) or the SDK reports it expired (`forceRefresh`).
 *
 * Refresh tokens rotate and re-presenting a used one revokes the whole family, so refreshing twice is not just
 * wasteful, it logs the user out. Hence:
 * - concurrent calls in one process share one in-flight refresh;
 * - across processes a lock file in the config dir serialises refreshes, and a process that waited re-reads the
 *   store and uses the token the other process obtained instead of refreshing again.
 *
 * A refresh rejected with 401 deletes the stale credential and throws {@link NotAuthenticatedError}.
 *
 * @example
 * const tokenProvider = createTokenProvider({ apiUrl, store, configDir, authApi: new MaxClient({ apiUrl }).auth });
 * const client = new MaxClient({ apiUrl, token: tokenProvider });
 */
export function createTokenProvider(options: TokenProviderOptions): TokenProvider {
  const apiUrl = normalizeApiUrl(options.apiUrl);
  const now = options.now ?? Date.now;
  const skewMs = options.skewMs ?? EXPIRY_SKEW_MS;
  const lockPath = join(options.configDir, `refresh-${createHash('sha256').update(apiUrl).digest('hex').slice(0, 16)}.lock`);
  let current: CredentialRecord | undefined = options.record;
  let inFlight: Promise<string> | undefined;

  async function load(): Promise<CredentialRecord> {
    current ??= (await options.store.get(apiUrl)) ?? undefined;
    if (!current) throw new NotAuthenticatedError(apiUrl);
    return current;
  }

  async function resolveAuthApi(): Promise<Pick<AuthApi, 'refresh'>> {
    return typeof options.authApi === 'function' ? options.authApi() : options.authApi;
  }

  async function refresh(had: string): Promise<string> {
    await ensureConfigDir(options.configDir);
    return withLockFile(
      lockPath,
      async () => {
        // Always re-read under the lock: another process may have refreshed (or logged out) meanwhile.
        const stored = await options.store.get(apiUrl);
        if (!stored) {
          current = undefined;
          throw new NotAuthenticatedError(apiUrl);
        }
        if (stored.accessToken !== had && !isAccessTokenExpired(stored, now(), skewMs)) {
          current = stored;
          return stored.accessToken;
        }
        if (!stored.refreshToken) {
          throw new NotAuthenticatedError(apiUrl, `The credential for ${apiUrl} has expired and cannot be refreshed.`);
        }
        let response;
        try {
          response = await (await resolveAuthApi()).refresh(stored.refreshToken);
        } catch (error) {
          if (isUnauthorized(error)) {
            await options.store.delete(apiUrl).catch(() => false);
            current = undefined;
            throw new NotAuthenticatedError(apiUrl, `Your session for ${apiUrl} has ended (the refresh was rejected).`, { cause: error });
          }
          throw error;
        }
        const next: CredentialRecord = {
          ...stored,
          accessToken: response.access_token,
          refreshToken: response.refresh_token,
          expiresAt: expiresAtFrom(now(), response.expires_in),
          scope: response.scope,
        };
        await options.store.set(apiUrl, next);
        current = next;
        return next.accessToken;
      },
      options.lock,
    );
  }

  return async ({ forceRefresh, rejectedToken }) => {
    const record = await load();
    if (!forceRefresh && !isAccessTokenExpired(record, now(), skewMs)) return record.accessToken;
    // The rejected token is already replaced (a concurrent call refreshed): use the replacement.
    if (forceRefresh && rejectedToken !== undefined && rejectedToken !== record.accessToken && !isAccessTokenExpired(record, now(), skewMs)) {
      return record.accessToken;
    }
    if (record.kind === 'api_token' || record.refreshToken === undefined) {
      throw new NotAuthenticatedError(apiUrl, `The stored token for ${apiUrl} has expired.`);
    }
    inFlight ??= refresh(rejectedToken ?? record.accessToken).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

/** A 401 from the token endpoint: the refresh token is unknown, used or revoked (its family is now dead). */
function isUnauthorized(error: unknown): boolean {
  return isMaxError(error) && error.status === 401;
}
