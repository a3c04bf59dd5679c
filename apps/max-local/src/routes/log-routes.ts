import { toWireLogLine } from '../deployments/deploy-wire.js';
import type { LogKind, LogOutput } from '../deployments/log-store.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';

interface LogQueryParams {
  after_seq?: number | undefined;
  since?: string | undefined;
  until?: string | undefined;
  stream?: LogOutput | undefined;
  limit?: number | undefined;
  tail?: boolean | undefined;
}

/** Log history (the REST side of the `logs:*` channels): app, network and build streams. */
export function logRoutes({ platform }: RouteDeps): RouteTable {
  const page = (kind: LogKind, id: string, query: LogQueryParams) => {
    const result = platform.logs.query(kind, id, {
      afterSeq: query.after_seq,
      since: query.since === undefined ? undefined : Date.parse(query.since),
      until: query.until === undefined ? undefined : Date.parse(query.until),
      stream: query.stream,
      limit: query.limit ?? 100,
      tail: query.tail,
    });
    return {
      status: 200 as const,
      body: {
        data: result.lines.map(toWireLogLine),
        has_more: result.hasMore,
        earliest_seq: result.earliestSeq,
        latest_seq: result.latestSeq,
      },
    };
  };
  return {
    listAppLogs: ({ params, query, principal }) => page('app', platform.apps.get(principal.user.id, params.network, params.app).id, query),
    listNetworkLogs: ({ params, query, principal }) => page('network', platform.networks.require(principal.user.id, params.network).id, query),
    listBuildLogs: ({ params, query, principal }) => page('build', platform.deploys.get(principal.user.id, params.deployment_id).id, query),
  };
}
