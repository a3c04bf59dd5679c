import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { rateLimited, TokenBuckets, type RateLimiter } from '../http/rate-limit.js';
import { parseOfferedProtocols, PHOENIX_SUBPROTOCOL } from './auth-subprotocol.js';
import type { JsonObject, TopicFamily } from './channel.js';
import { eventsTopicFamily } from './events-channel.js';
import { bindTopicsToNetwork } from './network-bound-topics.js';
import type { RealtimeCredential, RealtimeDeps, RealtimeIdentity } from './realtime-deps.js';
import { negotiateSerializer, type EncodedFrame, type Serializer } from './serializer.js';
import { CloseCode, CloseReason, SocketSession, type RealtimeLogger } from './socket-session.js';
import { TopicRouter } from './topic-router.js';

export interface RealtimeOptions {
  /** Where the socket is mounted; Phoenix's `socket "/socket"` serves `/socket/websocket`. */
  path?: string;
  /** Close a socket that sent no frame for this long (Phoenix: 60 000 ms). */
  idleTimeoutMs?: number;
  /** Phoenix's `max_channels_per_transport` (100). */
  maxChannels?: number;
  /** Largest inbound frame in bytes (ws closes with 1009 above it). Default 16 MiB. */
  maxPayload?: number;
  /** Replays pause while a socket's outgoing buffer holds more than this (bytes). Default 1 MiB. */
  highWaterMark?: number;
  /**
   * A socket whose outgoing buffer passes this many bytes is a slow consumer: it is closed with 4429 instead of
   * buffering more. Default 8 MiB (and always above `highWaterMark`).
   */
  maxBufferedBytes?: number;
  /** Events read per batch when replaying `events:<user>`. Default 500. */
  replayBatchSize?: number;
  /**
   * Rate limits: an upgrade counts against its IP and token like a REST request (HTTP 429 + `Retry-After` at the
   * upgrade), and a socket sending frames faster than the frame limit is closed with 4430 `rate_limited`.
   */
  rateLimiter?: RateLimiter;
  /** Extra topic families, tried after the built-in ones (`events:`). */
  topics?: readonly TopicFamily[];
  logger?: RealtimeLogger;
}

