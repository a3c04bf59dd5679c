import type { OperationId } from '../http/openapi.js';
import { ApiError, forbidden, notFound } from '../http/api-error.js';
import type { Principal } from './principal.js';

/**
 * What a credential bound to one network (an OIDC-minted token) may do with an operation. Every operation is
 * decided here, and an operation nobody classified is refused: a route added later cannot leak by default.
 *
 * - `path`: the operation names its network in the path (`{network}`); another network answers 404, exactly as
 *   another user's network does.
 * - `free`: touches no network's data (who am I; content-addressed blobs, stored per user and only usable
 *   through a deployment, which is network-bound).
 * - `query`: the `network` query parameter is forced to the bound network; another one answers 404.
 * - `resource`: the resource named by id belongs to a network, looked up first; another network's answers 404.
 * - `body`: the request body names networks (config documents, a copy's source); all must be the bound one, and so
 *   must the path's `{network}` when there is one.
 * - `filter`: the handler itself narrows its answer to `principal.network`.
 * - `deny`: never for a bound credential (403).
 */
export type BindingRule =
  | { kind: 'path' | 'free' | 'query' | 'filter' }
  | { kind: 'resource'; networkOf(lookups: BindingLookups, userId: string, params: Record<string, string>): string | null | undefined }
  | { kind: 'body'; networksOf(body: unknown): string[] }
  | { kind: 'deny'; why: string };

/**
 * The lookups resource rules need, kept structural so this module depends on no service. Each answers the
 * network of the user's resource, `null` when the user has no such resource (the handler then answers its own
 * 404), or `''` when it belongs to no network (which a bound credential never reaches).
 */
export interface BindingLookups {
  deploymentNetwork(userId: string, deploymentId: string): string | null;
  eventNetwork(userId: string, eventId: string): string | null;
  /** Shells and runs, when the platform has them; without a lookup a bound credential is refused. */
  shellNetwork?(userId: string, shellId: string): string | null;
  runNetwork?(userId: string, runId: string): string | null;
}

const configDocumentNetworks = (body: unknown): string[] => {
  const networks = (body as { document?: { networks?: unknown } } | undefined)?.document?.networks;
  const names = Array.isArray(networks) ? networks.map((n) => String((n as { name?: unknown }).name)) : [];
  const values = (body as { secret_values?: unknown } | undefined)?.secret_values;
  const scopes = values && typeof values === 'object' ? Object.keys(values).map((scope) => scope.split('/', 1)[0] ?? scope) : [];
  return [...names, ...scopes];
};

const RULES: Partial<Record<OperationId, BindingRule>> = {
  getMe: { kind: 'free' },
  findMissingBlobs: { kind: 'free' },
  uploadBlobPack: { kind: 'free' },
  uploadBlob: { kind: 'free' },
  listNetworks: { kind: 'filter' },
  listEvents: { kind: 'query' },
  listAllApps: { kind: 'query' },
  listShells: { kind: 'query' },
  listRuns: { kind: 'query' },
  exportConfig: { kind: 'query' },
  planConfig: { kind: 'body', networksOf: configDocumentNetworks },
  // The source of a copy is another scope: it must be the bound network too (no reading across networks).
  copyAppSecrets: { kind: 'body', networksOf: (body) => [String((body as { from?: { network?: unknown } } | undefined)?.from?.network)] },
  applyConfig: { kind: 'body', networksOf: configDocumentNetworks },
  getDeployment: { kind: 'resource', networkOf: (l, u, p) => l.deploymentNetwork(u, p['deployment_id'] ?? '') },
  finalizeDeployment: { kind: 'resource', networkOf: (l, u, p) => l.deploymentNetwork(u, p['deployment_id'] ?? '') },
  cancelDeployment: { kind: 'resource', networkOf: (l, u, p) => l.deploymentNetwork(u, p['deployment_id'] ?? '') },
  listBuildLogs: { kind: 'resource', networkOf: (l, u, p) => l.deploymentNetwork(u, p['deployment_id'] ?? '') },
  getEvent: { kind: 'resource', networkOf: (l, u, p) => l.eventNetwork(u, p['event_id'] ?? '') },
  revertEvent: { kind: 'resource', networkOf: (l, u, p) => l.eventNetwork(u, p['event_id'] ?? '') },
  getShell: { kind: 'resource', networkOf: (l, u, p) => l.shellNetwork?.(u, p['shell_id'] ?? '') },
  deleteShell: { kind: 'resource', networkOf: (l, u, p) => l.shellNetwork?.(u, p['shell_id'] ?? '') },
  getRun: { kind: 'resource', networkOf: (l, u, p) => l.runNetwork?.(u, p['run_id'] ?? '') },
  cancelRun: { kind: 'resource', networkOf: (l, u, p) => l.runNetwork?.(u, p['run_id'] ?? '') },
  createNetwork: { kind: 'deny', why: 'cannot create networks' },
  getDashboard: { kind: 'deny', why: 'cannot read the dashboard of all networks; use the network\'s own endpoints' },
  listApiTokens: { kind: 'deny', why: 'cannot manage API tokens' },
  createApiToken: { kind: 'deny', why: 'cannot manage API tokens' },
  deleteApiToken: { kind: 'deny', why: 'cannot manage API tokens' },
  listTrustPolicies: { kind: 'deny', why: 'cannot manage trust policies' },
  createTrustPolicy: { kind: 'deny', why: 'cannot manage trust policies' },
  deleteTrustPolicy: { kind: 'deny', why: 'cannot manage trust policies' },
};

