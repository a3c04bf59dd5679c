/**
 * A loopback OIDC issuer for tests. It serves what a relying party fetches from a real issuer (the discovery document
 * and the JWKS) on 127.0.0.1, mints GitHub-Actions-shaped ID tokens with keys made by `jose`, and emulates the
 * runner's ID-token request endpoint that `@actions/core`'s `getIDToken()` calls.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  SignJWT,
  base64url,
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  type CryptoKey,
  type JWK,
} from 'jose';

/** Asymmetric algorithms the issuer can publish keys for. */
export type IssuerAlgorithm = 'RS256' | 'ES256' | 'PS256' | 'EdDSA';

/** The claims of a GitHub Actions ID token (the ones a trust policy can match, plus the usual JWT claims). */
export interface GithubClaims {
  iss: string;
  aud: string | string[];
  sub: string;
  exp: number;
  nbf: number;
  iat: number;
  jti: string;
  repository: string;
  repository_owner: string;
  repository_id: string;
  repository_owner_id: string;
  repository_visibility: string;
  ref: string;
  ref_type: string;
  sha: string;
  environment?: string;
  event_name: string;
  head_ref: string;
  base_ref: string;
  actor: string;
  actor_id: string;
  workflow: string;
  workflow_ref: string;
  workflow_sha: string;
  job_workflow_ref: string;
  job_workflow_sha: string;
  run_id: string;
  run_number: string;
  run_attempt: string;
  runner_environment: string;
}

/** What a test sets; everything else gets a GitHub-like default, and `sub` is derived unless given. */
export type ClaimOverrides = Partial<GithubClaims> & Record<string, unknown>;

/** How to sign one token. The defaults make a token the issuer would really issue. */
export interface SignOptions {
  /**
   * `issuer` (default): the published key. `other`: a fresh key that is NOT in the JWKS, with the published key's
   * `kid` unless `kid` says otherwise, so a verifier finds a key and the signature check fails.
   */
  key?: 'issuer' | 'other';
  /**
   * `none`: an unsigned token (`alg: none`, empty signature). `HS256`: HMAC, by default keyed with the published
   * public key's JWK JSON (the classic algorithm-confusion attack). Otherwise the published key's algorithm.
   */
  alg?: 'none' | 'HS256' | IssuerAlgorithm;
  /** The HMAC secret for `alg: 'HS256'`. */
  hmacSecret?: Uint8Array;
  /** The `kid` header; `null` leaves it out. Default: the published key's kid. */
  kid?: string | null;
  /** Extra protected-header fields. */
  header?: Record<string, unknown>;
  /** Lifetime in seconds from `iat` (default 300, like GitHub's ~5 minutes); negative makes it already expired. */
  expiresIn?: number;
  /** Shorthand: exp and iat an hour in the past. */
  expired?: boolean;
  /** Shorthand: nbf (and iat) an hour in the future. */
  notYetValid?: boolean;
  /** The clock the token is minted at (epoch seconds); default now. */
  now?: number;
}

export interface OidcIssuerOptions {
  /** The signing algorithm of the published key (default RS256, what GitHub uses). */
  alg?: IssuerAlgorithm;
  /** A path under the origin that is the issuer (e.g. `/tenant-a`); default none: the issuer is the origin. */
  issuerPath?: string;
  /** Default `aud` of `sign()` (default `max`). */
  audience?: string;
  /** Default claims for every token (e.g. `{ repository: 'acme/web' }`). */
  claims?: ClaimOverrides;
  /** Fields merged into the discovery document (e.g. a wrong `issuer` to test the relying party). */
  discovery?: Record<string, unknown>;
}

/** Environment variables a GitHub runner sets for a job with `permissions: id-token: write`. */
// A type alias, not an interface, so it spreads into and assigns to `Record<string, string | undefined>` env maps.
export type ActionsIdTokenEnv = {
  ACTIONS_ID_TOKEN_REQUEST_URL: string;
  ACTIONS_ID_TOKEN_REQUEST_TOKEN: string;
};

/** One request the issuer served, for assertions (no bearer values are recorded). */
export interface IssuerRequest {
  method: string;
  path: string;
  /** The `audience` query parameter of an ID-token request. */
  audience?: string;
  status: number;
}

