import type { WebSocket } from 'ws';
import type { ChannelContext, ChannelEndReason, ChannelHandler, ChannelReply } from './channel.js';
import { binaryPushSize, FrameError, type EncodedFrame, type InboundMessage, type Ref, type Serializer } from './serializer.js';
import type { TopicRouter } from './topic-router.js';

/** Pino/Fastify-compatible subset, so `fastify.log` can be passed as is. */
export interface RealtimeLogger {
  warn(details: object, message: string): void;
}

export interface SessionOptions {
  idleTimeoutMs: number;
  maxChannels: number;
  /** `drain()` waits while ws's outgoing buffer holds more than this many bytes. */
  highWaterMark: number;
  /**
   * Slow-consumer bound: once ws's outgoing buffer holds more than this many bytes, nothing more is queued and the
   * socket is closed with 4429 (the client resumes by cursor, so nothing is lost). Must exceed `highWaterMark`.
   */
  maxBufferedBytes: number;
  logger: RealtimeLogger | undefined;
}

export interface SessionIdentity {
  userId: string;
  expiresAt: Date | null;
  /** The credential's scope, when the authenticator reports one. */
  scope?: string;
  /** The only network the credential may touch, when it is bound to one. */
  network?: string | null;
}

/** Why the server closed a socket (the close frame's reason); see {@link CloseCode}. */
export const CloseReason = {
  idleTimeout: 'idle timeout',
  serverShutdown: 'server shutting down',
  tokenExpired: 'token_expired',
  tokenRevoked: 'token_revoked',
  slowConsumer: 'slow_consumer',
  rateLimited: 'rate_limited',
} as const;

/** Lets the endpoint keep a topic → sockets index for broadcasts. */
export interface SessionHooks {
  onJoined(topic: string, session: SocketSession): void;
  onLeft(topic: string, session: SocketSession): void;
  onClosed(session: SocketSession): void;
}

/**
 * Close codes this endpoint uses (docs/protocol.md §1, "Close codes"). 1011 and 1012 are what Phoenix (on Bandit)
 * sends for the same cases; the 4xxx application codes mirror the HTTP status of the same condition.
 */
export const CloseCode = {
  /** Idle timeout. */
  normal: 1000,
  badFrame: 1011,
  serverRestart: 1012,
  /** The socket's credential expired (`token_expired`) or was revoked (`token_revoked`): refresh, reconnect. */
  unauthenticated: 4401,
  /** The client read too slowly; reconnect and resume by cursor (`slow_consumer`). */
  slowConsumer: 4429,
  /**
   * The client sent frames faster than the socket's frame limit (`rate_limited`). Not 4429 (HTTP 429's number):
   * that code already meant `slow_consumer` to deployed clients. Reconnect with backoff.
   */
  rateLimited: 4430,
} as const;

type ChannelState = 'joining' | 'joined' | 'leaving' | 'ended';

