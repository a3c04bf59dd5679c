import { HttpCore, type RawTransport } from './core/http-core.js';
import { resolveRetryOptions, type RetryOptions } from './core/retry-policy.js';
import type { TokenProvider } from './core/token-provider.js';
import type { TraceHandler } from './core/trace-event.js';
import { MaxValidationError } from './errors/error-classes.js';
import { AppsResource } from './resources/apps.js';
import { AuthResource } from './resources/auth.js';
import { BlobsResource } from './resources/blobs.js';
import { ConfigResource } from './resources/config.js';
import { DashboardResource } from './resources/dashboard.js';
import { DeploymentsResource } from './resources/deployments.js';
import { EventsResource } from './resources/events.js';
import { LogsResource } from './resources/logs.js';
import { MeResource } from './resources/me.js';
import { NetworksResource } from './resources/networks.js';
import { ReleasesResource } from './resources/releases.js';
import { RunsResource } from './resources/runs.js';
import { SecretsResource } from './resources/secrets.js';
import { ShellsResource } from './resources/shells.js';
import { VarsResource } from './resources/vars.js';

/**
 * Options of {@link MaxClient}.
 *
 * @example
 * ```ts
 * const options: MaxClientOptions = {
 *   apiUrl: 'http://127.0.0.1:4000',
 *   token: async ({ forceRefresh }) => credentials.accessToken({ forceRefresh }),
 *   timeoutMs: 10_000,
 *   retry: { limit: 3 },
 *   userAgent: 'rig/1.0.0',
 * };
 * ```
 */
export interface MaxClientOptions {
  /** Base URL of the platform (origin, optionally with a path prefix), without `/api/v1`. */
  apiUrl: string;
  /** A bearer token, or a provider asked before each call (and once more, forced, on `401 token_expired`). */
  token?: string | TokenProvider;
  /** The `fetch` to use (default: the global one). Inject a fake in tests; the SDK never patches globals. */
  fetch?: typeof globalThis.fetch;
  /**
   * Sends every request instead of `fetch` — e.g. `createNodeHttpTransport()` from `@max/rig-sdk/node`, which
   * goes over `node:http` and so spares a short-lived Node program the ~30 ms of loading undici. The client still
   * supplies the token, retries, timeout, trace events and errors.
   */
  transport?: RawTransport;
  /** Per-attempt timeout in ms, covering the response body too (default 30 000). */
  timeoutMs?: number;
  /** Retry settings, or `false` for none (default: 2 retries with backoff). */
  retry?: RetryOptions | false;
  /** Prepended to the SDK's own `User-Agent` (e.g. `rig/1.0.0`). */
  userAgent?: string;
  /** Receives a redacted trace of every attempt (for `--verbose`). */
  onTrace?: TraceHandler;
}

/**
 * The Max API client. One instance per platform URL and credential; it holds no connections, so creating one
 * is cheap.
 *
 * @example
 * ```ts
 * import { MaxClient, MaxNotFoundError } from '@max/rig-sdk';
 *
 * const client = new MaxClient({ apiUrl: 'http://127.0.0.1:4000', token: process.env.RIG_TOKEN });
 * const network = await client.networks.create({ name: 'staging' });
 * await client.apps.create(network.name, { name: 'web' });
 * for await (const app of client.apps.list('staging')) console.log(app.name, app.url);
 * ```
 */
export class MaxClient {
  /** Device flow, refresh, exchange, revoke, and API tokens (`auth.tokens`). */
  readonly auth: AuthResource;
  /** The caller. */
  readonly me: MeResource;
  readonly networks: NetworksResource;
  readonly apps: AppsResource;
  /** Vars at network or app scope. */
  readonly vars: VarsResource;
  /** Write-only secrets at network or app scope. */
  readonly secrets: SecretsResource;
  /** Everything for an overview screen, in one request. */
  readonly dashboard: DashboardResource;
  /** Configuration as code: export, plan, apply. */
  readonly config: ConfigResource;
  /** Audit history, and reverting what it recorded. */
  readonly events: EventsResource;
  /** Deployments: create from a manifest, finalize, follow, cancel (`deploy()` in `@max/rig-sdk/node` runs it all). */
  readonly deployments: DeploymentsResource;
  /** Content-addressed blob uploads for deployments. */
  readonly blobs: BlobsResource;
  /** Numbered releases of an app, and rollback. */
  readonly releases: ReleasesResource;
  /** Log history: app runtime, network merged, deployment build. */
  readonly logs: LogsResource;
  /** Interactive shell sessions (PTYs) in apps and networks, and attaching to them. */
  readonly shells: ShellsResource;
  /** One-off command runs in apps and networks, and attaching to their I/O. */
  readonly runs: RunsResource;
  /** The normalised base URL (no trailing slash). */
  readonly apiUrl: string;

  constructor(options: MaxClientOptions) {
    const apiUrl = validateApiUrl(options.apiUrl);
    const timeoutMs = options.timeoutMs ?? 30_000;
    if (!(timeoutMs > 0) || !Number.isFinite(timeoutMs)) {
      throw invalidOption('/timeoutMs', 'must be a positive number of milliseconds');
    }
    const core = new HttpCore({
      apiUrl,
      timeoutMs,
      retry: resolveRetryOptions(options.retry),
      ...(options.token === undefined ? {} : { token: options.token }),
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
      ...(options.transport === undefined ? {} : { transport: options.transport }),
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
      ...(options.onTrace === undefined ? {} : { onTrace: options.onTrace }),
    });
    this.apiUrl = core.apiUrl;
    this.auth = new AuthResource(core);
    this.me = new MeResource(core);
    this.networks = new NetworksResource(core);
    this.apps = new AppsResource(core);
    this.vars = new VarsResource(core);
    this.secrets = new SecretsResource(core);
    this.dashboard = new DashboardResource(core);
    this.config = new ConfigResource(core);
    this.events = new EventsResource(core);
    this.deployments = new DeploymentsResource(core);
    this.blobs = new BlobsResource(core, timeoutMs);
    this.releases = new ReleasesResource(core);
    this.logs = new LogsResource(core);
    this.shells = new ShellsResource(core);
    this.runs = new RunsResource(core);
  }
}

function invalidOption(path: string, message: string): MaxValidationError {
  return new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid MaxClient option ${path.slice(1)}: ${message}`,
    details: { fields: [{ path, message }] },
  });
}

function validateApiUrl(apiUrl: string): string {
  let url: URL;
  try {
    url = new URL(apiUrl);
  } catch {
    throw invalidOption('/apiUrl', 'must be an absolute http(s) URL, e.g. http://127.0.0.1:4000');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalidOption('/apiUrl', 'must use http or https');
  }
  if (url.search || url.hash) throw invalidOption('/apiUrl', 'must not have a query or fragment');
  return apiUrl.replace(/\/+$/, '');
}
