import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { Clock } from './clock.js';
import { RateLimiter, type RateLimitOptions } from './http/rate-limit.js';
import { buildServer } from './http/server.js';
import type { LogSink } from './http/request-log.js';
import { Platform } from './platform.js';
import type { EventLog } from './services/event-log.js';
import { RevocationFeed } from './services/revocation-feed.js';
import { VERSION } from './version.js';
import type { Router } from './deploy/router.js';
import { bindingLookups, topicNetworkOf } from './auth/binding-lookups.js';
import { deployTopicFamilies } from './realtime/deploy-topics.js';
import type { RemoteAccessSettings } from './shells/remote-access.js';
import { execTopicFamily, shellTopicFamily } from './shells/remote-topics.js';
import { attachRealtime, realtimeDepsFromServices, type Realtime, type RealtimeOptions } from './realtime/index.js';

export interface StartMaxLocalOptions {
  /** TCP port; 0 picks a free one. Default 4000. */
  port?: number;
  /** Interface to listen on. Default `127.0.0.1` (loopback only). */
  host?: string;
  /** Where `max.db` lives. Created if missing. */
  dataDir: string;
  /** Apps get `<app>.<network>.<domain>`. Default `localhost`. */
  domain?: string;
  /**
   * Port of the app router (`http://<app>.<network>.<domain>:<routerPort>`); 0 picks a free one. Default 4080,
   * or 0 when `port` is 0 — an in-process instance for tests must not collide with a real one on 4080.
   */
  routerPort?: number;
  /** Lifetime of access tokens. Default 3600. */
  accessTokenTtlSeconds?: number;
  /** Minimum seconds between device-flow polls. Default 5. */
  deviceCodeIntervalSeconds?: number;
  /** Request log and startup banner: `true` = stderr, a stream, or `false` (default) for silence. */
  log?: boolean | { write(chunk: string): unknown };
  /** Source of time; tests inject one to expire tokens without waiting. */
  clock?: Clock;
  /**
   * Seconds a new release is watched after traffic switched to it (a crash in that window rolls back) for
   * deployments that do not set `stabilization_seconds`. Default 10; tests use 0–2 to stay fast.
   */
  stabilizationSeconds?: number;
  /**
   * Rate limits (429 + `Retry-After` on REST and at socket upgrades, close 4430 for a socket flooding frames):
   * per token, per IP and per socket. Each defaults to a generous limit (`DEFAULT_RATE_LIMITS`); `false` turns
   * one, or all, off.
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * How often to look for revocations committed by another process on the data dir (`max-local token revoke`),
   * whose sockets are then closed (ADR 0010). Default 250 ms: one indexed read of an almost empty table.
   */
  revocationPollMs?: number;
  /**
   * Shell sessions and command runs: `detachTimeoutSeconds` (default 300), per-user limits `maxShellsPerUser` and
   * `maxRunsPerUser` (10 each; beyond them creates answer 429 `session_limit`), `outputBufferBytes` kept per
   * session/run for replay (8 MiB), `hangupGraceMs` (SIGHUP → SIGKILL, 5000), `cancelGraceMs` (SIGTERM → SIGKILL
   * on cancel, 10000), `endedRetentionMs` (how long an ended one's output stays replayable, 10 min).
   */
  shells?: Partial<RemoteAccessSettings>;
  /** Tuning of the realtime endpoint (`/socket/websocket`), e.g. a short idle timeout in tests. */
  realtime?: Pick<RealtimeOptions, 'idleTimeoutMs' | 'replayBatchSize'>;
}

export interface MaxLocal {
  /** Origin of the API, e.g. `http://127.0.0.1:4000` (the API is under `/api/v1`). */
  url: string;
  /** Origin of the app router, e.g. `http://127.0.0.1:4080`; apps answer there by `Host` header. */
  routerUrl: string;
  /** One-time browser sign-in link (valid 1 h, single use); a fresh one on each start. */
  adminLoginUrl: string;
  dataDir: string;
  /** The event log, for in-process consumers such as the realtime channels. */
  events: EventLog;
  /** Stops accepting connections, finishes in-flight requests, closes the database. Idempotent. */
  close(): Promise<void>;
}