interface ChannelEntry {
  topic: string;
  /** The join_ref later messages must carry (or null); pushes, phx_close and phx_error carry it. */
  joinRef: Ref;
  state: ChannelState;
  handler: ChannelHandler | undefined;
  controller: AbortController;
  /** Work the channel asked for while its join reply was not sent yet (pushes, close, crash). */
  beforeReply: (() => void)[];
  /** Serialises this channel's work (afterJoin, handle_in, leave), like a Phoenix channel process. */
  chain: Promise<void>;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Byte-stream frames (`pushBytes`) up to this size are built in reused buffers, handed back by ws's write callback
 * once the kernel took the bytes: streaming output then allocates no memory per frame. A fresh 64 KiB Buffer per
 * frame was ~100 MB of garbage per 100 MB relayed, collected by full GCs (external memory pressure).
 */
const POOLED_FRAME_BYTES = 64 * 1024 + 1024;
/** Idle pooled frames kept, across all sockets (4 MiB at most). */
const MAX_POOLED_FRAMES = 64;
const framePool: Buffer[] = [];

/**
 * One Phoenix socket: the multiplexer of `Phoenix.Socket` (heartbeats, the channel table, join/leave
 * semantics of reference §2.5) over one `ws` connection. A failure here only ever closes this socket.
 */
export class SocketSession {
  readonly userId: string;
  readonly scope: string | undefined;
  readonly network: string | null;
  readonly #ws: WebSocket;
  readonly #serializer: Serializer;
  readonly #router: TopicRouter;
  readonly #options: SessionOptions;
  readonly #hooks: SessionHooks;
  readonly #channels = new Map<string, ChannelEntry>();
  /** Socket-level messages are handled one at a time; a join holds the queue, as in Phoenix. */
  #queue: Promise<void> = Promise.resolve();
  #idleTimer: NodeJS.Timeout | undefined;
  #expiryTimer: NodeJS.Timeout | undefined;
  #closed = false;
  /** `drain()` calls waiting for the outgoing buffer to shrink; woken whenever a frame was written out. */
  #drainWaiters: (() => void)[] = [];
  /** ws calls it once a frame left its buffer (or failed to): the buffer shrank, waiters look again. */
  readonly #onWritten = (): void => {
    if (this.#drainWaiters.length === 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const wake of waiters) wake();
  };
  /** Resolves when the underlying connection is gone (close handshake done or socket destroyed). */
  readonly disconnected: Promise<void>;

  constructor(
    ws: WebSocket,
    serializer: Serializer,
    identity: SessionIdentity,
    router: TopicRouter,
    options: SessionOptions,
    hooks: SessionHooks,
  ) {
    this.#ws = ws;
    this.#serializer = serializer;
    this.userId = identity.userId;
    this.scope = identity.scope;
    this.network = identity.network ?? null;
    this.#router = router;
    this.#options = options;
    this.#hooks = hooks;

    ws.on('message', (data, isBinary) => this.#onFrame(toBuffer(data), isBinary));
    this.disconnected = new Promise((resolve) =>
      ws.once('close', () => {
        this.#teardown();
        resolve();
      }),
    );
    // 'error' is always followed by 'close'; a listener keeps ws from throwing it.
    ws.on('error', () => undefined);

    this.#idleTimer = setTimeout(() => this.close(CloseCode.normal, CloseReason.idleTimeout), options.idleTimeoutMs);
    if (identity.expiresAt) this.#armExpiry(identity.expiresAt.getTime());
  }

  get vsn(): string {
    return this.#serializer.vsn;
  }

  /** Closes the WebSocket; channels end when the close completes (or at once if it is already gone). */
  close(code: number, reason: string): void {
    if (this.#ws.readyState === this.#ws.OPEN || this.#ws.readyState === this.#ws.CONNECTING) {
      this.#ws.close(code, reason);
    }
    this.#teardown();
  }

  /** The socket's credential was revoked: close it now so the client re-authenticates. */
  revoke(): void {
    this.close(CloseCode.unauthenticated, CloseReason.tokenRevoked);
  }

  /** Forcibly destroys the connection (used when a graceful close does not finish in time). */
  terminate(): void {
    this.#ws.terminate();
    this.#teardown();
  }

  /** Sends an already-encoded broadcast frame to this socket if it is joined to the topic. */
  sendBroadcast(topic: string, encode: (serializer: Serializer) => EncodedFrame): boolean {
    const entry = this.#channels.get(topic);
    if (!entry || entry.state !== 'joined') return false;
    return this.#send(encode(this.#serializer));
  }

  #armExpiry(expiresAtMs: number): void {
    const remaining = expiresAtMs - Date.now();
    if (remaining <= 0) {
      this.close(CloseCode.unauthenticated, CloseReason.tokenExpired);
      return;
    }
    // setTimeout cannot wait longer than ~24.8 days; re-arm for long-lived API tokens.
    this.#expiryTimer = setTimeout(
      () =>
        remaining > MAX_TIMER_MS
          ? this.#armExpiry(expiresAtMs)
          : this.close(CloseCode.unauthenticated, CloseReason.tokenExpired),
      Math.min(remaining, MAX_TIMER_MS),
    );
  }

