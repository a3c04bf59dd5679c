import { randomSecret, sha256Hex } from '../auth/secrets.js';
import { userActor } from '../auth/principal.js';
import type { ServiceContext } from './context.js';
import type { User, UserService } from './users.js';

export const LOGIN_LINK_TTL_MS = 3600 * 1000;
export const BROWSER_SESSION_TTL_MS = 12 * 3600 * 1000;

export interface BrowserSession {
  user: User;
  csrfToken: string;
  expiresAt: number;
}

/**
 * Browser sign-in for the device approval page. There are no passwords: at startup the server
 * mints a one-time admin link (as Jupyter does) whose visit opens a cookie session. Link tokens and
 * session ids are stored as hashes; the CSRF token is per session (synchroniser-token pattern).
 */
export class BrowserSessionService {
  readonly #ctx: ServiceContext;
  readonly #users: UserService;

  constructor(ctx: ServiceContext, users: UserService) {
    this.#ctx = ctx;
    this.#users = users;
  }

  /** Creates a fresh single-use link token for `user` and invalidates older unused ones. */
  createLoginLink(user: User): string {
    const token = randomSecret();
    const now = this.#ctx.clock.now();
    this.#ctx.db.transaction(() => {
      this.#ctx.db.run('DELETE FROM admin_login_links WHERE used_at IS NULL OR expires_at < ?', [now]);
      this.#ctx.db.run(
        'INSERT INTO admin_login_links (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)',
        [sha256Hex(token), user.id, now, now + LOGIN_LINK_TTL_MS],
      );
    });
    return token;
  }

  /** Consumes a login link and opens a session; returns the session id (cookie value) or null. */
  redeemLoginLink(token: string): { sessionId: string; session: BrowserSession } | null {
    const { db, clock, events } = this.#ctx;
    return db.transaction(() => {
      const now = clock.now();
      const link = db.get<{ token_hash: string; user_id: string }>(
        'SELECT token_hash, user_id FROM admin_login_links WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?',
        [sha256Hex(token), now],
      );
      if (!link) return null;
      const user = this.#users.byId(link.user_id);
      if (!user) return null;
      db.run('UPDATE admin_login_links SET used_at = ? WHERE token_hash = ?', [now, link.token_hash]);
      db.run('DELETE FROM browser_sessions WHERE expires_at < ?', [now]);
      const sessionId = randomSecret();
      const session: BrowserSession = { user, csrfToken: randomSecret(), expiresAt: now + BROWSER_SESSION_TTL_MS };
      db.run('INSERT INTO browser_sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)', [
        sha256Hex(sessionId),
        user.id,
        session.csrfToken,
        now,
        session.expiresAt,
      ]);
      events.append({
        userId: user.id,
        action: 'auth.browser_login',
        actor: userActor(user),
        target: { type: 'user', id: user.id },
        details: { method: 'admin_link' },
      });
      return { sessionId, session };
    });
  }

  /** The live session for a cookie value, if any. */
  find(sessionId: string | undefined): BrowserSession | undefined {
    if (!sessionId) return undefined;
    const row = this.#ctx.db.get<{ user_id: string; csrf_token: string; expires_at: number }>(
      'SELECT user_id, csrf_token, expires_at FROM browser_sessions WHERE id_hash = ? AND expires_at > ?',
      [sha256Hex(sessionId), this.#ctx.clock.now()],
    );
    if (!row) return undefined;
    const user = this.#users.byId(row.user_id);
    return user && { user, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }
}
