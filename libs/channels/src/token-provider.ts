/**
 * Supplies the bearer token for each (re)connect. Same shape as the SDK's TokenProvider: `forceRefresh` is
 * true when the server refused the last token (403 at the upgrade, or the socket was closed because it
 * expired), and `rejectedToken` is that token.
 *
 * A provider that knows no credential is left (the refresh token was revoked, the user logged out) throws an error
 * whose `code` is `not_authenticated` (as `@max/rig-auth`'s `NotAuthenticatedError` does): the socket then ends at
 * once with `SocketAuthError` instead of asking again after a backoff — a revoked token's stream stops within the
 * revocation's own latency. Any other provider error (say, the refresh request could not reach the platform)
 * counts towards `maxAuthFailures` and is retried.
 */
export type TokenProvider = (context: { forceRefresh: boolean; rejectedToken?: string }) => Promise<string>;
