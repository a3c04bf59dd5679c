import { generateToken, newId, sha256Hex, tokenKind } from '../auth/secrets.js';
import { isScope, type Scope } from '../auth/scopes.js';
import type { Principal } from '../auth/principal.js';
import { ApiError, tokenExpired, unauthenticated } from '../http/api-error.js';
import type { ServiceContext } from './context.js';
import { recordRevocations } from './revocation-feed.js';
import type { EventActor } from './event-log.js';
import type { User, UserService } from './users.js';

/** The OAuth token response, wire shape. */
export interface TokenResponse {
  access_token: string;
  refresh_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: Scope;
}

interface AccessRow {
  id: string;
  family_id: string;
  expires_at: number;
  revoked_at: number | null;
  family_revoked_at: number | null;
  user_id: string;
  scope: string;
  network: string | null;
  trust_policy_id: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
}

/** An access token minted from an OIDC ID token: no refresh token, bound to one network. */
export interface BoundAccessToken {
  accessToken: string;
  accessTokenId: string;
  sessionId: string;
  expiresIn: number;
  expiresAt: number;
}

interface ApiTokenRow {
  id: string;
  user_id: string;
  scope: string;
  expires_at: number | null;
  last_used_at: number | null;
  revoked_at: number | null;
}

interface RefreshRow {
  id: string;
  family_id: string;
  used_at: number | null;
  revoked_at: number | null;
  family_revoked_at: number | null;
  user_id: string;
  scope: string;
  api_token_id: string | null;
}

/** A credential that was just revoked: the access token or API token row id (never the token itself). */
export interface RevokedCredential {
  kind: 'access_token' | 'api_token';
  id: string;
}

export type RevocationListener = (credentials: readonly RevokedCredential[]) => void;

/** `last_used_at` is advisory; writing it at most once a minute keeps reads from becoming writes. */
const LAST_USED_WRITE_INTERVAL_MS = 60_000;

/**
 * Sessions: token families of rotating refresh tokens plus short-lived access tokens, and bearer
 * authentication for all token kinds. Only SHA-256 hashes of tokens are stored.
 */
export class TokenService {
  readonly #ctx: ServiceContext;
  readonly #users: UserService;
  readonly #revocationListeners = new Set<RevocationListener>();

  constructor(ctx: ServiceContext, users: UserService) {
    this.#ctx = ctx;
    this.#users = users;
  }