function checkInteger(name: string, value: number | undefined, min: number, max: number): void {
  if (value !== undefined && (!Number.isInteger(value) || value < min || value > max)) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}; got ${String(value)}`);
  }
}

/** Formats a listen address for URLs: wildcard binds are reached over loopback; IPv6 gets brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/**
 * Starts Max in this process: the REST API and the device-approval pages on one port, state in
 * `<dataDir>/max.db`.
 *
 * @example
 * const max = await startMaxLocal({ port: 0, dataDir: await mkdtemp(join(tmpdir(), 'max-')) });
 * console.log(max.url, max.adminLoginUrl);
 * await max.close();
 */
export async function startMaxLocal(options: StartMaxLocalOptions): Promise<MaxLocal> {
  if (!options.dataDir) throw new TypeError('dataDir is required');
  checkInteger('port', options.port, 0, 65535);
  checkInteger('routerPort', options.routerPort, 0, 65535);
  checkInteger('accessTokenTtlSeconds', options.accessTokenTtlSeconds, 1, 30 * 24 * 3600);
  checkInteger('deviceCodeIntervalSeconds', options.deviceCodeIntervalSeconds, 1, 60);
  checkInteger('stabilizationSeconds', options.stabilizationSeconds, 0, 300);
  checkInteger('revocationPollMs', options.revocationPollMs, 10, 60_000);
  const domain = options.domain ?? 'localhost';
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(domain) || domain.length > 190) {
    throw new RangeError(`domain must be a lowercase DNS name; got ${JSON.stringify(domain)}`);
  }
  const log: LogSink = options.log === true ? process.stderr : options.log ? options.log : null;
  const dataDir = resolve(options.dataDir);
  const host = options.host ?? '127.0.0.1';
  const routerPort = options.routerPort ?? (options.port === 0 ? 0 : 4080);

  const platform = Platform.open({
    dataDir,
    ...(options.clock ? { clock: options.clock } : {}),
    settings: {
      domain,
      routerPort,
      ...(options.accessTokenTtlSeconds === undefined ? {} : { accessTokenTtlSeconds: options.accessTokenTtlSeconds }),
      ...(options.deviceCodeIntervalSeconds === undefined
        ? {}
        : { deviceCodeIntervalSeconds: options.deviceCodeIntervalSeconds }),
      ...(options.stabilizationSeconds === undefined ? {} : { stabilizationSeconds: options.stabilizationSeconds }),
    },
  });

  let baseUrl = '';
  let server: Awaited<ReturnType<typeof buildServer>>;
  let realtime: Realtime;
  let router: Router;
  try {
    router = await platform.runtime.listen(routerPort, host).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new Error(`router port ${routerPort} on ${host} is already in use; pick another with --router-port`, { cause: error });
      }
      throw error;
    });
  } catch (error) {
    platform.close();
    throw error;
  }
  // App URLs name the port the router really listens on (it differs from the option only for port 0).
  platform.settings.routerPort = router.port;
  try {
    const rateLimiter = options.rateLimit === false ? undefined : new RateLimiter(options.rateLimit);
    server = await buildServer({ platform, baseUrl: () => baseUrl, log, ...(rateLimiter ? { rateLimiter } : {}) });
    realtime = attachRealtime(
      server.app.server,
      realtimeDepsFromServices(
        { tokens: platform.tokens, eventLog: platform.events },
        { topicNetwork: topicNetworkOf(bindingLookups(platform)) },
      ),
      { ...options.realtime, topics: [...deployTopicFamilies(platform), shellTopicFamily(platform.remote), execTopicFamily(platform.remote)], ...(rateLimiter ? { rateLimiter } : {}) },
    );
    await server.app.listen({ port: options.port ?? 4000, host });
  } catch (error) {
    await platform.runtime.close();
    platform.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new Error(`port ${options.port ?? 4000} on ${host} is already in use; pick another with --port`, { cause: error });
    }
    throw error;
  }
  // A max-local killed without its shutdown (kill -9, OOM) leaves its process groups running: stop them before
  // anything starts again (only groups that provably are the recorded ones; see deploy/process-records.ts).
  const orphans = await platform.processGroups.reapOrphans();
  for (const group of orphans.reaped) {
    log?.write(`Stopped ${group.kind} process group left by an earlier max-local: ${group.label} (pids ${group.pids.join(', ')})\n`);
  }
  // Child processes do not survive a restart: bring every app's active release back (in the background).
  platform.deploys.restore();
  // Sessions and runs of an earlier max-local ended with it: close their records (their processes were reaped).
  platform.remote.configure(options.shells ?? {});
  platform.remote.recover();
  const revocations = new RevocationFeed(platform.db, (credentials) => platform.tokens.notifyRevoked(credentials), platform.clock.now()).start(
    options.revocationPollMs ?? 250,
  );
  const address = server.app.server.address() as AddressInfo;
  baseUrl = `http://${urlHost(host)}:${address.port}`;
  const loginToken = platform.browserSessions.createLoginLink(platform.users.ensureOwner());
  const adminLoginUrl = `${baseUrl}/login?token=${loginToken}`;

  log?.write(
    `max-local ${VERSION} listening on ${baseUrl} (data: ${dataDir})\n` +
      `Apps answer at http://<app>.<network>.${domain}:${router.port} (router on ${router.url})\n` +
      `To approve device logins, open this one-time sign-in link in a browser (valid 1 hour, single use):\n` +
      `    ${adminLoginUrl}\n`,
  );

  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    routerUrl: router.url,
    adminLoginUrl,
    dataDir,
    events: platform.events,
    close: () => {
      closing ??= (async () => {
        server.beginShutdown();
        revocations.stop();
        try {
          // WebSocket connections are not HTTP requests: close them first or the server never finishes closing.
          await realtime.close();
          await server.app.close();
          // Shells and runs next (SIGHUP / SIGTERM, then SIGKILL), while the database can still record their end.
          await platform.remote.close();
          // Running builds are cancelled and releases stopped before the database closes under them.
          await platform.deploys.close();
          await platform.runtime.close();
        } finally {
          platform.close();
        }
      })();
      return closing;
    },
  };
}