/** The rule of an operation: the table's, else `path` when the URL names `{network}`, else `deny`. */
export function bindingRule(operationId: OperationId, url: string): BindingRule {
  const rule = RULES[operationId];
  if (rule) return rule;
  // Fastify-style (`:network`) or OpenAPI-style (`{network}`) path templates.
  if (/[:{]network\b/.test(url)) return { kind: 'path' };
  return { kind: 'deny', why: `cannot call ${operationId}` };
}

const otherNetwork = (name: string): ApiError => notFound(`Network ${name} not found.`);

function bindingRefused(principal: Principal, why: string): ApiError {
  const via = principal.oidc ? ` (minted through OIDC trust policy ${principal.oidc.trustPolicyId})` : '';
  return forbidden(`This token is bound to network "${principal.network}"${via} and ${why}.`);
}

/**
 * Checks a request of a network-bound principal before its handler runs (after authentication and scope).
 * `query` may be rewritten (a `query` rule fills in the bound network). Unbound principals pass untouched.
 */
export function enforceBindingOnRequest(
  rule: BindingRule,
  principal: Principal,
  request: { params: unknown; query: unknown },
  lookups: BindingLookups,
): void {
  const bound = principal.network;
  if (bound === null) return;
  const params = (request.params ?? {}) as Record<string, string>;
  switch (rule.kind) {
    case 'free':
    case 'filter':
      return;
    case 'body':
      if (params['network'] !== undefined && params['network'] !== bound) throw otherNetwork(params['network']);
      return;
    case 'path':
      if (params['network'] !== bound) throw otherNetwork(params['network'] ?? '');
      return;
    case 'query': {
      const query = (request.query ?? {}) as Record<string, unknown>;
      if (query['network'] === undefined) query['network'] = bound;
      else if (query['network'] !== bound) throw otherNetwork(String(query['network']));
      return;
    }
    case 'resource': {
      const network = rule.networkOf(lookups, principal.user.id, params);
      if (network === undefined) throw bindingRefused(principal, 'this kind of resource cannot be checked against it');
      // In another network (or none): the same 404 as for a resource that does not exist.
      if (network !== null && network !== bound) throw notFound('Not found.');
      return;
    }
    case 'deny':
      throw bindingRefused(principal, rule.why);
  }
}

/** The body half of the check, once the body is parsed and validated. */
export function enforceBindingOnBody(rule: BindingRule, principal: Principal, body: unknown): void {
  if (principal.network === null || rule.kind !== 'body') return;
  for (const name of rule.networksOf(body)) {
    if (name !== principal.network) throw otherNetwork(name);
  }
}
