import { resolve } from 'node:path';
import { isScope, type Scope } from './auth/scopes.js';
import { Platform } from './platform.js';
import { DEFAULT_OWNER_EMAIL } from './services/users.js';

export interface CreateApiTokenOptions {
  dataDir: string;
  /** Owner of the token; created when missing. Default `dev@localhost`. */
  email?: string;
  /** Default `admin`: a local developer's own token, like a device-flow login. */
  scope?: Scope;
  /** Label shown in `GET /api/v1/auth/tokens`. Default `max-local token create`. */
  name?: string;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,190}$/;

/**
 * Creates an API token directly in a data dir — for scripts and CI. Safe while a server runs on
 * the same data dir (SQLite WAL + busy timeout). Returns the secret, which is not stored.
 *
 * @example
 * const token = await createApiToken({ dataDir, scope: 'deploy', name: 'ci' });
 */
export async function createApiToken(options: CreateApiTokenOptions): Promise<string> {
  const email = options.email ?? DEFAULT_OWNER_EMAIL;
  if (!EMAIL.test(email)) throw new RangeError(`not an email address: ${JSON.stringify(email)}`);
  const scope = options.scope ?? 'admin';
  if (!isScope(scope)) throw new RangeError(`scope must be read, deploy or admin; got ${JSON.stringify(scope)}`);
  const platform = Platform.open({ dataDir: resolve(options.dataDir) });
  try {
    const user = platform.users.ensure(email);
    const created = platform.apiTokens.create(
      user.id,
      { type: 'system', id: 'max-local-cli', email: null },
      { name: options.name ?? 'max-local token create', scope },
    );
    return created.token;
  } finally {
    platform.close();
  }
}
