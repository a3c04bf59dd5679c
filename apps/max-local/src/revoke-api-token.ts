import { resolve } from 'node:path';
import { sha256Hex } from './auth/secrets.js';
import { Platform } from './platform.js';

export interface RevokeApiTokenOptions {
  dataDir: string;
  /** The token's id (`tok_…`, from `max-local token list` or `GET /api/v1/auth/tokens`)… */
  id?: string;
  /** …or the token itself (read from stdin by the CLI, never from argv). */
  token?: string;
}

/** What `max-local token list` shows: never a secret. */
export interface ApiTokenListing {
  id: string;
  name: string;
  scope: string;
  email: string;
  created_at: number;
}

/**
 * Revokes an API token straight in a data dir, with every session exchanged from it, as `DELETE
 * /api/v1/auth/tokens/{id}` would (audited as the max-local CLI). A server running on the same data dir notices
 * within its revocation poll interval and closes the sockets opened with it (ADR 0010). Returns the revoked id,
 * or `undefined` when no live token matches.
 *
 * @example
 * await revokeApiToken({ dataDir, id: 'tok_123' });
 */
export function revokeApiToken(options: RevokeApiTokenOptions): string | undefined {
  if ((options.id === undefined) === (options.token === undefined)) throw new TypeError('pass exactly one of id and token');
  const platform = Platform.open({ dataDir: resolve(options.dataDir) });
  try {
    const row =
      options.id !== undefined
        ? platform.db.get<{ id: string; user_id: string }>('SELECT id, user_id FROM api_tokens WHERE id = ? AND revoked_at IS NULL', [options.id])
        : platform.db.get<{ id: string; user_id: string }>('SELECT id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL', [
            sha256Hex(options.token ?? ''),
          ]);
    if (!row) return undefined;
    platform.apiTokens.delete(row.user_id, { type: 'system', id: 'max-local-cli', email: null }, row.id);
    return row.id;
  } finally {
    platform.close();
  }
}

/** Every live API token of the data dir, newest first. */
export function listApiTokens(dataDir: string): ApiTokenListing[] {
  const platform = Platform.open({ dataDir: resolve(dataDir) });
  try {
    return platform.db.all<ApiTokenListing>(
      `SELECT t.id, t.name, t.scope, u.email, t.created_at FROM api_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id DESC`,
    );
  } finally {
    platform.close();
  }
}