  #onFrame(data: Buffer, isBinary: boolean): void {
    if (this.#closed) return;
    // Any inbound frame proves the client is alive (Phoenix resets its idle timeout the same way).
    this.#idleTimer?.refresh();
    let message: InboundMessage;
    try {
      message = this.#serializer.decode(data, isBinary);
    } catch (error) {
      // Phoenix crashes the transport process on an unreadable frame: this socket closes, nothing else.
      this.#options.logger?.warn({ err: error, userId: this.userId }, 'realtime: closing socket after a bad frame');
      this.close(CloseCode.badFrame, error instanceof FrameError ? error.message.slice(0, 120) : 'bad frame');
      return;
    }
    this.#queue = this.#queue
      .then(() => this.#handle(message))
      .catch((error: unknown) => {
        this.#options.logger?.warn({ err: error, userId: this.userId }, 'realtime: socket handler failed');
        this.close(CloseCode.badFrame, 'internal error');
      });
  }

  async #handle(message: InboundMessage): Promise<void> {
    if (this.#closed) return;
    const { topic, event, joinRef, ref } = message;
    if (topic === 'phoenix' && event === 'heartbeat') {
      this.#send(this.#serializer.encodeReply(null, ref, 'phoenix', 'ok', {}));
      return;
    }
    const entry = this.#channels.get(topic);
    if (event === 'phx_join') {
      await this.#join(message, entry);
      return;
    }
    if (event === 'phx_leave') {
      // Not joined: Phoenix answers ok, echoing the join_ref as sent, and sends no phx_close.
      if (!entry) this.#send(this.#serializer.encodeReply(joinRef, ref, topic, 'ok', {}));
      else if (this.#isCurrent(entry, joinRef)) this.#leave(entry, ref);
      // A stale join_ref means the client raced a server close: no answer at all.
      return;
    }
    if (!entry) {
      this.#send(this.#serializer.encodeReply(null, ref, topic, 'error', { reason: 'unmatched topic' }));
      return;
    }
    if (!this.#isCurrent(entry, joinRef)) return; // stale: silently dropped
    if (entry.handler?.urgentEvents?.has(event) && entry.handler.handleIn) {
      const handleIn = entry.handler.handleIn.bind(entry.handler);
      void (async () => handleIn(event, message.payload))().then(
        (reply) => {
          if (reply && ref !== null && entry.state !== 'ended') this.#reply(entry.joinRef, ref, topic, reply);
        },
        (error: unknown) => this.#crash(entry, error),
      );
      return;
    }
    this.#enqueue(entry, async () => {
      const handler = entry.handler;
      // A channel without handle_in crashes on any event in Phoenix (undefined function clause).
      if (!handler?.handleIn) throw new Error(`channel ${topic} does not handle client events`);
      const reply = await handler.handleIn(event, message.payload);
      if (reply && ref !== null && entry.state !== 'ended') this.#reply(entry.joinRef, ref, topic, reply);
    });
  }

  /** A message belongs to the current join when its join_ref is null (accepted since Phoenix 1.8.12) or matches. */
  #isCurrent(entry: ChannelEntry, joinRef: Ref): boolean {
    return joinRef === null || joinRef === entry.joinRef;
  }

  async #join(message: InboundMessage, existing: ChannelEntry | undefined): Promise<void> {
    const { topic, ref } = message;
    const family = this.#router.find(topic);
    if (!family) {
      // Phoenix's encode_ignore: the join_ref is null on this reply.
      this.#send(this.#serializer.encodeReply(null, ref, topic, 'error', { reason: 'unmatched topic' }));
      return;
    }
    const joinRef = message.joinRef ?? ref;
    let previousJoinRef: Ref | undefined;
    if (existing) {
      // Duplicate join: the old channel is closed silently now, and told (phx_close) after the new reply.
      previousJoinRef = existing.joinRef;
      this.#end(existing, 'duplicate_join');
    } else if (this.#channels.size >= this.#options.maxChannels) {
      this.#send(this.#serializer.encodeReply(message.joinRef, ref, topic, 'error', { reason: 'too many channels joined' }));
      return;
    }

