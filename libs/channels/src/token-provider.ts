/**
 * Supplies the bearer token for each (re)connect. Same shape as the SDK's TokenProvider: `forceRefresh` is
 * true when the server refused the last token (403 at the upgrade, or the socket was closed because it
 * expired), and `rejectedToken` is that token.
 */
export type TokenProvider = (context: { forceRefresh: boolean; rejectedToken?: string }) => Promise<string>;