export interface Realtime {
  /** `[null, null, topic, event, payload]` to every socket joined to `topic`; returns how many got it. */
  broadcast(topic: string, event: string, payload: JsonObject | Uint8Array): number;
  /** Open sockets (for tests and diagnostics). */
  readonly connectionCount: number;
  /** Stops accepting upgrades and closes every socket (1012, as Phoenix does when draining). */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1_000;

/**
 * Mounts the Phoenix Channels endpoint on an existing HTTP server (the one Fastify listens with). Upgrades
 * on `path` are authenticated BEFORE the WebSocket exists: a missing or bad token gets a plain HTTP 403 and
 * no socket, like Phoenix's `connect/3` returning `:error`.
 *
 * @example
 * const realtime = attachRealtime(fastify.server, realtimeDepsFromServices({ tokens, eventLog }));
 * fastify.addHook('onClose', () => realtime.close());
 */
export function attachRealtime(server: Server, deps: RealtimeDeps, options: RealtimeOptions = {}): Realtime {
  const path = options.path ?? '/socket/websocket';
  const highWaterMark = options.highWaterMark ?? 1024 * 1024;
  const sessionOptions = {
    idleTimeoutMs: options.idleTimeoutMs ?? 60_000,
    maxChannels: options.maxChannels ?? 100,
    highWaterMark,
    maxBufferedBytes: Math.max(options.maxBufferedBytes ?? 8 * 1024 * 1024, highWaterMark + 1),
    logger: options.logger,
  };
  const router = new TopicRouter(
    bindTopicsToNetwork(
      [eventsTopicFamily(deps.events, { replayBatchSize: options.replayBatchSize ?? 500 }), ...(options.topics ?? [])],
      deps.topicNetwork,
    ),
  );
  const wss = new WebSocketServer({
    noServer: true,
    // Phoenix runs with compress: false; ws clients offer permessage-deflate and get it declined.
    perMessageDeflate: false,
    maxPayload: options.maxPayload ?? 16 * 1024 * 1024,
    clientTracking: false,
    handleProtocols: () => PHOENIX_SUBPROTOCOL,
  });
  const sessions = new Set<SocketSession>();
  const subscribers = new Map<string, Set<SocketSession>>();
  const pendingUpgrades = new Set<Duplex>();
  /** Open sockets by the credential they were opened with, so a revocation finds them at once. */
  const byCredential = new Map<string, Set<SocketSession>>();
  const credentialOf = new Map<SocketSession, string>();
  let closing = false;

  const credentialKey = (credential: RealtimeCredential): string => `${credential.kind}:${credential.id}`;
  const stopRevocations = deps.onCredentialRevoked?.((credentials) => {
    for (const credential of credentials) {
      const set = byCredential.get(credentialKey(credential));
      if (!set) continue;
      for (const session of [...set]) session.revoke();
    }
  });

  const hooks = {
    onJoined(topic: string, session: SocketSession) {
      let set = subscribers.get(topic);
      if (!set) subscribers.set(topic, (set = new Set()));
      set.add(session);
    },
    onLeft(topic: string, session: SocketSession) {
      const set = subscribers.get(topic);
      set?.delete(session);
      if (set?.size === 0) subscribers.delete(topic);
    },
    onClosed(session: SocketSession) {
      sessions.delete(session);
      const key = credentialOf.get(session);
      if (key === undefined) return;
      credentialOf.delete(session);
      const set = byCredential.get(key);
      set?.delete(session);
      if (set?.size === 0) byCredential.delete(key);
    },
  };

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // Node's HTTP server drops its own error handling from a socket it hands to 'upgrade' listeners; a reset
    // while we authenticate would otherwise be an uncaught exception that takes the whole server down.
    socket.on('error', () => socket.destroy());
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname !== path) {
      // Another upgrade handler may own this path; if there is none, answer instead of leaving it hanging.
      if (server.listenerCount('upgrade') === 1) rejectUpgrade(socket, 404, 'Not Found');
      return;
    }
    if (closing) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    pendingUpgrades.add(socket);
    socket.once('close', () => pendingUpgrades.delete(socket));
    void upgrade(request, socket, head, url).catch((error: unknown) => {
      options.logger?.warn({ err: error }, 'realtime: upgrade failed');
      rejectUpgrade(socket, 500, 'Internal Server Error');
    });
  };

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): Promise<void> {
    // Serializer negotiation first (a vsn Phoenix would not accept is a 403 there too).
    const serializer = negotiateSerializer(url.searchParams.get('vsn'));
    const offered = parseOfferedProtocols(request.headers['sec-websocket-protocol']);
    if (!serializer || !offered.phoenix || offered.token === null) {
      rejectUpgrade(socket, 403, 'Forbidden');
      return;
    }
    const hit = options.rateLimiter?.check({ ip: request.socket.remoteAddress ?? '', token: offered.token });
    if (hit) {
      rejectUpgrade(socket, 429, 'Too Many Requests', rateLimited(hit).headers);
      return;
    }
    const identity = await deps.authenticate(offered.token);
    if (!identity || (identity.expiresAt !== null && identity.expiresAt.getTime() <= Date.now())) {
      rejectUpgrade(socket, 403, 'Forbidden');
      return;
    }
    if (closing || socket.destroyed) {
      rejectUpgrade(socket, 503, 'Service Unavailable');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      pendingUpgrades.delete(socket);
      startSession(ws, serializer, identity);
    });
  }

  function startSession(ws: ConstructorParameters<typeof SocketSession>[0], serializer: Serializer, identity: RealtimeIdentity) {
    if (closing) {
      ws.close(CloseCode.serverRestart, CloseReason.serverShutdown);
      return;
    }
    const frameRule = options.rateLimiter?.frameRule;
    if (frameRule) {
      // Ahead of the session's own listener: a frame past the limit closes the socket before it is handled.
      const frames = new TokenBuckets(frameRule);
      ws.prependListener('message', () => {
        if (frames.take('') > 0) session.close(CloseCode.rateLimited, CloseReason.rateLimited);
      });
    }
    const session = new SocketSession(ws, serializer, identity, router, sessionOptions, hooks);
    sessions.add(session);
    if (identity.credential) {
      const key = credentialKey(identity.credential);
      credentialOf.set(session, key);
      let set = byCredential.get(key);
      if (!set) byCredential.set(key, (set = new Set()));
      set.add(session);
    }
  }

  server.on('upgrade', onUpgrade);

  return {
    broadcast(topic, event, payload) {
      const set = subscribers.get(topic);
      if (!set) return 0;
      // Encode once per serializer, not once per socket.
      const frames = new Map<Serializer, EncodedFrame>();
      const encode = (serializer: Serializer): EncodedFrame => {
        let frame = frames.get(serializer);
        if (frame === undefined) frames.set(serializer, (frame = serializer.encodeBroadcast(topic, event, payload)));
        return frame;
      };
      let delivered = 0;
      for (const session of set) {
        try {
          if (session.sendBroadcast(topic, encode)) delivered += 1;
        } catch (error) {
          // Bytes cannot go to a V1 socket; that socket misses the broadcast, the others do not.
          options.logger?.warn({ err: error, topic }, 'realtime: broadcast not encodable for a socket');
        }
      }
      return delivered;
    },
    get connectionCount() {
      return sessions.size;
    },
    async close() {
      if (closing) return;
      closing = true;
      stopRevocations?.();
      server.off('upgrade', onUpgrade);
      for (const socket of pendingUpgrades) socket.destroy();
      const open = [...sessions];
      for (const session of open) session.close(CloseCode.serverRestart, CloseReason.serverShutdown);
      // Give clients a moment to answer the close frame, then cut whatever is left.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(open.map((session) => session.disconnected)),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS))),
      ]);
      clearTimeout(timer);
      for (const session of open) session.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

function rejectUpgrade(socket: Duplex, status: number, message: string, headers: Record<string, string> = {}): void {
  if (socket.destroyed) return;
  // Destroy only once the response is flushed (as ws's own abortHandshake does).
  socket.once('finish', () => socket.destroy());
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  socket.end(`HTTP/1.1 ${status} ${message}\r\n${extra}Connection: close\r\nContent-Length: 0\r\n\r\n`);
}
