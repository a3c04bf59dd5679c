import { toRfc3339, toRfc3339OrNull } from '../clock.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';

export function meRoutes(_deps: RouteDeps): RouteTable {
  return {
    getMe: ({ principal }) => ({
      status: 200,
      body: {
        id: principal.user.id,
        email: principal.user.email,
        name: principal.user.name,
        created_at: toRfc3339(principal.user.createdAt),
        auth: {
          type: principal.kind,
          scope: principal.scope,
          expires_at: toRfc3339OrNull(principal.expiresAt),
          // Only for bound (OIDC-minted) credentials; others reach all of the user's networks.
          ...(principal.network === null ? {} : { network: principal.network }),
          ...(principal.oidc === null
            ? {}
            : {
                oidc: {
                  trust_policy_id: principal.oidc.trustPolicyId,
                  issuer: principal.oidc.issuer,
                  subject: principal.oidc.subject,
                },
              }),
        },
      },
    }),
  };
}
