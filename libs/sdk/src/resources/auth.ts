import { tokenKind } from '@max/api-spec';
import { abortableSleep } from '../core/abortable-sleep.js';
import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxAbortError, MaxAuthenticationError } from '../errors/error-classes.js';
import { isMaxError } from '../errors/max-error.js';
import { DeviceAuthorizationSchema } from '../schemas/device-authorization.js';
import { OidcTokenResponseSchema, TokenResponseSchema } from '../schemas/token-response.js';
import type { TokenProvider } from '../core/token-provider.js';
import type { DeviceAuthorization, DeviceCodeRequest, OidcTokenResponse, TokenResponse } from '../types.js';
import { ApiTokensResource } from './api-tokens.js';
import { TrustPoliciesResource } from './trust-policies.js';

/** RFC 8628 §3.5: on `slow_down` the client adds 5 seconds to its polling interval, for good. */
const SLOW_DOWN_STEP_MS = 5_000;
/** RFC 8628 §3.2: the interval the client uses when the server does not give one. */
const DEFAULT_INTERVAL_S = 5;

/**
 * Progress of `waitForDeviceToken`, after each poll that did not end the wait.
 *
 * @example
 * ```ts
 * const onPoll = (p: DevicePollProgress) => p.code === 'slow_down' && console.error('Server asked to slow down');
 * ```
 */
export interface DevicePollProgress {
  /** 1 for the first poll. */
  attempt: number;
  code: 'authorization_pending' | 'slow_down';
  /** The wait before the next poll (grows by 5 s on `slow_down`). */
  nextPollInMs: number;
}

/**
 * Options of `waitForDeviceToken`.
 *
 * @example
 * ```ts
 * const options: WaitForDeviceTokenOptions = { signal: AbortSignal.timeout(600_000), onPoll: () => spinner.tick() };
 * ```
 */
export interface WaitForDeviceTokenOptions {
  /** Stops waiting (rejects with `MaxAbortError`), e.g. on Ctrl-C. */
  signal?: AbortSignal;
  onPoll?: (progress: DevicePollProgress) => void;
}

/**
 * Options of `client.auth.oidcTokenProvider`.
 *
 * @example
 * ```ts
 * const options: OidcTokenProviderOptions = { onToken: (minted) => core.setSecret(minted.access_token) };
 * ```
 */
export interface OidcTokenProviderOptions {
  /** Exchange again when the minted token has less than this left (default 60 000 ms). */
  renewBeforeMs?: number;
  /** Called with every newly minted token, e.g. to mask it in CI logs before anything could print it. */
  onToken?: (minted: OidcTokenResponse) => void;
  /** The clock, for tests (default `Date.now`). */
  now?: () => number;
}

/** What `exchangeOidcToken` sends is the ID token; it must never be a Max token (those are bearer tokens). */
const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Sign-in and sessions: `client.auth`. The device flow, refresh, exchange and revoke endpoints need no token,
 * and these methods never consult the client's token or token provider (so a provider may itself call
 * `client.auth.refresh` without recursion).
 *
 * @example
 * ```ts
 * const auth = await client.auth.requestDeviceCode({ client_name: 'rig on laptop' });
 * console.error(`Open ${auth.verification_uri_complete} and check the code ${auth.user_code}`);
 * const tokens = await client.auth.waitForDeviceToken(auth);
 * ```
 */
export class AuthResource {
  /** API tokens (needs a token with `admin` scope). */
  readonly tokens: ApiTokensResource;
  /** OIDC trust policies for keyless CI login (needs a token with `admin` scope). */
  readonly trustPolicies: TrustPoliciesResource;
  readonly #core: HttpCore;

  /** @internal Use `client.auth`. */
  constructor(core: HttpCore) {
    this.#core = core;
    this.tokens = new ApiTokensResource(core);
    this.trustPolicies = new TrustPoliciesResource(core);
  }

