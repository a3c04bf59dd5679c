import { actorOf } from '../auth/principal.js';
import { toRfc3339 } from '../clock.js';
import type { RouteTable } from '../http/route-types.js';
import type { TrustPolicy } from '../services/trust-policies.js';
import type { RouteDeps } from './deps.js';

/** Token responses must never be cached by intermediaries (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

const toWireTrustPolicy = (policy: TrustPolicy) => ({
  id: policy.id,
  issuer: policy.issuer,
  audience: policy.audience,
  repository: policy.repository,
  ref: policy.ref,
  environment: policy.environment,
  network: policy.network,
  scope: policy.scope,
  token_ttl_seconds: policy.tokenTtlSeconds,
  created_at: toRfc3339(policy.createdAt),
});

/** Keyless CI login: the ID-token exchange and the trust policies it is decided by (docs/oidc.md). */
export function oidcRoutes({ platform }: RouteDeps): RouteTable {
  return {
    exchangeOidcToken: async ({ body, reply }) => {
      reply.headers(NO_STORE);
      return { status: 200, body: await platform.oidc.exchange(body.id_token) };
    },

    listTrustPolicies: ({ query, principal }) => {
      const page = platform.trustPolicies.list(principal.user.id, { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireTrustPolicy), next_cursor: page.nextCursor } };
    },

    createTrustPolicy: ({ body, principal }) => {
      const policy = platform.trustPolicies.create(principal.user.id, actorOf(principal), {
        issuer: body.issuer,
        audience: body.audience,
        repository: body.repository,
        ref: body.ref,
        environment: body.environment,
        network: body.network,
        scope: body.scope,
        tokenTtlSeconds: body.token_ttl_seconds,
      });
      return { status: 201, body: toWireTrustPolicy(policy) };
    },

    deleteTrustPolicy: ({ params, principal }) => {
      platform.trustPolicies.delete(principal.user.id, actorOf(principal), params.policy_id);
      return { status: 204, body: undefined };
    },
  };
}
