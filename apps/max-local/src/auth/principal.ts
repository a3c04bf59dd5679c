import type { User } from '../services/users.js';
import type { EventActor } from '../services/event-log.js';
import type { Scope } from './scopes.js';

/** Who is calling, established from the bearer token for one request. */
export interface Principal {
  user: User;
  scope: Scope;
  kind: 'access_token' | 'api_token';
  /** Id of the access token or API token row. */
  credentialId: string;
  /** Epoch ms when the credential expires, or null for non-expiring API tokens. */
  expiresAt: number | null;
}

/** The event actor for changes made by this principal. */
export function actorOf(principal: Principal): EventActor {
  return principal.kind === 'api_token'
    ? { type: 'api_token', id: principal.credentialId, email: principal.user.email }
    : { type: 'user', id: principal.user.id, email: principal.user.email };
}

export const userActor = (user: User): EventActor => ({ type: 'user', id: user.id, email: user.email });
