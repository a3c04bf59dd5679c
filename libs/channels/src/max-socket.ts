import WebSocket from 'ws';
import { Backoff, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connection-state.js';
import { ChannelClosedError, SocketAuthError } from './errors.js';
import { MaxChannel, type ChannelHost } from './max-channel.js';
import { createPhoenixSocket } from './phoenix-adapter.js';
import type { PhoenixPush, PhoenixSocket } from './phoenix-types.js';
import { subscribe, type SubscribeOptions, type Subscription } from './subscription.js';
import type { TokenProvider } from './token-provider.js';
import { createTransportClass, type AttemptFailure, type WebSocketClass } from './ws-transport.js';

export interface MaxSocketOptions {
  /**
   * The socket endpoint, e.g. `ws://127.0.0.1:4000/socket` (phoenix appends `/websocket`). An `http(s)://`
   * API URL is accepted too and mapped to `ws(s)://<host>/socket`.
   */
  url: string;
  /** A fixed token or a provider consulted on every (re)connect. Sent as the `authToken` subprotocol. */
  token: string | TokenProvider;
  /** The `ws` class or a subclass (tests inject one). Default: `ws`. */
  WebSocket?: WebSocketClass;
  /** Heartbeat interval; a heartbeat unanswered for as long counts the connection dead. Default 30 000. */
  heartbeatIntervalMs?: number;
  /** Join/push reply timeout. Default 10 000. */
  timeoutMs?: number;
  /** A WebSocket handshake not completed by then fails. Default 10 000. */
  handshakeTimeoutMs?: number;
  /** After a local close, wait this long for the server's close frame before destroying the socket. Default 1 000. */
  closeTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** Delay before a channel rejoins after a server-side crash (`phx_error`). Default phoenix's 1 s, 2 s, 5 s, 10 s. */
  rejoinAfterMs?: (tries: number) => number;
  /** Pushes allowed to wait for a connection, across all channels. Default 100. */
  pushBufferLimit?: number;
  /** Consecutive refused handshakes (with a forced token refresh in between) before giving up. Default 3. */
  maxAuthFailures?: number;
  /** phoenix's debug logger. Tokens never reach it: they travel in a subprotocol, not the URL. */
  logger?: (kind: string, message: string, data: unknown) => void;
}

/**
 * Close code of a socket whose credential expired (`token_expired`) or was revoked (`token_revoked`)
 * (docs/protocol.md §1): the next connect forces a token refresh. If nothing valid is left, the upgrade is
 * refused with 403 and, after `maxAuthFailures`, the socket ends with {@link SocketAuthError}.
 */
export const TOKEN_EXPIRED_CLOSE_CODE = 4401;

/**
 * Close code of a socket that read too slowly (`slow_consumer`): the server stopped buffering for it. Nothing is
 * lost: the socket reconnects and every subscription resumes from its cursor.
 */
export const SLOW_CONSUMER_CLOSE_CODE = 4429;

/**
 * A Phoenix Channels connection to Max over the official `phoenix` client, with observable state,
 * exponential backoff with jitter, a token provider consulted on every (re)connect, resumable
 * subscriptions, bounded push buffering, and a `close()` that leaves nothing running.
 *
 * @example
 * const socket = new MaxSocket({ url: 'ws://127.0.0.1:4000/socket', token: () => auth.accessToken() });
 * socket.onStateChange((state) => console.error(state.status));
 * for await (const item of subscribeEvents(socket, { userId, afterSeq: 41 })) {
 *   if (item.kind === 'gap') console.error(`events ${item.fromSeq}..${item.toSeq} are gone`);
 *   else console.log(item.data.action);
 * }
 * await socket.close();
 */
export class MaxSocket {
  readonly #phoenix: PhoenixSocket;
  readonly #backoff: Backoff;
  /** Set when close() starts (before phoenix's teardown runs), read by the transport. */
  #closingForGood = false;
  readonly #provider: TokenProvider;
  readonly #maxAuthFailures: number;
  readonly #listeners = new Set<(state: ConnectionState) => void>();
  readonly #channels = new Set<MaxChannel>();
  readonly #pushes = new Set<PhoenixPush>();
  readonly #live = new Set<WebSocket>();
  readonly #host: ChannelHost;
  #state: ConnectionState = { status: 'idle' };
  #started = false;
  #closing: Promise<void> | undefined;
  #buffered = 0;
  #lastToken = '';
  #forceRefresh = false;
  #rejectedToken: string | undefined;
  #authFailures = 0;
  #lastError: Error | undefined;
  #readingPaused = false;

  constructor(options: MaxSocketOptions) {
    const token = options.token;
    this.#provider = typeof token === 'string' ? () => Promise.resolve(token) : token;
    this.#backoff = new Backoff(options.backoff);
    this.#maxAuthFailures = options.maxAuthFailures ?? 3;
    const Transport = createTransportClass({
      WebSocket: options.WebSocket ?? WebSocket,
      handshakeTimeoutMs: options.handshakeTimeoutMs ?? 10_000,
      closeTimeoutMs: options.closeTimeoutMs ?? 1_000,
      live: this.#live,
      hooks: {
        getToken: () => this.#nextToken(),
        onAttempt: () => {
          if (!this.#closing) this.#setState({ status: 'connecting', attempt: this.#backoff.attempt });
        },
        onFailure: (failure) => this.#onFailure(failure),
        closingForGood: () => this.#closingForGood,
        onClosed: (code, _reason, usedToken) => {
          this.#backoff.dropped();
          if (code === TOKEN_EXPIRED_CLOSE_CODE) {
            this.#forceRefresh = true;
            this.#rejectedToken = usedToken;
          }
        },
      },
    });
    this.#phoenix = createPhoenixSocket(toSocketEndpoint(options.url), {
      transport: Transport,
      // phoenix reads this synchronously; the transport re-checks with the async provider before connecting.
      authToken: () => this.#lastToken,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 30_000,
      timeout: options.timeoutMs ?? 10_000,
      reconnectAfterMs: () => this.#scheduleReconnect(),
      rejoinAfterMs: options.rejoinAfterMs ?? ((tries) => [1_000, 2_000, 5_000][tries - 1] ?? 10_000),
      vsn: '2.0.0',
      ...(options.logger ? { logger: options.logger } : {}),
    });
    this.#phoenix.onOpen(() => {
      this.#authFailures = 0;
      this.#lastError = undefined;
      this.#backoff.opened();
      this.#setState({ status: 'open', since: new Date() });
    });

    const pushBufferLimit = options.pushBufferLimit ?? 100;
    const timeoutMs = options.timeoutMs ?? 10_000;
    this.#host = {
      phoenix: this.#phoenix,
      timeoutMs,
      pushBufferLimit,
      isConnected: () => this.#phoenix.isConnected(),
      ensureConnected: () => this.connect(),
      reserveBufferSlot: () => {
        if (this.#buffered >= pushBufferLimit) return false;
        this.#buffered += 1;
        return true;
      },
      releaseBufferSlot: () => {
        this.#buffered = Math.max(0, this.#buffered - 1);
      },
      trackPush: (push) => this.#pushes.add(push),
      untrackPush: (push) => this.#pushes.delete(push),
      removeChannel: (channel) => this.#channels.delete(channel),
      joined: () => this.#backoff.progressed(),
    };
  }

  get state(): ConnectionState {
    return this.#state;
  }

  /** Calls `listener` on every state change; returns the function that stops it. */
  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Stops reading from the connection until {@link resumeReading}: frames stay in the kernel's socket buffer,
   * so TCP backpressure reaches the server instead of this process buffering without bound. For a consumer slower
   * than the network (a byte stream written to a slow pipe). Heartbeat replies wait too: a pause longer than the
   * heartbeat interval costs a reconnect, which resumable streams survive.
   */
  pauseReading(): void {
    this.#readingPaused = true;
    for (const ws of this.#live) ws.pause();
  }

  /** Reads from the connection again after {@link pauseReading}. */
  resumeReading(): void {
    if (!this.#readingPaused) return;
    this.#readingPaused = false;
    for (const ws of this.#live) ws.resume();
  }

  /** Starts connecting (idempotent). Joining a channel or subscribing does it implicitly. */
  connect(): void {
    if (this.#started || this.#closing) return;
    this.#started = true;
    this.#phoenix.connect();
  }

  /** A channel handle for request/reply and custom events. Call `join()` on it. */
  channel(topic: string, params: Record<string, unknown> | (() => Record<string, unknown>) = {}): MaxChannel {
    if (this.#closing) throw new ChannelClosedError('the socket is closed');
    const channel = new MaxChannel(this.#host, topic, typeof params === 'function' ? params : () => params);
    this.#channels.add(channel);
    return channel;
  }

  /**
   * A resumable stream of the topic's events: validated by `schema`, in order, each exactly once across
   * reconnects, with gaps the server cannot fill reported as `{kind: "gap"}` items.
   */
  subscribe<T>(topic: string, options: SubscribeOptions<T>): Subscription<T> {
    return subscribe(this, topic, options);
  }

  /**
   * Closes everything: channels (streams end, buffered pushes reject with ChannelClosedError), the
   * connection (close 1000), phoenix's timers and any socket still closing. Afterwards nothing of this
   * socket keeps the Node event loop alive.
   */
  close(): Promise<void> {
    this.#closing ??= this.#close();
    return this.#closing;
  }

  async #close(): Promise<void> {
    this.#backoff.dispose();
    this.#closingForGood = true;
    await new Promise<void>((resolve) => {
      // phoenix's teardown waits for its send buffer to drain (≤ ~1.5 s, bounded), closes the connection and — as the
      // transport reads CLOSED once asked to close (see `closingForGood`) — calls back at once, leaving no timer.
      // Done when phoenix called back and every connection has really closed: the server answers the close frame
      // within a millisecond on a good link, and a dead peer is cut by the transport's close timeout.
      const bound = setTimeout(resolve, 3_000);
      let phoenixDone = false;
      const check = (): void => {
        if (!phoenixDone || [...this.#live].some((ws) => ws.readyState !== ws.CLOSED)) return;
        clearTimeout(bound);
        resolve();
      };
      for (const ws of this.#live) if (ws.readyState !== ws.CLOSED) ws.once('close', check);
      this.#phoenix.disconnect(
        () => {
          phoenixDone = true;
          check();
        },
        1000,
        'client closed',
      );
    });
    // Disconnected now, so leaving is local: phoenix clears each channel's rejoin and join timers.
    for (const channel of [...this.#channels]) channel.dispose();
    for (const push of this.#pushes) push.cancelTimeout();
    this.#pushes.clear();
    for (const ws of this.#live) ws.terminate();
    this.#live.clear();
    this.#setState(this.#lastError instanceof SocketAuthError ? { status: 'closed', error: this.#lastError } : { status: 'closed' });
  }

  async #nextToken(): Promise<string> {
    const context = this.#forceRefresh
      ? { forceRefresh: true, ...(this.#rejectedToken === undefined ? {} : { rejectedToken: this.#rejectedToken }) }
      : { forceRefresh: false };
    this.#forceRefresh = false;
    this.#rejectedToken = undefined;
    const token = await this.#provider(context);
    this.#lastToken = token;
    return token;
  }

  #scheduleReconnect(): number {
    this.#backoff.dropped();
    const delayMs = this.#backoff.next();
    if (!this.#closing) {
      this.#setState({
        status: 'reconnecting',
        attempt: this.#backoff.attempt,
        delayMs,
        ...(this.#lastError ? { lastError: this.#lastError } : {}),
      });
    }
    return delayMs;
  }

  #onFailure(failure: AttemptFailure): void {
    this.#lastError = failure.error;
    const authProblem = failure.kind === 'token' || (failure.kind === 'rejected' && (failure.status === 401 || failure.status === 403));
    if (!authProblem) return;
    this.#authFailures += 1;
    this.#forceRefresh = true;
    if (failure.kind === 'rejected') this.#rejectedToken = failure.token;
    // The provider says no credential is left (token-provider.ts): asking it again cannot help.
    const noCredential = failure.kind === 'token' && (failure.error as { code?: unknown }).code === 'not_authenticated';
    if (noCredential || this.#authFailures >= this.#maxAuthFailures) {
      const error = new SocketAuthError(
        failure.kind === 'token'
          ? `could not get a token for the socket: ${failure.error.message}`
          : `the server refused the socket's token ${this.#authFailures} times in a row (HTTP ${failure.status})`,
        { cause: failure.error },
      );
      this.#lastError = error;
      // Out of phoenix's callback stack first: closing from inside its close handler would re-enter it.
      setImmediate(() => {
        for (const channel of [...this.#channels]) channel.fail(error);
        void this.close();
      });
    }
  }

  #setState(state: ConnectionState): void {
    this.#state = state;
    for (const listener of [...this.#listeners]) listener(state);
  }
}

/** `http://host:4000` → `ws://host:4000/socket`; `ws://…/socket` is kept as is. */
export function toSocketEndpoint(url: string): string {
  const parsed = new URL(url);
  if (parsed.protocol === 'http:' || parsed.protocol === 'https:') {
    parsed.protocol = parsed.protocol === 'https:' ? 'wss:' : 'ws:';
    parsed.pathname = '/socket';
    parsed.search = '';
  }
  return parsed.toString().replace(/\/$/, '');
}