  /**
   * Starts a device authorization (RFC 8628): returns the codes to show and to poll with.
   *
   * @example
   * ```ts
   * const auth = await client.auth.requestDeviceCode({ scope: 'deploy', client_name: 'ci bootstrap' });
   * ```
   */
  async requestDeviceCode(input: DeviceCodeRequest = {}, options?: RequestOptions): Promise<DeviceAuthorization> {
    return callOperation(this.#core, 'post', '/api/v1/auth/device/code', {
      operation: 'auth.requestDeviceCode',
      body: input,
      responseSchema: DeviceAuthorizationSchema,
      withoutToken: true,
      options,
    });
  }

  /**
   * Polls once. Until the person approves, rejects with a `MaxAuthenticationError` whose `code` is
   * `authorization_pending` or `slow_down`; `expired_token` and `access_denied` are final. Most callers want
   * {@link AuthResource.waitForDeviceToken}.
   *
   * @example
   * ```ts
   * try {
   *   const tokens = await client.auth.pollDeviceToken(auth.device_code);
   * } catch (err) {
   *   if (isMaxError(err) && err.code === 'authorization_pending') { … }
   * }
   * ```
   */
  async pollDeviceToken(deviceCode: string, options?: RequestOptions): Promise<TokenResponse> {
    return callOperation(this.#core, 'post', '/api/v1/auth/device/token', {
      operation: 'auth.pollDeviceToken',
      body: { device_code: deviceCode },
      responseSchema: TokenResponseSchema,
      withoutToken: true,
      options,
    });
  }

  /**
   * Polls until the person approves (resolves with tokens), declines (`access_denied`), or the device code
   * expires (`expired_token`, also raised locally once `expires_in` has passed). Polls at the server's
   * `interval`, adding 5 s for good on every `slow_down`.
   *
   * @example
   * ```ts
   * const controller = new AbortController();
   * process.once('SIGINT', () => controller.abort());
   * const tokens = await client.auth.waitForDeviceToken(auth, { signal: controller.signal });
   * ```
   */
  async waitForDeviceToken(auth: DeviceAuthorization, options: WaitForDeviceTokenOptions = {}): Promise<TokenResponse> {
    const { signal, onPoll } = options;
    const deadline = Date.now() + auth.expires_in * 1000;
    let intervalMs = (auth.interval > 0 ? auth.interval : DEFAULT_INTERVAL_S) * 1000;
    for (let attempt = 1; ; attempt += 1) {
      const remaining = deadline - Date.now();
      // RFC 8628 §3.5: wait the interval before each poll, the first one included.
      await this.#wait(Math.min(intervalMs, Math.max(remaining, 0)), signal);
      if (Date.now() >= deadline) {
        throw new MaxAuthenticationError({
          code: 'expired_token',
          message: 'The device code expired before the sign-in was approved; start again',
        });
      }
      try {
        return await this.pollDeviceToken(auth.device_code, signal ? { signal } : {});
      } catch (error) {
        if (!isMaxError(error) || (error.code !== 'authorization_pending' && error.code !== 'slow_down')) throw error;
        if (error.code === 'slow_down') intervalMs += SLOW_DOWN_STEP_MS;
        onPoll?.({ attempt, code: error.code, nextPollInMs: intervalMs });
      }
    }
  }

  /**
   * Trades a refresh token for new tokens. Refresh tokens are single-use: store the returned `refresh_token`;
   * presenting an old one again revokes the whole session.
   *
   * @example
   * ```ts
   * const tokens = await client.auth.refresh(stored.refreshToken);
   * ```
   */
  async refresh(refreshToken: string, options?: RequestOptions): Promise<TokenResponse> {
    return callOperation(this.#core, 'post', '/api/v1/auth/token', {
      operation: 'auth.refresh',
      body: { grant_type: 'refresh_token', refresh_token: refreshToken },
      responseSchema: TokenResponseSchema,
      withoutToken: true,
      options,
    });
  }

  /**
   * Trades an API token (`mxp_…`) for a session (access + refresh token) with the API token's scope.
   *
   * @example
   * ```ts
   * const tokens = await client.auth.exchange(process.env.MAX_API_TOKEN!);
   * ```
   */
  async exchange(apiToken: string, options?: RequestOptions): Promise<TokenResponse> {
    return callOperation(this.#core, 'post', '/api/v1/auth/token', {
      operation: 'auth.exchange',
      body: { grant_type: 'token_exchange', subject_token: apiToken },
      responseSchema: TokenResponseSchema,
      withoutToken: true,
      options,
    });
  }

  /**
   * Keyless CI login: trades an OIDC ID token from a CI provider (GitHub Actions' `core.getIDToken('max')`, or any
   * issuer a trust policy names) for a short-lived access token bound to one network and scope. There is no
   * refresh token; exchange a fresh ID token when it expires (see {@link AuthResource.oidcTokenProvider}).
   * Refusals are `MaxAuthenticationError` (`invalid_id_token`, with `details.reason`: `expired`, `bad_signature`,
   * `unknown_issuer`, `wrong_audience`, …) or `MaxPermissionError` (`no_matching_trust_policy`). The ID token is
   * never in traces or errors.
   *
   * @example
   * ```ts
   * const minted = await client.auth.exchangeOidcToken(await core.getIDToken('max'));
   * const deployer = new MaxClient({ apiUrl, token: minted.access_token });
   * ```
   */
  async exchangeOidcToken(idToken: string, options?: RequestOptions): Promise<OidcTokenResponse> {
    if (!JWT_SHAPE.test(idToken)) {
      throw new MaxAuthenticationError({
        code: 'invalid_id_token',
        message: 'The OIDC ID token is not a compact JWT (header.payload.signature); pass the token your CI issued',
      });
    }
    return callOperation(this.#core, 'post', '/api/v1/auth/oidc/token', {
      operation: 'auth.exchangeOidcToken',
      body: { id_token: idToken },
      responseSchema: OidcTokenResponseSchema,
      withoutToken: true,
      options,
    });
  }

  /**
   * A {@link TokenProvider} for CI: exchanges an ID token from `getIdToken` on first use, reuses the minted token
   * until it is about to expire (or the server says it expired), then asks `getIdToken` for a fresh ID token and
   * exchanges again. Concurrent requests share one exchange. Use a client without a token for the exchange.
   *
   * @example
   * ```ts
   * const anonymous = new MaxClient({ apiUrl });
   * const token = anonymous.auth.oidcTokenProvider(() => core.getIDToken('max'), { onToken: (m) => core.setSecret(m.access_token) });
   * const client = new MaxClient({ apiUrl, token });
   * ```
   */
  oidcTokenProvider(getIdToken: () => Promise<string>, providerOptions: OidcTokenProviderOptions = {}): TokenProvider {
    const now = providerOptions.now ?? Date.now;
    const renewBeforeMs = providerOptions.renewBeforeMs ?? 60_000;
    let current: { token: string; expiresAt: number } | undefined;
    let pending: Promise<string> | undefined;
    const mint = (): Promise<string> => {
      pending ??= (async () => {
        try {
          const minted = await this.exchangeOidcToken(await getIdToken());
          providerOptions.onToken?.(minted);
          current = { token: minted.access_token, expiresAt: now() + minted.expires_in * 1000 };
          return minted.access_token;
        } finally {
          pending = undefined;
        }
      })();
      return pending;
    };
    return async ({ forceRefresh, rejectedToken }) => {
      const fresh = current && current.expiresAt - now() > renewBeforeMs;
      // A forced refresh for a token we already replaced reuses the replacement (another request refreshed).
      if (current && fresh && (!forceRefresh || (rejectedToken !== undefined && rejectedToken !== current.token))) {
        return current.token;
      }
      return mint();
    };
  }

  /**
   * Revokes a token (access, refresh or API token). Succeeds for unknown tokens too, so it is safe on logout.
   * Revoking a refresh token also revokes its access tokens.
   *
   * @example
   * ```ts
   * await client.auth.revoke(stored.refreshToken);
   * ```
   */
  async revoke(token: string, options?: RequestOptions): Promise<void> {
    const hint = tokenKind(token);
    await callOperation(this.#core, 'post', '/api/v1/auth/revoke', {
      operation: 'auth.revoke',
      body: hint === undefined ? { token } : { token, token_type_hint: hint },
      responseSchema: null,
      withoutToken: true,
      options,
    });
  }

  async #wait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    try {
      await abortableSleep(ms, signal);
    } catch (error) {
      throw new MaxAbortError({ code: 'aborted', message: 'Waiting for the device sign-in was aborted', cause: error });
    }
  }
}