export interface OidcIssuer {
  /** The issuer identifier (`iss`), e.g. `http://127.0.0.1:41234`. */
  readonly issuer: string;
  /** The origin the server listens on. */
  readonly origin: string;
  readonly discoveryUrl: string;
  readonly jwksUrl: string;
  /** The published key's `kid`. */
  readonly kid: string;
  readonly alg: IssuerAlgorithm;
  /** Every request served, in order. */
  readonly requests: readonly IssuerRequest[];
  /** The claims `sign(overrides)` would put in a token (minus the time claims it computes at signing). */
  claims(overrides?: ClaimOverrides): ClaimOverrides;
  /** Mints an ID token. */
  sign(overrides?: ClaimOverrides, options?: SignOptions): Promise<string>;
  /**
   * The two env vars of a runner whose ID-token endpoint is this issuer. Each call registers a new request token;
   * tokens fetched with it carry `claims` (and `options`) on top of the defaults. `aud` is `claims.aud` when given
   * (to test a wrong audience), else the request's `audience` parameter, else `https://github.com/<owner>`.
   */
  actionsEnv(claims?: ClaimOverrides, options?: SignOptions): ActionsIdTokenEnv;
  /**
   * Publishes a new key (the old one stays published unless `dropOld`), and signs with it from now on. Returns the
   * new kid. For relying parties that must refetch the JWKS on an unknown kid.
   */
  rotateKey(options?: { dropOld?: boolean }): Promise<string>;
  /** Makes discovery / JWKS answer with this status (e.g. 503) until set back to `null`. */
  fail(what: 'discovery' | 'jwks', status: number | null): void;
  close(): Promise<void>;
}

interface KeyEntry {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

async function makeKey(alg: IssuerAlgorithm): Promise<KeyEntry> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { kid, privateKey, publicJwk: { ...jwk, kid, alg, use: 'sig' } };
}

/** GitHub's `sub`: environment beats pull_request beats ref. */
export function githubSubject(claims: { repository: string; ref: string; environment?: string; event_name?: string }): string {
  if (claims.environment) return `repo:${claims.repository}:environment:${claims.environment}`;
  if (claims.event_name === 'pull_request') return `repo:${claims.repository}:pull_request`;
  return `repo:${claims.repository}:ref:${claims.ref}`;
}