  /**
   * Starts a session (a new token family). Must run inside the caller's transaction so the login
   * event and the tokens commit together.
   */
  issueSession(user: User, scope: Scope, origin: 'device_code' | 'token_exchange', apiTokenId?: string): TokenResponse {
    const familyId = newId('fam');
    this.#ctx.db.run(
      'INSERT INTO token_families (id, user_id, scope, origin, api_token_id, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [familyId, user.id, scope, origin, apiTokenId ?? null, this.#ctx.clock.now()],
    );
    return this.#issuePair(familyId, scope);
  }

  /**
   * Mints an access token bound to a network, for an OIDC exchange (call inside the caller's transaction). There
   * is no refresh token: the client presents a fresh ID token when this one expires.
   */
  issueBoundAccessToken(
    user: User,
    scope: Scope,
    binding: { network: string; trustPolicyId: string; issuer: string; subject: string; ttlSeconds: number },
  ): BoundAccessToken {
    const now = this.#ctx.clock.now();
    const familyId = newId('fam');
    this.#ctx.db.run(
      `INSERT INTO token_families (id, user_id, scope, origin, created_at, network, trust_policy_id, oidc_issuer, oidc_subject)
       VALUES (?, ?, ?, 'oidc', ?, ?, ?, ?, ?)`,
      [familyId, user.id, scope, now, binding.network, binding.trustPolicyId, binding.issuer, binding.subject],
    );
    const access = generateToken('access');
    const id = newId('atk');
    const expiresAt = now + binding.ttlSeconds * 1000;
    this.#ctx.db.run(
      'INSERT INTO access_tokens (id, family_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      [id, familyId, sha256Hex(access), now, expiresAt],
    );
    return { accessToken: access, accessTokenId: id, sessionId: familyId, expiresIn: binding.ttlSeconds, expiresAt };
  }

  /** Revokes every session minted through a trust policy (call inside a transaction). */
  revokeTrustPolicySessions(trustPolicyId: string): void {
    const families = this.#ctx.db.all<{ id: string }>(
      'SELECT id FROM token_families WHERE trust_policy_id = ? AND revoked_at IS NULL',
      [trustPolicyId],
    );
    for (const family of families) this.#revokeFamily(family.id);
  }

  #issuePair(familyId: string, scope: Scope): TokenResponse {
    const now = this.#ctx.clock.now();
    const ttl = this.#ctx.settings.accessTokenTtlSeconds;
    const access = generateToken('access');
    const refresh = generateToken('refresh');
    this.#ctx.db.run(
      'INSERT INTO access_tokens (id, family_id, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      [newId('atk'), familyId, sha256Hex(access), now, now + ttl * 1000],
    );
    this.#ctx.db.run('INSERT INTO refresh_tokens (id, family_id, token_hash, created_at) VALUES (?, ?, ?, ?)', [
      newId('rtk'),
      familyId,
      sha256Hex(refresh),
      now,
    ]);
    return { access_token: access, refresh_token: refresh, token_type: 'Bearer', expires_in: ttl, scope };
  }

  /** Resolves a bearer token to a principal, or throws 401 (`token_expired` only for expired access tokens). */
  authenticate(token: string): Principal {
    const kind = tokenKind(token);
    if (kind === 'access') return this.#authenticateAccess(token);
    if (kind === 'api') return this.#authenticateApiToken(token);
    if (kind === 'refresh') throw unauthenticated('A refresh token cannot be used as a bearer token.');
    throw unauthenticated('The bearer token is not a Max token.');
  }

  #authenticateAccess(token: string): Principal {
    const row = this.#ctx.db.get<AccessRow>(
      `SELECT a.id, a.family_id, a.expires_at, a.revoked_at, f.revoked_at AS family_revoked_at, f.user_id, f.scope,
              f.network, f.trust_policy_id, f.oidc_issuer, f.oidc_subject
         FROM access_tokens a JOIN token_families f ON f.id = a.family_id WHERE a.token_hash = ?`,
      [sha256Hex(token)],
    );
    if (!row || row.revoked_at !== null || row.family_revoked_at !== null) {
      throw unauthenticated('The access token is invalid or has been revoked.');
    }
    if (row.expires_at <= this.#ctx.clock.now()) throw tokenExpired();
    const principal = this.#principal(row.user_id, row.scope, 'access_token', row.id, row.expires_at);
    if (row.network !== null) principal.network = row.network;
    if (row.trust_policy_id !== null) {
      principal.oidc = { trustPolicyId: row.trust_policy_id, issuer: row.oidc_issuer ?? '', subject: row.oidc_subject ?? '' };
    }
    return principal;
  }

  #authenticateApiToken(token: string): Principal {
    const row = this.#findApiToken(token);
    const now = this.#ctx.clock.now();
    if (row.last_used_at === null || now - row.last_used_at > LAST_USED_WRITE_INTERVAL_MS) {
      this.#ctx.db.run('UPDATE api_tokens SET last_used_at = ? WHERE id = ?', [now, row.id]);
    }
    return this.#principal(row.user_id, row.scope, 'api_token', row.id, row.expires_at);
  }

  #findApiToken(token: string): ApiTokenRow {
    const row = this.#ctx.db.get<ApiTokenRow>(
      'SELECT id, user_id, scope, expires_at, last_used_at, revoked_at FROM api_tokens WHERE token_hash = ?',
      [sha256Hex(token)],
    );
    if (!row || row.revoked_at !== null) throw unauthenticated('The API token is invalid or has been deleted.');
    // API tokens cannot be refreshed, so an expired one is simply invalid (not `token_expired`,
    // which tells clients to refresh).
    if (row.expires_at !== null && row.expires_at <= this.#ctx.clock.now()) {
      throw unauthenticated('The API token has expired.');
    }
    return row;
  }

  #principal(userId: string, scope: string, kind: Principal['kind'], id: string, expiresAt: number | null): Principal {
    const user = this.#users.byId(userId);
    if (!user || !isScope(scope)) throw unauthenticated();
    return { user, scope, kind, credentialId: id, expiresAt, network: null, oidc: null };
  }

  /**
   * Rotates a refresh token. A refresh token that was already used means it leaked (or a client
   * misbehaved): the whole family is revoked, which logs out both the attacker and the victim.
   */
  refresh(refreshToken: string): TokenResponse {
    const db = this.#ctx.db;
    const outcome = db.transaction((): TokenResponse | ApiError => {
      const row = db.get<RefreshRow>(
        `SELECT r.id, r.family_id, r.used_at, r.revoked_at, f.revoked_at AS family_revoked_at, f.user_id, f.scope,
                f.api_token_id
           FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id WHERE r.token_hash = ?`,
        [sha256Hex(refreshToken)],
      );
      const invalid = unauthenticated('The refresh token is invalid, expired or revoked.');
      if (!row || row.revoked_at !== null || row.family_revoked_at !== null || !isScope(row.scope)) return invalid;
      if (row.used_at !== null) {
        this.#revokeFamily(row.family_id);
        this.#ctx.events.append({
          userId: row.user_id,
          action: 'auth.refresh_token_reused',
          actor: { type: 'system', id: 'max-local', email: null },
          target: { type: 'user', id: row.user_id },
          details: { session_id: row.family_id, reason: 'a used refresh token was presented again; the session was revoked' },
        });
        // Returned, not thrown, so the revocation commits.
        return invalid;
      }
      if (row.api_token_id !== null && !this.#apiTokenUsable(row.api_token_id)) {
        this.#revokeFamily(row.family_id);
        return invalid;
      }
      db.run('UPDATE refresh_tokens SET used_at = ? WHERE id = ?', [this.#ctx.clock.now(), row.id]);
      return this.#issuePair(row.family_id, row.scope);
    });
    if (outcome instanceof ApiError) throw outcome;
    return outcome;
  }

  #apiTokenUsable(id: string): boolean {
    const row = this.#ctx.db.get<{ revoked_at: number | null; expires_at: number | null }>(
      'SELECT revoked_at, expires_at FROM api_tokens WHERE id = ?',
      [id],
    );
    return !!row && row.revoked_at === null && (row.expires_at === null || row.expires_at > this.#ctx.clock.now());
  }

  /** Exchanges an API token for a session with the API token's user and scope. */
  exchange(apiToken: string): TokenResponse {
    if (tokenKind(apiToken) !== 'api') throw unauthenticated('subject_token must be a Max API token (mxp_…).');
    const db = this.#ctx.db;
    return db.transaction(() => {
      const row = this.#findApiToken(apiToken);
      const user = this.#users.byId(row.user_id);
      if (!user || !isScope(row.scope)) throw unauthenticated();
      const response = this.issueSession(user, row.scope, 'token_exchange', row.id);
      this.#ctx.events.append({
        userId: user.id,
        action: 'auth.login',
        actor: { type: 'api_token', id: row.id, email: user.email },
        target: { type: 'user', id: user.id },
        details: { method: 'token_exchange', scope: row.scope, api_token_id: row.id },
      });
      return response;
    });
  }

  /**
   * RFC 7009 revocation: access token → that token; refresh token → its whole session; API token →
   * the token and sessions exchanged from it. Unknown tokens are silently ignored.
   */
  revoke(token: string): void {
    const db = this.#ctx.db;
    const hash = sha256Hex(token);
    const kind = tokenKind(token);
    db.transaction(() => {
      if (kind === 'access') {
        const row = db.get<{ id: string; user_id: string; family_id: string }>(
          `SELECT a.id, f.user_id, a.family_id FROM access_tokens a JOIN token_families f ON f.id = a.family_id
            WHERE a.token_hash = ? AND a.revoked_at IS NULL`,
          [hash],
        );
        if (!row) return;
        db.run('UPDATE access_tokens SET revoked_at = ? WHERE id = ?', [this.#ctx.clock.now(), row.id]);
        this.#announceRevoked([{ kind: 'access_token', id: row.id }]);
        this.#revokedEvent(row.user_id, 'access_token', row.family_id);
      } else if (kind === 'refresh') {
        const row = db.get<{ user_id: string; family_id: string }>(
          `SELECT f.user_id, r.family_id FROM refresh_tokens r JOIN token_families f ON f.id = r.family_id
            WHERE r.token_hash = ? AND f.revoked_at IS NULL`,
          [hash],
        );
        if (!row) return;
        this.#revokeFamily(row.family_id);
        this.#revokedEvent(row.user_id, 'refresh_token', row.family_id);
      } else if (kind === 'api') {
        const row = db.get<{ id: string; user_id: string }>(
          'SELECT id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL',
          [hash],
        );
        if (!row) return;
        this.revokeApiToken(row.id);
        this.#revokedEvent(row.user_id, 'api_token', row.id);
      }
    });
  }

  #revokedEvent(userId: string, tokenType: string, id: string): void {
    const user = this.#users.byId(userId);
    const actor: EventActor = { type: 'user', id: userId, email: user?.email ?? null };
    this.#ctx.events.append({
      userId,
      action: 'auth.token_revoked',
      actor,
      target: tokenType === 'api_token' ? { type: 'api_token', id } : { type: 'user', id: userId },
      details: tokenType === 'api_token' ? { kind: tokenType } : { kind: tokenType, session_id: id },
    });
  }

  /**
   * Calls `listener` after the commit of every revocation made by this process, with the credentials it
   * revoked (sessions are expanded to their live access tokens), so long-lived connections authenticated with
   * them (realtime sockets) can be closed at once. Returns the function that removes the listener.
   */
  onRevoked(listener: RevocationListener): () => void {
    this.#revocationListeners.add(listener);
    return () => {
      this.#revocationListeners.delete(listener);
    };
  }

  #announceRevoked(credentials: RevokedCredential[]): void {
    if (credentials.length === 0) return;
    // In the same transaction, for servers on this data dir in other processes (RevocationFeed, ADR 0010).
    recordRevocations(this.#ctx.db, credentials, this.#ctx.clock.now());
    if (this.#revocationListeners.size === 0) return;
    // After the commit: a rolled-back revocation must not close anything.
    this.#ctx.db.afterCommit(() => this.notifyRevoked(credentials));
  }

  /**
   * Tells the {@link onRevoked} listeners about revoked credentials: this process's own (after their commit), and
   * those another process committed on the same data dir (`RevocationFeed`).
   */
  notifyRevoked(credentials: readonly RevokedCredential[]): void {
    for (const listener of [...this.#revocationListeners]) {
      try {
        listener(credentials);
      } catch {
        // A faulty listener must not fail the revocation request, nor starve the other listeners.
      }
    }
  }

  /** Revokes an API token and every session exchanged from it (call inside a transaction). */
  revokeApiToken(apiTokenId: string): void {
    this.revokeApiTokenSessions(apiTokenId);
    this.#ctx.db.run('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [
      this.#ctx.clock.now(),
      apiTokenId,
    ]);
    this.#announceRevoked([{ kind: 'api_token', id: apiTokenId }]);
  }

  /** Revokes every session that was exchanged from the given API token (call inside a transaction). */
  revokeApiTokenSessions(apiTokenId: string): void {
    const families = this.#ctx.db.all<{ id: string }>(
      'SELECT id FROM token_families WHERE api_token_id = ? AND revoked_at IS NULL',
      [apiTokenId],
    );
    for (const family of families) this.#revokeFamily(family.id);
  }

  #revokeFamily(familyId: string): void {
    const now = this.#ctx.clock.now();
    const db = this.#ctx.db;
    const live = db.all<{ id: string }>(
      'SELECT id FROM access_tokens WHERE family_id = ? AND revoked_at IS NULL AND expires_at > ?',
      [familyId, now],
    );
    this.#announceRevoked(live.map(({ id }) => ({ kind: 'access_token', id })));
    db.run('UPDATE token_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL', [now, familyId]);
    db.run('UPDATE access_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL', [now, familyId]);
    db.run('UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL', [now, familyId]);
  }
}
