import type { HttpCore } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import { Paginated } from '../core/paginated.js';
import type { RequestOptions } from '../core/request-options.js';
import { MaxAbortError, MaxNotFoundError, MaxPermissionError } from '../errors/error-classes.js';
import { isPlatformUnreachable, watchByChannels } from '../realtime/watch-by-channels.js';
import { DeploymentPageSchema, DeploymentSchema } from '../schemas/deployment.js';
import { LogPageSchema } from '../schemas/log-line.js';
import type { Deployment, DeploymentCreate, DeploymentState } from '../types.js';
import type { DeploymentWatchItem, DeploymentWatchOptions } from './deployment-watch.js';
import { LOG_PAGE_LIMIT, watchByPolling, type PollingSource } from './watch-by-polling.js';
import { assertOpaqueId } from '../validation/opaque-id.js';
import { assertResourceName } from '../validation/resource-name.js';

/**
 * Filters for `deployments.list`.
 *
 * @example
 * ```ts
 * const params: DeploymentListParams = { state: 'failed', limit: 10 };
 * ```
 */
export interface DeploymentListParams {
  /** Only deployments in this state. */
  state?: DeploymentState;
  /** Page size (1..200, server default 50). Iteration still walks every page. */
  limit?: number;
  /** Start from this cursor instead of the first page. */
  cursor?: string;
}

/**
 * Deployments of apps: `client.deployments`. These are the raw steps; `deploy()` from `@max/rig-sdk/node`
 * runs the whole flow (bundle, upload what is missing, finalize, follow the build) as a stream of events.
 *
 * @example
 * ```ts
 * const deployment = await client.deployments.create('staging', 'web', { manifest });
 * // …upload deployment.missing_blobs with client.blobs…
 * await client.deployments.finalize(deployment.id);
 * ```
 */
export class DeploymentsResource {
  readonly #core: HttpCore;

  /** @internal Use `client.deployments`. */
  constructor(core: HttpCore) {
    this.#core = core;
  }

