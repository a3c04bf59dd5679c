/**
 * What the client passes to a {@link TokenProvider}.
 *
 * @example
 * ```ts
 * const ctx: TokenProviderContext = { forceRefresh: true, rejectedToken: 'mxa_…' };
 * ```
 */
export interface TokenProviderContext {
  /** True when the server said the token expired (`401 token_expired`): return a fresh one, not the cached one. */
  forceRefresh: boolean;
  /** The token the server just rejected, so a provider shared across requests can tell if it already refreshed. */
  rejectedToken?: string;
}

/**
 * Supplies bearer tokens on demand, e.g. from a credential store that refreshes sessions. The SDK never stores
 * or refreshes tokens itself; it only asks again (once, with `forceRefresh: true`) when the server answers
 * `401 token_expired`. Return an empty string to send the request without `Authorization`.
 *
 * @example
 * ```ts
 * const token: TokenProvider = async ({ forceRefresh }) => (forceRefresh ? store.refresh() : store.accessToken());
 * const client = new MaxClient({ apiUrl, token });
 * ```
 */
export type TokenProvider = (ctx: TokenProviderContext) => Promise<string>;
