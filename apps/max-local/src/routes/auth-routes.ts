import { actorOf } from '../auth/principal.js';
import type { RouteTable } from '../http/route-types.js';
import { toWireApiToken } from './wire.js';
import type { RouteDeps } from './deps.js';

/** Token responses must never be cached by intermediaries (RFC 6749 §5.1). */
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

export function authRoutes({ platform, baseUrl }: RouteDeps): RouteTable {
  return {
    requestDeviceCode: ({ body }) => {
      const grant = platform.deviceFlow.start({ clientName: body.client_name, scope: body.scope });
      const verificationUri = `${baseUrl()}/device`;
      return {
        status: 200,
        body: {
          device_code: grant.deviceCode,
          user_code: grant.userCode,
          verification_uri: verificationUri,
          verification_uri_complete: `${verificationUri}?user_code=${encodeURIComponent(grant.userCode)}`,
          expires_in: grant.expiresIn,
          interval: grant.interval,
        },
      };
    },

    pollDeviceToken: ({ body, reply }) => {
      reply.headers(NO_STORE);
      return { status: 200, body: platform.deviceFlow.poll(body.device_code) };
    },

    createToken: ({ body, reply }) => {
      reply.headers(NO_STORE);
      const tokens =
        body.grant_type === 'refresh_token'
          ? platform.tokens.refresh(body.refresh_token)
          : platform.tokens.exchange(body.subject_token);
      return { status: 200, body: tokens };
    },

    revokeToken: ({ body }) => {
      platform.tokens.revoke(body.token);
      return { status: 204, body: undefined };
    },

    listApiTokens: ({ query, principal }) => {
      const page = platform.apiTokens.list(principal.user.id, { limit: query.limit ?? 50, cursor: query.cursor });
      return { status: 200, body: { data: page.items.map(toWireApiToken), next_cursor: page.nextCursor } };
    },

    createApiToken: ({ body, principal, reply }) => {
      reply.headers(NO_STORE);
      const created = platform.apiTokens.create(principal.user.id, actorOf(principal), {
        name: body.name,
        scope: body.scope,
        expiresInSeconds: body.expires_in,
      });
      return { status: 201, body: { ...toWireApiToken(created), token: created.token } };
    },

    deleteApiToken: ({ params, principal }) => {
      platform.apiTokens.delete(principal.user.id, actorOf(principal), params.token_id);
      return { status: 204, body: undefined };
    },
  };
}
