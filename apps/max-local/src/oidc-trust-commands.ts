import { resolve } from 'node:path';
import { ApiError } from './http/api-error.js';
import { Platform } from './platform.js';
import { DEFAULT_OWNER_EMAIL } from './services/users.js';
import type { TrustPolicy, TrustPolicyInput } from './services/trust-policies.js';

/** The CLI's actor in audit events, as for `max-local token …`. */
const CLI_ACTOR = { type: 'system' as const, id: 'max-local-cli', email: null };

/** A trust policy with its owner's email, as `max-local oidc trust list` shows it. */
export interface TrustPolicyListing extends TrustPolicy {
  email: string;
}

/** Why a trust-policy command was refused: the input (with the offending fields) or a missing resource. */
export class TrustCommandError extends Error {
  readonly fields: { path: string; message: string }[];
  readonly kind: 'invalid' | 'not_found';
  constructor(kind: 'invalid' | 'not_found', message: string, fields: { path: string; message: string }[] = []) {
    super(message);
    this.name = 'TrustCommandError';
    this.kind = kind;
    this.fields = fields;
  }
}

function withPlatform<T>(dataDir: string, run: (platform: Platform) => T): T {
  const platform = Platform.open({ dataDir: resolve(dataDir) });
  try {
    return run(platform);
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'validation_failed' || error.code === 'not_found')) {
      const fields = (error.details?.['fields'] as { path: string; message: string }[] | undefined) ?? [];
      throw new TrustCommandError(error.code === 'not_found' ? 'not_found' : 'invalid', error.message, fields);
    }
    throw error;
  } finally {
    platform.close();
  }
}

/**
 * Adds a trust policy straight in a data dir, as `POST /api/v1/oidc/trust-policies` would (safe while a server
 * runs on it: the server reads policies at every exchange). The network must belong to `email` (default the
 * platform owner).
 *
 * @example
 * addTrustPolicy({ dataDir, issuer: 'https://token.actions.githubusercontent.com', repository: 'acme/web', network: 'prod', scope: 'deploy' });
 */
export function addTrustPolicy(options: TrustPolicyInput & { dataDir: string; email?: string }): TrustPolicy {
  return withPlatform(options.dataDir, (platform) => {
    const user = options.email ? platform.users.byEmail(options.email) : platform.users.ensure(DEFAULT_OWNER_EMAIL);
    if (!user) throw new TrustCommandError('not_found', `No user ${options.email} on this platform.`);
    return platform.trustPolicies.create(user.id, CLI_ACTOR, options);
  });
}

/** Every live trust policy of the data dir, newest first. */
export function listTrustPolicies(dataDir: string): TrustPolicyListing[] {
  return withPlatform(dataDir, (platform) => {
    const owners = platform.db.all<{ id: string; email: string }>('SELECT id, email FROM users');
    const emailOf = new Map(owners.map((u) => [u.id, u.email]));
    const out: TrustPolicyListing[] = [];
    for (const { id } of owners) {
      let cursor: string | undefined;
      do {
        const page = platform.trustPolicies.list(id, { limit: 100, cursor });
        out.push(...page.items.map((p) => ({ ...p, email: emailOf.get(p.userId) ?? '' })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
    }
    return out.sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
  });
}

/** Removes a trust policy and revokes the tokens minted through it. Returns false when no live policy has that id. */
export function removeTrustPolicy(dataDir: string, id: string): boolean {
  return withPlatform(dataDir, (platform) => {
    const row = platform.db.get<{ user_id: string }>('SELECT user_id FROM oidc_trust_policies WHERE id = ? AND deleted_at IS NULL', [id]);
    if (!row) return false;
    platform.trustPolicies.delete(row.user_id, CLI_ACTOR, id);
    return true;
  });
}