    const entry: ChannelEntry = {
      topic,
      joinRef,
      state: 'joining',
      handler: undefined,
      controller: new AbortController(),
      beforeReply: [],
      chain: Promise.resolve(),
    };
    this.#channels.set(topic, entry);

    let result;
    try {
      result = await family.join(message.payload, this.#context(entry));
    } catch (error) {
      this.#options.logger?.warn({ err: error, topic, userId: this.userId }, 'realtime: join crashed');
      result = { status: 'error' as const, response: { reason: 'join crashed' } };
    }
    if (entry.state === 'ended') return; // the socket closed while the join was decided

    if (result.status === 'ok') {
      entry.state = 'joined';
      entry.handler = result.handler;
      this.#send(this.#serializer.encodeReply(message.joinRef, ref, topic, 'ok', result.response ?? {}));
      this.#hooks.onJoined(topic, this);
      const queued = entry.beforeReply;
      entry.beforeReply = [];
      for (const run of queued) run();
      const afterJoin = result.handler.afterJoin?.bind(result.handler);
      if (afterJoin) this.#enqueue(entry, afterJoin);
    } else {
      this.#end(entry, 'closed');
      this.#send(this.#serializer.encodeReply(message.joinRef, ref, topic, 'error', result.response));
    }
    if (previousJoinRef !== undefined) {
      this.#send(this.#serializer.encodeMessage(previousJoinRef, previousJoinRef, topic, 'phx_close', {}));
    }
  }

