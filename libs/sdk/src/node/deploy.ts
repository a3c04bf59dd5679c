import type { MaxClient } from '../client.js';
import { PushQueue } from '../core/push-queue.js';
import { MaxAbortError, MaxConnectionError, MaxNotFoundError, MaxTimeoutError, MaxValidationError } from '../errors/error-classes.js';
import type { DeploymentWatchOptions } from '../resources/deployment-watch.js';
import type { Deployment, DeploymentFailure, DeploymentState } from '../types.js';
import { assertResourceName } from '../validation/resource-name.js';
import { classifyDeployment } from '../workflows/deploy-outcome.js';
import type { DeployEvent, DeployOutcome, DeployResult } from './deploy-events.js';
import { DEFAULT_MAX_CHUNK_BYTES } from './pack-blobs.js';
import { summarizeBundle } from './summarize-bundle.js';
import type { ManifestEntry } from './types.js';
import { uploadMissingBlobs, type PackUpload } from './upload-missing-blobs.js';
import { walkSourceTree, type WalkOptions } from './walk-source-tree.js';

/**
 * Options of {@link deploy}.
 *
 * @example
 * ```ts
 * const options: DeployOptions = { network: 'staging', app: 'web', dir: '.', create: true, timeoutMs: 600_000 };
 * ```
 */
export interface DeployOptions {
  network: string;
  app: string;
  /** The source tree to deploy. */
  dir: string;
  /** Create the app when it does not exist (an `app_created` event says so). */
  create?: boolean;
  /** Why this deployment, for people (e.g. a commit subject). */
  message?: string;
  /**
   * Whether the platform switches back to the previous release when the new one crashes during its stabilization
   * window (default true: the deploy then ends `rolled_back`). `false` leaves the crashed release in place,
   * restarted with backoff, and the deploy ends `failed` (outcome `health_check_failed`).
   */
  rollback?: boolean;
  /** How long the platform watches the new release after the switch (0–300 s; default: the platform's). */
  stabilizationSeconds?: number;
  /** Stops everything (walk, uploads, following); the generator then throws `MaxAbortError`. The deployment is not cancelled. */
  signal?: AbortSignal;
  /** Packs uploaded at once (default 3). */
  concurrency?: number;
  /** Upper bound of a pack's uncompressed size (default 8 MiB; the platform takes packs up to 64 MiB). */
  chunkBytes?: number;
  /**
   * Give up waiting after this long (from the start): a `timeout` event with the deployment id ends the deploy
   * with outcome `timed_out`. The deployment itself goes on; nothing is cancelled.
   */
  timeoutMs?: number;
  /** Follow the build until a final state (default true); `false` ends after finalizing with outcome `submitted`. */
  wait?: boolean;
  /** Retries per pack after a connection error, timeout or 5xx (default 4), each from a fresh stream. */
  uploadRetries?: number;
  /** First backoff step between pack attempts (default 500 ms, doubling, with jitter). */
  retryBaseDelayMs?: number;
  /**
   * How packs travel. `'node-http'` (default) sends them with `node:http`, which reports when the socket has
   * written each piece, so an upload reuses a few buffers and its memory stays flat however big the tree.
   * `'fetch'` sends them through the client's `fetch` (use it when the client was given its own `fetch`, e.g. for
   * a proxy: `'node-http'` connects to the API URL directly). Token, retries and errors are the same either way.
   */
  upload?: PackUpload;
  /** How to follow the build (default: realtime channels, falling back to polling). */
  transport?: DeploymentWatchOptions['transport'];
  /** Polling interval when polling (default 1000 ms). */
  pollIntervalMs?: number;
  /** Bundling options (e.g. `{ gitignore: false }`). */
  walk?: Omit<WalkOptions, 'signal'>;
}

