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
  /**
   * The only network this credential may touch (tokens minted from an OIDC ID token are bound to their trust
   * policy's network), or null for credentials that reach all of the user's networks. Enforced for every REST
   * operation (auth/network-binding.ts) and every channel join.
   */
  network: string | null;
  /** Set when the access token was minted from an OIDC ID token. */
  oidc: { trustPolicyId: string; issuer: string; subject: string } | null;
}

/** The event actor for changes made by this principal. */
export function actorOf(principal: Principal): EventActor {
  return principal.kind === 'api_token'
    ? { type: 'api_token', id: principal.credentialId, email: principal.user.email }
    : { type: 'user', id: principal.user.id, email: principal.user.email };
}

export const userActor = (user: User): EventActor => ({ type: 'user', id: user.id, email: user.email });