  /**
   * Starts a deployment from a manifest. The answer says which blobs the platform lacks (`missing_blobs`, state
   * `uploading`); when it holds them all, the deployment is already `queued`.
   *
   * @example
   * ```ts
   * const deployment = await client.deployments.create('staging', 'web', { manifest, message: 'v2' });
   * console.log(deployment.state, deployment.missing_blobs.length);
   * ```
   */
  async create(network: string, app: string, input: DeploymentCreate, options?: RequestOptions): Promise<Deployment> {
    assertResourceName(network, '/path/network', 'network');
    assertResourceName(app, '/path/app', 'app');
    return callOperation(this.#core, 'post', '/api/v1/networks/{network}/apps/{app}/deployments', {
      operation: 'deployments.create',
      params: { network, app },
      body: input,
      responseSchema: DeploymentSchema,
      options,
    });
  }

  /**
   * Lists an app's deployments, newest first, lazily across pages.
   *
   * @example
   * ```ts
   * const [latest] = await client.deployments.list('staging', 'web').toArray({ max: 1 });
   * ```
   */
  list(network: string, app: string, params: DeploymentListParams = {}, options?: RequestOptions): Paginated<Deployment> {
    const { cursor: startCursor, ...filters } = params;
    return new Paginated(async (cursor) => {
      assertResourceName(network, '/path/network', 'network');
      assertResourceName(app, '/path/app', 'app');
      return callOperation(this.#core, 'get', '/api/v1/networks/{network}/apps/{app}/deployments', {
        operation: 'deployments.list',
        params: { network, app },
        query: { ...filters, ...(cursor === undefined ? {} : { cursor }) },
        responseSchema: DeploymentPageSchema,
        options,
      });
    }, startCursor);
  }

  /**
   * Gets one deployment by id.
   *
   * @example
   * ```ts
   * const { state, failure } = await client.deployments.get('dep_123');
   * ```
   */
  async get(id: string, options?: RequestOptions): Promise<Deployment> {
    assertOpaqueId(id, '/path/deployment_id', 'deployment id');
    return callOperation(this.#core, 'get', '/api/v1/deployments/{deployment_id}', {
      operation: 'deployments.get',
      params: { deployment_id: id },
      responseSchema: DeploymentSchema,
      options,
    });
  }

  /**
   * Ends the upload and queues the build. Rejects with `MaxConflictError` code `blobs_missing`
   * (`details.missing` lists them) while blobs are missing; on a deployment past `uploading` it changes nothing,
   * so it is safe to repeat.
   *
   * @example
   * ```ts
   * const queued = await client.deployments.finalize(deployment.id);
   * ```
   */
  async finalize(id: string, options?: RequestOptions): Promise<Deployment> {
    assertOpaqueId(id, '/path/deployment_id', 'deployment id');
    return callOperation(this.#core, 'post', '/api/v1/deployments/{deployment_id}/finalize', {
      operation: 'deployments.finalize',
      params: { deployment_id: id },
      responseSchema: DeploymentSchema,
      options,
    });
  }

  /**
   * Cancels a deployment that has not finished; the current release keeps serving. A finished deployment
   * (other than `cancelled`) rejects with `MaxConflictError` code `invalid_state`.
   *
   * @example
   * ```ts
   * await client.deployments.cancel('dep_123');
   * ```
   */
  async cancel(id: string, options?: RequestOptions): Promise<Deployment> {
    assertOpaqueId(id, '/path/deployment_id', 'deployment id');
    return callOperation(this.#core, 'post', '/api/v1/deployments/{deployment_id}/cancel', {
      operation: 'deployments.cancel',
      params: { deployment_id: id },
      responseSchema: DeploymentSchema,
      options,
    });
  }

  /**
   * Follows a deployment until it reaches a final state (`running`, `failed`, `rolled_back`, `cancelled`):
   * state changes and build log lines, each line once and in order, the final state last. Realtime channels by
   * default; if the socket cannot be used the watch carries on by polling, resuming after the last line
   * delivered. Resume a watch of your own with `afterSeq`.
   *
   * @example
   * ```ts
   * for await (const item of client.deployments.watch(deployment.id, { signal })) {
   *   if (item.type === 'log') process.stderr.write(`${item.line.line}\n`);
   *   if (item.type === 'state' && item.failure) console.error(item.failure.message);
   * }
   * ```
   */
  async *watch(id: string, options: DeploymentWatchOptions = {}): AsyncGenerator<DeploymentWatchItem, void, undefined> {
    assertOpaqueId(id, '/path/deployment_id', 'deployment id');
    const signal = options.signal;
    let afterSeq = options.afterSeq ?? 0;
    let lastState: DeploymentState | undefined;
    if ((options.transport ?? 'channels') === 'channels') {
      try {
        const items = watchByChannels(this.#core, id, {
          afterSeq,
          signal,
          onSeq: (seq) => (afterSeq = seq),
          probe: () => this.get(id, signal ? { signal } : undefined),
        });
        for await (const item of items) {
          if (item.type === 'state') lastState = item.state;
          yield item;
        }
        return;
      } catch (error) {
        // These would fail the same way over REST; anything else (socket refused, network trouble, the channels
        // module missing) is worth a second road.
        if (signal?.aborted || error instanceof MaxAbortError) throw error;
        if (error instanceof MaxNotFoundError || error instanceof MaxPermissionError) throw error;
        // The socket dropped and REST could not reach the platform either: polling would only fail the same way.
        if (isPlatformUnreachable(error)) throw error;
      }
    }
    const source: PollingSource = {
      getDeployment: (deploymentId, pollSignal) => this.get(deploymentId, pollSignal ? { signal: pollSignal } : undefined),
      buildLogPage: (deploymentId, after, pollSignal) =>
        callOperation(this.#core, 'get', '/api/v1/deployments/{deployment_id}/logs', {
          operation: 'deployments.watch',
          params: { deployment_id: deploymentId },
          query: { after_seq: after, limit: LOG_PAGE_LIMIT },
          responseSchema: LogPageSchema,
          options: pollSignal ? { signal: pollSignal } : undefined,
        }),
    };
    yield* watchByPolling(source, id, { afterSeq, signal, intervalMs: options.pollIntervalMs ?? 1000, lastState });
  }
}
