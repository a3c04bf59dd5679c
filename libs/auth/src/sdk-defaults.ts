import { MaxClient } from '@max/rig-sdk';
import type { AuthApi, MeApi } from './sdk-contract.js';

/** Default SDK clients, built only when a caller did not inject one. */

/** An unauthenticated client's `auth` for `apiUrl` (refresh and revoke need no bearer token). */
export function defaultAuthApi(apiUrl: string): Pick<AuthApi, 'refresh' | 'revoke' | 'exchangeOidcToken'> {
  return new MaxClient({ apiUrl }).auth;
}

/** A factory of clients that send a given access token (used to verify a fresh login with `GET /me`). */
export function defaultClientForToken(apiUrl: string): (accessToken: string) => { me: MeApi } {
  return (accessToken) => new MaxClient({ apiUrl, token: accessToken });
}