/**
 * What {@link deploy} uses of a {@link MaxClient} — pass the client itself. Spelled as a structural subset
 * because the `./node` entry's bundled types carry their own copy of the client's declarations, and a class with
 * private fields only matches its own declaration: a plain `MaxClient` parameter would reject the caller's client.
 *
 * @example
 * ```ts
 * const client: DeployClient = new MaxClient({ apiUrl, token });
 * ```
 */
export interface DeployClient {
  apps: Pick<MaxClient['apps'], 'get' | 'create'>;
  deployments: Pick<MaxClient['deployments'], 'create' | 'finalize' | 'watch'>;
  blobs: Pick<MaxClient['blobs'], 'uploadPack'>;
}

function assertPositiveInteger(value: number | undefined, name: string): void {
  if (value === undefined || (Number.isSafeInteger(value) && value >= 1)) return;
  invalidOption(name, 'must be a positive integer');
}

function invalidOption(name: string, problem: string): never {
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid deploy option ${name}: ${problem}`,
    details: { fields: [{ path: `/${name}`, message: problem }] },
  });
}

/** The manifest entry of each missing blob (the first path with that content; identical files share a blob). */
function entriesFor(files: readonly ManifestEntry[], missing: readonly string[]): ManifestEntry[] {
  const wanted = new Set(missing);
  const picked: ManifestEntry[] = [];
  for (const entry of files) {
    if (entry.type === 'file' && wanted.delete(entry.sha256)) picked.push(entry);
  }
  return picked;
}

/**
 * Deploys a source tree and reports every step as a typed event (see {@link DeployEvent}); the generator's
 * return value is the {@link DeployResult}.
 *
 * The flow: walk the tree (ignore rules, secret-like files left out) and hash it into a manifest → create the
 * deployment; the platform answers which blobs it lacks → pack only those into bounded tar.gz chunks, streamed
 * from disk, `concurrency` at a time, each retried with backoff from a fresh stream → finalize → follow states
 * and build log lines until a final state. The platform keeps uploaded blobs, so an interrupted deploy run
 * again uploads only what is still missing.
 *
 * Client-side failures (invalid input, an unreachable platform, an upload that kept failing) are thrown as
 * `MaxError`s; outcomes on the platform (build failed, health check failed, rolled back) are events plus the
 * returned outcome.
 *
 * @example
 * ```ts
 * import { MaxClient } from '@max/rig-sdk';
 * import { deploy } from '@max/rig-sdk/node';
 *
 * const client = new MaxClient({ apiUrl: 'http://127.0.0.1:4000', token: process.env.RIG_TOKEN });
 * const run = deploy(client, { network: 'staging', app: 'web', dir: './web', create: true });
 * let step = await run.next();
 * while (!step.done) {
 *   const event = step.value;
 *   if (event.type === 'upload_progress') console.error(`${event.bytesSent}/${event.bytesTotal} bytes`);
 *   if (event.type === 'build_log') console.error(event.line.line);
 *   step = await run.next();
 * }
 * console.log(step.value.outcome, step.value.url);
 * ```
 */
export async function* deploy(client: DeployClient, options: DeployOptions): AsyncGenerator<DeployEvent, DeployResult, undefined> {
  const { network, app } = options;
  assertResourceName(network, '/network', 'network');
  assertResourceName(app, '/app', 'app');
  assertPositiveInteger(options.concurrency, 'concurrency');
  assertPositiveInteger(options.chunkBytes, 'chunkBytes');
  assertPositiveInteger(options.timeoutMs, 'timeoutMs');
  if (options.upload !== undefined && options.upload !== 'node-http' && options.upload !== 'fetch') {
    invalidOption('upload', "must be 'node-http' or 'fetch'");
  }

  // One signal for everything: the caller's abort, the overall deadline, and the consumer leaving the loop.
  const deadline = new AbortController();
  const stop = new AbortController();
  const timer = options.timeoutMs === undefined ? undefined : setTimeout(() => deadline.abort(), options.timeoutMs);
  const signal = AbortSignal.any([...(options.signal ? [options.signal] : []), deadline.signal, stop.signal]);
  const timedOut = (): boolean => deadline.signal.aborted && !(options.signal?.aborted ?? false);
  let deployment: Deployment | undefined;
  let state: DeploymentState = 'uploading';
  let release: number | null = null;
  let failure: DeploymentFailure | null = null;
  let url = '';
  let uploadedBlobs = 0;
  let uploadedBytes = 0;
  const result = (outcome: DeployOutcome): DeployResult => ({
    outcome,
    deploymentId: deployment?.id ?? '',
    state,
    release,
    url,
    failure,
    uploadedBlobs,
    uploadedBytes,
  });

  try {
    try {
      // The app first: a wrong name fails before the tree is read.
      let existing = await client.apps.get(network, app, { signal }).catch((error: unknown) => {
        if (error instanceof MaxNotFoundError && options.create) return undefined;
        throw error;
      });

      const tree = await walkSourceTree(options.dir, { ...options.walk, signal });
      yield { type: 'bundled', summary: summarizeBundle(tree) };

      if (existing === undefined) {
        existing = await client.apps.create(network, { name: app }, { signal });
        yield { type: 'app_created', app: existing };
      }
      url = existing.url;

      deployment = await client.deployments.create(
        network,
        app,
        {
          manifest: tree.files.map((entry) => ({ ...entry })),
          ...(options.message === undefined ? {} : { message: options.message }),
          ...(options.rollback === undefined ? {} : { rollback: options.rollback }),
          ...(options.stabilizationSeconds === undefined ? {} : { stabilization_seconds: options.stabilizationSeconds }),
        },
        { signal },
      );
      state = deployment.state;
      const missing = entriesFor(tree.files, deployment.missing_blobs);
      yield {
        type: 'deployment_created',
        deploymentId: deployment.id,
        deployment,
        missingBlobs: missing.length,
        missingBytes: missing.reduce((sum, e) => sum + e.size, 0),
      };

      if (deployment.state === 'uploading') {
        const started = performance.now();
        const events = new PushQueue<DeployEvent>();
        const upload = uploadMissingBlobs(client, tree.root, missing, {
          concurrency: options.concurrency ?? 3,
          chunkBytes: options.chunkBytes ?? DEFAULT_MAX_CHUNK_BYTES,
          retries: options.uploadRetries ?? 4,
          retryBaseDelayMs: options.retryBaseDelayMs ?? 500,
          upload: options.upload ?? 'node-http',
          signal,
          onProgress: (progress) => events.push({ type: 'upload_progress', ...progress }),
          onRetry: (retry) => events.push({ type: 'upload_retry', ...retry }),
        }).then(
          (done) => {
            events.end();
            return done;
          },
          (error: unknown) => {
            events.end(error);
            throw error;
          },
        );
        // Keeps a rejection from counting as unhandled while the queue delivers it.
        upload.catch(() => undefined);
        try {
          yield* events;
        } finally {
          // Still open here means the consumer left the loop mid-upload: stop the uploads it no longer wants.
          if (!events.ended) stop.abort();
          await upload.catch(() => undefined);
        }
        const done = await upload;
        uploadedBlobs = done.blobs;
        uploadedBytes = done.bytes;
        yield { type: 'uploaded', blobs: done.blobs, bytes: done.bytes, chunks: done.chunks, durationMs: Math.round(performance.now() - started) };

        const previous = deployment.state;
        deployment = await client.deployments.finalize(deployment.id, { signal });
        state = deployment.state;
        yield { type: 'status', deploymentId: deployment.id, state, previousState: previous };
      } else {
        yield { type: 'status', deploymentId: deployment.id, state: deployment.state, previousState: null };
      }

      if (options.wait === false) return result('submitted');

      const id = deployment.id;
      let releaseReported = false;
      const watch = client.deployments.watch(id, {
        signal,
        ...(options.transport === undefined ? {} : { transport: options.transport }),
        ...(options.pollIntervalMs === undefined ? {} : { pollIntervalMs: options.pollIntervalMs }),
      });
      for await (const item of watch) {
        if (item.type === 'log') {
          yield { type: 'build_log', deploymentId: id, line: item.line };
          continue;
        }
        if (item.type === 'log_gap') {
          yield { type: 'build_log_gap', deploymentId: id, fromSeq: item.fromSeq, toSeq: item.toSeq, reason: item.reason };
          continue;
        }
        if (item.type === 'health_check') {
          yield { type: 'stabilizing', deploymentId: id, release: item.release, second: item.attempt, seconds: item.maxAttempts, ok: item.ok };
          continue;
        }
        // The first state seen may repeat the one finalize answered (a watch starts from a snapshot).
        if (item.state !== state) {
          yield { type: 'status', deploymentId: id, state: item.state, previousState: item.previousState ?? state };
        }
        state = item.state;
        failure = item.failure;
        if (item.release !== null) release = item.release;
        if (release !== null && !releaseReported) {
          releaseReported = true;
          yield { type: 'release_created', deploymentId: id, version: release };
        }
        switch (item.state) {
          case 'running':
            yield { type: 'healthy', deploymentId: id, url, release };
            return result('live');
          case 'failed': {
            const reported = failure ?? { stage: 'release', reason: 'internal_error', message: 'The deployment failed' };
            yield { type: 'failed', deploymentId: id, ...reported };
            return result(classifyDeployment(state, failure) ?? 'failed');
          }
          case 'rolled_back':
            yield { type: 'rolled_back', deploymentId: id, release, failure };
            return result('rolled_back');
          case 'cancelled':
            yield { type: 'cancelled', deploymentId: id };
            return result('cancelled');
          default:
            break;
        }
      }
      // A watch only ends at a final state; getting here means the platform went quiet.
      throw new MaxAbortError({ code: 'aborted', message: `Following deployment ${id} ended before a final state` });
    } catch (error) {
      if (timedOut()) {
        if (deployment === undefined) {
          throw new MaxTimeoutError({
            code: 'timeout',
            message: `The deploy did not get as far as creating a deployment within ${options.timeoutMs} ms`,
            cause: error,
          });
        }
        yield { type: 'timeout', deploymentId: deployment.id, timeoutMs: options.timeoutMs ?? 0, state };
        return result('timed_out');
      }
      // The platform went away while we watched: say which deployment's outcome is now unknown.
      if (deployment !== undefined && error instanceof MaxConnectionError && !options.signal?.aborted) {
        throw new MaxConnectionError({
          code: error.code,
          message: `The platform became unreachable while deployment ${deployment.id} was ${state} (${error.message.replace(/\.$/, '')}); its outcome is unknown until the platform is back`,
          details: { deployment_id: deployment.id, state },
          cause: error,
        });
      }
      if (options.signal?.aborted && !(error instanceof MaxAbortError)) {
        throw new MaxAbortError({
          code: 'aborted',
          message: 'The deploy was aborted',
          ...(deployment === undefined ? {} : { details: { deployment_id: deployment.id } }),
          cause: error,
        });
      }
      throw error;
    }
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    stop.abort();
  }
}

/**
 * Runs {@link deploy} to the end, handing each event to `onEvent`, and resolves with the {@link DeployResult}.
 *
 * @example
 * ```ts
 * const result = await runDeploy(client, { network: 'staging', app: 'web', dir: '.' }, (e) => console.error(e.type));
 * process.exitCode = result.outcome === 'live' ? 0 : 1;
 * ```
 */
export async function runDeploy(
  client: DeployClient,
  options: DeployOptions,
  onEvent: (event: DeployEvent) => void = () => undefined,
): Promise<DeployResult> {
  const run = deploy(client, options);
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value;
    onEvent(step.value);
  }
}
