import type { JSONWebKeySet } from 'jose';
import { checkIssuerUrl } from './issuer-url.js';

/** Why the platform could not get an issuer's keys: the issuer's fault, not the caller's (503). */
export class IssuerUnavailableError extends Error {
  readonly reason: 'issuer_unreachable' | 'issuer_misconfigured';
  constructor(reason: 'issuer_unreachable' | 'issuer_misconfigured', message: string) {
    super(message);
    this.name = 'IssuerUnavailableError';
    this.reason = reason;
  }
}

export interface IssuerDirectoryOptions {
  now(): number;
  fetch?: typeof fetch;
  /** How long a discovery document is used before it is fetched again. */
  discoveryTtlMs?: number;
  /** How long a JWKS is used before it is fetched again. */
  jwksTtlMs?: number;
  /** An unknown `kid` refetches the JWKS (key rotation), at most this often per issuer. */
  refetchCooldownMs?: number;
  /** A cached copy older than its TTL is still used for this long when the issuer cannot be reached. */
  staleIfErrorMs?: number;
  timeoutMs?: number;
  maxBytes?: number;
}

interface Cached<T> {
  value: T;
  fetchedAt: number;
}

const DEFAULTS = {
  discoveryTtlMs: 60 * 60_000,
  jwksTtlMs: 10 * 60_000,
  refetchCooldownMs: 30_000,
  staleIfErrorMs: 24 * 60 * 60_000,
  timeoutMs: 5_000,
  maxBytes: 256 * 1024,
};

/**
 * Fetches and caches issuers' discovery documents and JWKS. Only issuers named in a trust policy are ever asked
 * for (the caller checks that first), so an anonymous exchange request cannot make the platform fetch an arbitrary
 * URL. Concurrent lookups of one issuer share one request.
 */
export class IssuerDirectory {
  readonly #options: Required<Omit<IssuerDirectoryOptions, 'fetch'>> & { fetch: typeof fetch };
  readonly #discovery = new Map<string, Cached<{ jwksUri: string }>>();
  readonly #jwks = new Map<string, Cached<JSONWebKeySet>>();
  readonly #inflight = new Map<string, Promise<unknown>>();

  constructor(options: IssuerDirectoryOptions) {
    this.#options = { ...DEFAULTS, ...options, fetch: options.fetch ?? globalThis.fetch };
  }

  /**
   * The issuer's current keys. When `kid` is given and not among the cached keys, the JWKS is fetched again
   * (at most once per cooldown), so a rotated key is picked up without waiting for the TTL.
   */
  async keys(issuer: string, kid: string | undefined): Promise<JSONWebKeySet> {
    const now = this.#options.now();
    const cached = this.#jwks.get(issuer);
    const fresh = cached && now - cached.fetchedAt < this.#options.jwksTtlMs;
    const hasKid = (set: JSONWebKeySet): boolean => kid === undefined || set.keys.some((k) => k.kid === kid);
    if (cached && fresh && (hasKid(cached.value) || now - cached.fetchedAt < this.#options.refetchCooldownMs)) {
      return cached.value;
    }
    try {
      return await this.#once(`jwks ${issuer}`, async () => {
        const { jwksUri } = await this.#discoveryOf(issuer);
        const body = await this.#getJson(jwksUri, 'JWKS');
        const keys = (body as { keys?: unknown }).keys;
        if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'object' || k === null)) {
          throw new IssuerUnavailableError('issuer_misconfigured', `The issuer's JWKS at ${jwksUri} has no "keys" array.`);
        }
        const set: JSONWebKeySet = { keys: keys as JSONWebKeySet['keys'] };
        this.#jwks.set(issuer, { value: set, fetchedAt: this.#options.now() });
        return set;
      });
    } catch (error) {
      if (cached && error instanceof IssuerUnavailableError && error.reason === 'issuer_unreachable' &&
        now - cached.fetchedAt < this.#options.staleIfErrorMs) {
        return cached.value;
      }
      throw error;
    }
  }

  /** Forgets everything cached for an issuer (e.g. when its last trust policy is deleted). */
  forget(issuer: string): void {
    this.#discovery.delete(issuer);
    this.#jwks.delete(issuer);
  }

  async #discoveryOf(issuer: string): Promise<{ jwksUri: string }> {
    const now = this.#options.now();
    const cached = this.#discovery.get(issuer);
    if (cached && now - cached.fetchedAt < this.#options.discoveryTtlMs) return cached.value;
    try {
      const url = `${issuer}/.well-known/openid-configuration`;
      const doc = (await this.#getJson(url, 'discovery document')) as { issuer?: unknown; jwks_uri?: unknown };
      // OIDC Discovery §4.3: the document's issuer must be exactly the one it was fetched for.
      if (typeof doc.issuer !== 'string' || doc.issuer.replace(/\/+$/, '') !== issuer) {
        throw new IssuerUnavailableError(
          'issuer_misconfigured',
          `The discovery document at ${url} names issuer ${JSON.stringify(doc.issuer)}, not ${issuer}.`,
        );
      }
      const jwks = typeof doc.jwks_uri === 'string' ? checkIssuerUrl(doc.jwks_uri) : null;
      if (!jwks?.ok) {
        throw new IssuerUnavailableError(
          'issuer_misconfigured',
          `The discovery document at ${url} has no acceptable jwks_uri${jwks ? ` (it ${jwks.reason})` : ''}.`,
        );
      }
      const value = { jwksUri: jwks.url };
      this.#discovery.set(issuer, { value, fetchedAt: this.#options.now() });
      return value;
    } catch (error) {
      if (cached && error instanceof IssuerUnavailableError && error.reason === 'issuer_unreachable') return cached.value;
      throw error;
    }
  }

  async #once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const pending = this.#inflight.get(key) as Promise<T> | undefined;
    if (pending) return pending;
    const promise = run().finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, promise);
    return promise;
  }

  async #getJson(url: string, what: string): Promise<unknown> {
    let response: Response;
    try {
      response = await this.#options.fetch(url, {
        headers: { accept: 'application/json' },
        // A redirect could lead to a host the URL policy forbids: issuers must serve their documents directly.
        redirect: 'error',
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
    } catch (error) {
      throw new IssuerUnavailableError('issuer_unreachable', `Could not fetch the issuer's ${what} (${url}): ${describe(error)}.`);
    }
    if (!response.ok) {
      await response.body?.cancel().catch(() => undefined);
      throw new IssuerUnavailableError('issuer_unreachable', `The issuer's ${what} (${url}) answered HTTP ${response.status}.`);
    }
    const text = await readCapped(response, this.#options.maxBytes).catch((error: unknown) => {
      throw new IssuerUnavailableError('issuer_unreachable', `Could not read the issuer's ${what} (${url}): ${describe(error)}.`);
    });
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new IssuerUnavailableError('issuer_misconfigured', `The issuer's ${what} (${url}) is not JSON.`);
    }
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ?? cause?.message ?? error.message;
  }
  return String(error);
}

async function readCapped(response: Response, maxBytes: number): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new Error(`larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
