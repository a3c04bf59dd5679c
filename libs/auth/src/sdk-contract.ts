/**
 * The slice of `@max/rig-sdk` this library calls, as narrow `Pick`s of the SDK's own resource types: a real
 * `MaxClient` satisfies them, and tests inject small fakes with the same signatures.
 */
import type { AuthResource, MeResource } from '@max/rig-sdk';

export type {
  DeviceAuthorization,
  Me,
  RequestOptions,
  Scope,
  TokenProvider,
  TokenProviderContext,
  TokenResponse,
  OidcTokenResponse,
} from '@max/rig-sdk';

/** The auth endpoints this library uses (`client.auth` of `MaxClient`). */
export type AuthApi = Pick<AuthResource, 'requestDeviceCode' | 'waitForDeviceToken' | 'refresh' | 'exchange' | 'revoke' | 'exchangeOidcToken'>;

/** The `me` endpoint (`client.me` of `MaxClient`). */
export type MeApi = Pick<MeResource, 'get'>;