function numericId(seed: string): string {
  return String(parseInt(createHash('sha256').update(seed).digest('hex').slice(0, 8), 16));
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

/** Starts the issuer on 127.0.0.1, port 0. */
export async function startOidcIssuer(options: OidcIssuerOptions = {}): Promise<OidcIssuer> {
  const alg = options.alg ?? 'RS256';
  const audience = options.audience ?? 'max';
  const issuerPath = (options.issuerPath ?? '').replace(/\/+$/, '');
  let keys: KeyEntry[] = [await makeKey(alg)];
  const current = (): KeyEntry => keys[keys.length - 1] as KeyEntry;
  const failures: { discovery: number | null; jwks: number | null } = { discovery: null, jwks: null };
  const requests: IssuerRequest[] = [];
  /** Runner request tokens → what tokens fetched with them carry. */
  const runnerTokens = new Map<string, { claims: ClaimOverrides; options: SignOptions }>();

  let origin = '';
  const issuerUrl = (): string => `${origin}${issuerPath}`;

  const claims = (overrides: ClaimOverrides = {}): ClaimOverrides => {
    const merged: ClaimOverrides = { ...options.claims, ...overrides };
    const repository = merged.repository ?? 'octo-org/octo-repo';
    const owner = merged.repository_owner ?? repository.split('/')[0] ?? 'octo-org';
    const ref = merged.ref ?? 'refs/heads/main';
    const eventName = merged.event_name ?? 'push';
    const sha = merged.sha ?? createHash('sha1').update(`${repository}@${ref}`).digest('hex');
    const workflowRef = `${repository}/.github/workflows/deploy.yml@${ref}`;
    const base: ClaimOverrides = {
      iss: issuerUrl(),
      aud: audience,
      jti: randomUUID(),
      repository,
      repository_owner: owner,
      repository_id: numericId(repository),
      repository_owner_id: numericId(owner),
      repository_visibility: 'private',
      ref,
      ref_type: ref.startsWith('refs/tags/') ? 'tag' : 'branch',
      sha,
      event_name: eventName,
      head_ref: '',
      base_ref: '',
      actor: 'octocat',
      actor_id: numericId('octocat'),
      workflow: 'deploy',
      workflow_ref: workflowRef,
      workflow_sha: sha,
      job_workflow_ref: workflowRef,
      job_workflow_sha: sha,
      run_id: numericId(`${repository}:run`),
      run_number: '1',
      run_attempt: '1',
      runner_environment: 'github-hosted',
    };
    const out: ClaimOverrides = { ...base, ...merged, repository, repository_owner: owner, ref, event_name: eventName };
    if (out.environment === undefined) delete out.environment;
    if (merged.sub === undefined) {
      out.sub = githubSubject({ repository, ref, environment: out.environment, event_name: eventName });
    }
    return out;
  };

  const sign = async (overrides: ClaimOverrides = {}, signOptions: SignOptions = {}): Promise<string> => {
    const now = signOptions.now ?? Math.floor(Date.now() / 1000);
    let iat = now;
    let nbf = now;
    let exp = now + (signOptions.expiresIn ?? 300);
    if (signOptions.expired) {
      iat = now - 3600;
      nbf = iat;
      exp = now - 3000;
    }
    if (signOptions.notYetValid) {
      iat = now + 3600;
      nbf = iat;
      exp = iat + 300;
    }
    // Explicit claim values win over computed times.
    const payload: ClaimOverrides = { iat, nbf, exp, ...claims(overrides) };
    for (const k of ['iat', 'nbf', 'exp'] as const) if (overrides[k] !== undefined) payload[k] = overrides[k];

    const key = current();
    const kid = signOptions.kid === null ? undefined : (signOptions.kid ?? key.kid);
    const chosenAlg = signOptions.alg ?? alg;
    if (chosenAlg === 'none') {
      const header = { alg: 'none', typ: 'JWT', ...(kid ? { kid } : {}), ...signOptions.header };
      const enc = (v: unknown): string => base64url.encode(JSON.stringify(v));
      return `${enc(header)}.${enc(payload)}.`;
    }
    let signingKey: CryptoKey | Uint8Array;
    if (chosenAlg === 'HS256') {
      signingKey = signOptions.hmacSecret ?? new TextEncoder().encode(JSON.stringify(key.publicJwk));
    } else if (signOptions.key === 'other' || chosenAlg !== alg) {
      signingKey = (await generateKeyPair(chosenAlg, { extractable: true })).privateKey;
    } else {
      signingKey = key.privateKey;
    }
    return new SignJWT(payload as Record<string, unknown>)
      .setProtectedHeader({ alg: chosenAlg, typ: 'JWT', ...(kid ? { kid } : {}), ...signOptions.header })
      .sign(signingKey);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', origin);
    const record = (status: number, extra: Partial<IssuerRequest> = {}): void => {
      requests.push({ method: req.method ?? 'GET', path: url.pathname, status, ...extra });
    };
    if (req.method !== 'GET') {
      record(405);
      json(res, 405, { error: 'method_not_allowed' });
      return;
    }
    if (url.pathname === `${issuerPath}/.well-known/openid-configuration`) {
      if (failures.discovery !== null) {
        record(failures.discovery);
        json(res, failures.discovery, { error: 'unavailable' });
        return;
      }
      record(200);
      json(res, 200, {
        issuer: issuerUrl(),
        jwks_uri: `${issuerUrl()}/.well-known/jwks`,
        subject_types_supported: ['public', 'pairwise'],
        response_types_supported: ['id_token'],
        claims_supported: ['sub', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'ref', 'repository', 'repository_owner', 'environment', 'event_name', 'sha', 'workflow', 'run_id', 'actor'],
        id_token_signing_alg_values_supported: [alg],
        scopes_supported: ['openid'],
        ...options.discovery,
      });
      return;
    }
    if (url.pathname === `${issuerPath}/.well-known/jwks`) {
      if (failures.jwks !== null) {
        record(failures.jwks);
        json(res, failures.jwks, { error: 'unavailable' });
        return;
      }
      record(200);
      json(res, 200, { keys: keys.map((k) => k.publicJwk) });
      return;
    }
    if (url.pathname === '/_actions/id-token') {
      const audienceParam = url.searchParams.get('audience') ?? undefined;
      const auth = req.headers.authorization ?? '';
      const match = /^Bearer (.+)$/.exec(auth);
      const entry = match ? runnerTokens.get(match[1] as string) : undefined;
      if (!entry) {
        record(401, { audience: audienceParam });
        json(res, 401, { message: 'Bad credentials' });
        return;
      }
      const base = claims(entry.claims);
      // An `aud` given to actionsEnv wins (a runner that issues the wrong audience); else the requested one, else
      // GitHub's default, the owner's URL.
      const aud = entry.claims.aud ?? audienceParam ?? `https://github.com/${String(base.repository_owner)}`;
      const value = await sign({ ...entry.claims, aud }, entry.options);
      record(200, { audience: audienceParam });
      json(res, 200, { count: 1, value });
      return;
    }
    record(404);
    json(res, 404, { error: 'not_found' });
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;

  return {
    get issuer() {
      return issuerUrl();
    },
    origin,
    get discoveryUrl() {
      return `${issuerUrl()}/.well-known/openid-configuration`;
    },
    get jwksUrl() {
      return `${issuerUrl()}/.well-known/jwks`;
    },
    get kid() {
      return current().kid;
    },
    alg,
    requests,
    claims,
    sign,
    actionsEnv(runnerClaims: ClaimOverrides = {}, runnerOptions: SignOptions = {}): ActionsIdTokenEnv {
      const token = randomBytes(24).toString('base64url');
      runnerTokens.set(token, { claims: runnerClaims, options: runnerOptions });
      return {
        ACTIONS_ID_TOKEN_REQUEST_URL: `${origin}/_actions/id-token?api-version=2.0`,
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: token,
      };
    },
    async rotateKey(rotate: { dropOld?: boolean } = {}): Promise<string> {
      const next = await makeKey(alg);
      keys = rotate.dropOld ? [next] : [...keys, next];
      return next.kid;
    },
    fail(what: 'discovery' | 'jwks', status: number | null): void {
      failures[what] = status;
    },
    close(): Promise<void> {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
