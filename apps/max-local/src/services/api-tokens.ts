import { generateToken, newId, sha256Hex } from '../auth/secrets.js';
import type { Scope } from '../auth/scopes.js';
import { notFound, validationFailed } from '../http/api-error.js';
import type { ServiceContext } from './context.js';
import type { EventActor } from './event-log.js';
import { keyset, paginate } from './pagination.js';
import type { TokenService } from './tokens.js';

export interface ApiTokenInfo {
  id: string;
  name: string;
  scope: Scope;
  createdAt: number;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

interface ApiTokenRow {
  id: string;
  name: string;
  scope: Scope;
  created_at: number;
  expires_at: number | null;
  last_used_at: number | null;
}

const toInfo = (row: ApiTokenRow): ApiTokenInfo => ({
  id: row.id,
  name: row.name,
  scope: row.scope,
  createdAt: row.created_at,
  expiresAt: row.expires_at,
  lastUsedAt: row.last_used_at,
});

/** Lifetime bounds for API tokens, as in the spec's `ApiTokenCreate.expires_in`: one minute to one year. */
const MIN_EXPIRES_IN_SECONDS = 60;
const MAX_EXPIRES_IN_SECONDS = 365 * 24 * 3600;

/** Long-lived API tokens (`mxp_…`) for scripts and CI; the secret is returned once, at creation. */
export class ApiTokenService {
  readonly #ctx: ServiceContext;
  readonly #tokens: TokenService;

  constructor(ctx: ServiceContext, tokens: TokenService) {
    this.#ctx = ctx;
    this.#tokens = tokens;
  }

  create(
    userId: string,
    actor: EventActor,
    input: { name: string; scope: Scope; expiresInSeconds?: number | null | undefined },
  ): ApiTokenInfo & { token: string } {
    const name = input.name.trim();
    if (name.length === 0 || name.length > 100) {
      throw validationFailed([{ path: '/name', message: 'must be 1 to 100 characters' }]);
    }
    const expiresIn = input.expiresInSeconds ?? undefined;
    if (
      expiresIn !== undefined &&
      (!Number.isInteger(expiresIn) || expiresIn < MIN_EXPIRES_IN_SECONDS || expiresIn > MAX_EXPIRES_IN_SECONDS)
    ) {
      throw validationFailed([
        { path: '/expires_in', message: `must be an integer from ${MIN_EXPIRES_IN_SECONDS} to ${MAX_EXPIRES_IN_SECONDS}` },
      ]);
    }
    const token = generateToken('api');
    const now = this.#ctx.clock.now();
    const row: ApiTokenRow = {
      id: newId('tok'),
      name,
      scope: input.scope,
      created_at: now,
      expires_at: expiresIn === undefined ? null : now + expiresIn * 1000,
      last_used_at: null,
    };
    this.#ctx.db.transaction(() => {
      this.#ctx.db.run(
        'INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [row.id, userId, row.name, row.scope, sha256Hex(token), row.created_at, row.expires_at],
      );
      this.#ctx.events.append({
        userId,
        action: 'api_token.created',
        actor,
        target: { type: 'api_token', id: row.id },
        details: { name: row.name, scope: row.scope, expires_at: row.expires_at === null ? null : new Date(row.expires_at).toISOString() },
      });
    });
    return { ...toInfo(row), token };
  }

  /** A page of the user's live (not deleted) tokens, newest first. Never includes secrets. */
  list(userId: string, query: { limit: number; cursor?: string | undefined }): { items: ApiTokenInfo[]; nextCursor: string | null } {
    const page = { ...query, sort: '-created_at' as const };
    const ks = keyset(page, 't');
    const rows = this.#ctx.db.all<ApiTokenRow>(
      `SELECT t.id, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at FROM api_tokens t
        WHERE t.user_id = ? AND t.revoked_at IS NULL AND ${ks.where} ORDER BY ${ks.orderBy} LIMIT ?`,
      [userId, ...ks.params, query.limit + 1],
    );
    const result = paginate(rows, page);
    return { items: result.rows.map(toInfo), nextCursor: result.nextCursor };
  }

  /** Deletes (revokes) a token and every session exchanged from it. Other users' tokens look absent. */
  delete(userId: string, actor: EventActor, tokenId: string): void {
    this.#ctx.db.transaction(() => {
      const row = this.#ctx.db.get<{ name: string }>(
        'SELECT name FROM api_tokens WHERE id = ? AND user_id = ? AND revoked_at IS NULL',
        [tokenId, userId],
      );
      if (!row) throw notFound(`API token ${tokenId} not found.`);
      this.#tokens.revokeApiToken(tokenId);
      this.#ctx.events.append({
        userId,
        action: 'api_token.deleted',
        actor,
        target: { type: 'api_token', id: tokenId },
        details: { name: row.name },
      });
    });
  }
}