  #leave(entry: ChannelEntry, ref: Ref): void {
    // Out of the table at once (a new join is a fresh join); the reply waits for the channel's pending work.
    entry.state = 'leaving';
    this.#channels.delete(entry.topic);
    this.#hooks.onLeft(entry.topic, this);
    this.#enqueue(entry, () => {
      this.#send(this.#serializer.encodeReply(entry.joinRef, ref, entry.topic, 'ok', {}));
      this.#send(this.#serializer.encodeMessage(entry.joinRef, entry.joinRef, entry.topic, 'phx_close', {}));
      this.#end(entry, 'left');
    });
  }

  #enqueue(entry: ChannelEntry, work: () => unknown): void {
    entry.chain = entry.chain
      .then(async () => {
        if (entry.state !== 'ended') await work();
      })
      .catch((error: unknown) => this.#crash(entry, error));
  }

  #crash(entry: ChannelEntry, error: unknown): void {
    if (entry.state === 'ended') return;
    this.#options.logger?.warn({ err: error, topic: entry.topic, userId: this.userId }, 'realtime: channel crashed');
    this.#end(entry, 'crashed');
    this.#send(
      this.#serializer.encodeMessage(entry.joinRef, entry.joinRef, entry.topic, 'phx_error', { reason: 'channel_crash' }),
    );
  }

  #end(entry: ChannelEntry, reason: ChannelEndReason): void {
    if (entry.state === 'ended') return;
    const wasListed = entry.state === 'joined';
    entry.state = 'ended';
    entry.beforeReply = [];
    entry.controller.abort();
    if (this.#channels.get(entry.topic) === entry) {
      this.#channels.delete(entry.topic);
      if (wasListed) this.#hooks.onLeft(entry.topic, this);
    }
    try {
      entry.handler?.terminate?.(reason);
    } catch (error) {
      this.#options.logger?.warn({ err: error, topic: entry.topic }, 'realtime: channel terminate failed');
    }
  }

  #context(entry: ChannelEntry): ChannelContext {
    const whenReplied = (run: () => void): void => {
      if (entry.state === 'joining') entry.beforeReply.push(run);
      else run();
    };
    return {
      topic: entry.topic,
      userId: this.userId,
      scope: this.scope,
      network: this.network,
      signal: entry.controller.signal,
      push: (event, payload) => {
        if (entry.state === 'ended') return false;
        whenReplied(() => {
          if (entry.state !== 'ended') this.#pushFrame(entry, () => this.#serializer.encodeMessage(entry.joinRef, null, entry.topic, event, payload));
        });
        return true;
      },
      pushBytes: (event, parts, length) => {
        if (entry.state === 'ended') return false;
        if (entry.state === 'joining') {
          // The parts may be views of a buffer that changes before the reply goes out: keep a copy until then.
          const copy = Buffer.concat(parts, length);
          whenReplied(() => {
            if (entry.state !== 'ended') this.#pushBinary(entry, event, [copy], length);
          });
          return true;
        }
        this.#pushBinary(entry, event, parts, length);
        return true;
      },
      close: () =>
        whenReplied(() => {
          if (entry.state === 'ended') return;
          this.#end(entry, 'closed');
          this.#send(this.#serializer.encodeMessage(entry.joinRef, entry.joinRef, entry.topic, 'phx_close', {}));
        }),
      crash: (error) => whenReplied(() => this.#crash(entry, error)),
      drain: () => this.#drain(entry.controller.signal),
    };
  }

  #pushFrame(entry: ChannelEntry, encode: () => EncodedFrame): void {
    let frame: EncodedFrame;
    try {
      frame = encode();
    } catch (error) {
      // An unencodable push (e.g. bytes on a V1 socket) is the channel's bug: crash it, not the socket.
      this.#crash(entry, error);
      return;
    }
    this.#send(frame);
  }

  #pushBinary(entry: ChannelEntry, event: string, parts: readonly Uint8Array[], length: number): void {
    if (this.#serializer.vsn !== '2.0.0' || binaryPushSize(entry.joinRef, entry.topic, event, length) > POOLED_FRAME_BYTES) {
      this.#pushFrame(entry, () => this.#serializer.encodeBinaryPush(entry.joinRef, entry.topic, event, parts, length));
      return;
    }
    const buffer = framePool.pop() ?? Buffer.allocUnsafeSlow(POOLED_FRAME_BYTES);
    const release = (): void => {
      if (framePool.length < MAX_POOLED_FRAMES) framePool.push(buffer);
      this.#onWritten();
    };
    let frame: Buffer;
    try {
      frame = this.#serializer.encodeBinaryPush(entry.joinRef, entry.topic, event, parts, length, buffer);
    } catch (error) {
      release();
      this.#crash(entry, error);
      return;
    }
    if (!this.#send(frame, release)) release();
  }

  #reply(joinRef: Ref, ref: Ref, topic: string, reply: ChannelReply): void {
    this.#send(this.#serializer.encodeReply(joinRef, ref, topic, reply.status, reply.response ?? {}));
  }

  /**
   * Waits until ws's outgoing buffer is at or below the high-water mark. Woken by the write callback of each frame
   * (not by polling: a 5 ms poll let a 1 MiB buffer run dry at a few hundred MB/s, and added up to 5 ms to every
   * frame behind a full buffer), by the channel's end, and by the socket's.
   */
  async #drain(signal: AbortSignal): Promise<void> {
    while (this.#ws.bufferedAmount > this.#options.highWaterMark && !signal.aborted && !this.#closed) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          signal.removeEventListener('abort', done);
          resolve();
        };
        this.#drainWaiters.push(done);
        signal.addEventListener('abort', done, { once: true });
      });
    }
  }

  /** Queues a frame on the socket; `onWritten` runs once ws wrote it out (or failed to), unless this returns false. */
  #send(frame: EncodedFrame, onWritten: () => void = this.#onWritten): boolean {
    if (this.#closed || this.#ws.readyState !== this.#ws.OPEN) return false;
    if (this.#ws.bufferedAmount > this.#options.maxBufferedBytes) {
      // The client is not reading. Queueing more would grow memory without bound; closing costs it nothing,
      // because every stream resumes from its cursor on the reconnect.
      this.#options.logger?.warn(
        { userId: this.userId, bufferedAmount: this.#ws.bufferedAmount },
        'realtime: closing a slow consumer',
      );
      this.close(CloseCode.slowConsumer, CloseReason.slowConsumer);
      return false;
    }
    this.#ws.send(frame, onWritten);
    return true;
  }

  #teardown(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#idleTimer);
    clearTimeout(this.#expiryTimer);
    this.#onWritten();
    for (const entry of [...this.#channels.values()]) this.#end(entry, 'socket_closed');
    this.#hooks.onClosed(this);
  }
}

function toBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
