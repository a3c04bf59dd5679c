import {
  ChannelClosedError,
  ChannelError,
  ChannelJoinError,
  ChannelReplyError,
  ChannelTimeoutError,
  PushBufferFullError,
  isRecord,
} from './errors.js';
import type { PhoenixChannel, PhoenixPayload, PhoenixPush, PhoenixSocket } from './phoenix-types.js';

/** A message payload as handlers see it: a JSON value, or bytes for binary frames. */
export type ChannelPayload = unknown;

/** What a channel needs from its socket (implemented by MaxSocket; kept narrow for clarity). */
export interface ChannelHost {
  readonly phoenix: PhoenixSocket;
  readonly timeoutMs: number;
  readonly pushBufferLimit: number;
  isConnected(): boolean;
  ensureConnected(): void;
  /** Counts pushes waiting for a connection across the socket; false when the bound is reached. */
  reserveBufferSlot(): boolean;
  releaseBufferSlot(): void;
  /** Pushes with a live phoenix timeout timer, so closing can cancel them. */
  trackPush(push: PhoenixPush): void;
  untrackPush(push: PhoenixPush): void;
  removeChannel(channel: MaxChannel): void;
  /** A (re)join succeeded: the connection is doing real work, so the reconnect backoff starts over. */
  joined(): void;
}

interface BufferedPush {
  kind: 'push';
  event: string;
  payload: PhoenixPayload;
  timeoutMs: number;
  resolve: (response: ChannelPayload) => void;
  reject: (error: Error) => void;
}

/** A {@link MaxChannel.send} waiting for the channel to be joined again. */
interface BufferedSend {
  kind: 'send';
  event: string;
  payload: ArrayBuffer;
}

export type MaxChannelState = 'new' | 'joining' | 'joined' | 'closed';

/**
 * One topic on a {@link MaxSocket}: join once, and phoenix keeps it joined across reconnects (rejoining with
 * the params function re-evaluated each time). A join the server refuses ends the channel with a
 * {@link ChannelJoinError} instead of phoenix's endless rejoin loop.
 */
export class MaxChannel {
  readonly topic: string;
  readonly #host: ChannelHost;
  readonly #phoenix: PhoenixChannel;
  #state: MaxChannelState = 'new';
  #joined: Promise<Record<string, unknown>> | undefined;
  #buffer: (BufferedPush | BufferedSend)[] = [];
  readonly #joinListeners = new Set<(response: Record<string, unknown>) => void>();
  readonly #closeListeners = new Set<(error: Error | undefined) => void>();

  constructor(host: ChannelHost, topic: string, params: () => Record<string, unknown>) {
    this.topic = topic;
    this.#host = host;
    this.#phoenix = host.phoenix.channel(topic, params);
    // Server phx_close (or phoenix's local close after leave): the channel is over, phoenix will not rejoin.
    this.#phoenix.onClose(() => this.#end(undefined, false));
    // Transport drops and server crashes (phx_error): phoenix rejoins by itself; we just track the state.
    this.#phoenix.onError(() => {
      if (this.#state === 'joined') this.#state = 'joining';
    });
  }

  get state(): MaxChannelState {
    return this.#state;
  }

  /**
   * Joins (connecting the socket if needed). Resolves with the first join reply; rejoins after reconnects
   * happen automatically (see {@link onJoin}). Rejects with {@link ChannelJoinError} when refused.
   */
  join(): Promise<Record<string, unknown>> {
    if (this.#joined) return this.#joined;
    if (this.#state === 'closed') return Promise.reject(new ChannelClosedError());
    this.#state = 'joining';
    this.#joined = new Promise((resolve, reject) => {
      let first = true;
      const joinPush = this.#phoenix.join(this.#host.timeoutMs);
      joinPush.receive('ok', (response) => {
        if (this.#state === 'closed') return;
        this.#state = 'joined';
        this.#host.joined();
        const body = isRecord(response) ? response : {};
        if (first) {
          first = false;
          resolve(body);
        }
        for (const listener of this.#joinListeners) listener(body);
        this.#flush();
      });
      joinPush.receive('error', (response) => {
        const error = new ChannelJoinError(this.topic, response);
        if (first) {
          first = false;
          reject(error);
        }
        this.#end(error, true);
      });
      this.#closeListeners.add((error) => {
        if (first) {
          first = false;
          reject(error ?? new ChannelClosedError());
        }
      });
    });
    this.#host.ensureConnected();
    return this.#joined;
  }

  /** Every successful (re)join reply, e.g. to learn where a stream resumed. */
  onJoin(listener: (response: Record<string, unknown>) => void): () => void {
    this.#joinListeners.add(listener);
    return () => this.#joinListeners.delete(listener);
  }

  /** The channel ended: `error` is set when it ended because of one (a refused join, a closed socket is not). */
  onClose(listener: (error: Error | undefined) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  /** Messages the server pushes or broadcasts on this topic; binary payloads arrive as `Uint8Array`. */
  on(event: string, handler: (payload: ChannelPayload) => void): () => void {
    const ref = this.#phoenix.on(event, (payload) => handler(fromPhoenixPayload(payload)));
    return () => this.#phoenix.off(event, ref);
  }

  /**
   * Pushes an event and resolves with the `ok` reply's response. While the channel is not joined (socket
   * down, rejoin pending) pushes wait in a bounded buffer; {@link PushBufferFullError} beyond it.
   * `timeoutMs` counts from when the push is actually sent.
   */
  push(event: string, payload: Record<string, unknown> | Uint8Array = {}, options: { timeoutMs?: number } = {}): Promise<ChannelPayload> {
    if (this.#state === 'closed') return Promise.reject(new ChannelClosedError());
    if (this.#state === 'new') {
      return Promise.reject(new ChannelError('channel_not_joined', `join ${this.topic} before pushing "${event}"`));
    }
    const buffered: Omit<BufferedPush, 'resolve' | 'reject'> = {
      kind: 'push',
      event,
      payload: toPhoenixPayload(payload),
      timeoutMs: options.timeoutMs ?? this.#host.timeoutMs,
    };
    if (this.#canSend()) return new Promise((resolve, reject) => this.#send({ ...buffered, resolve, reject }));
    if (!this.#host.reserveBufferSlot()) return Promise.reject(new PushBufferFullError(this.#host.pushBufferLimit));
    return new Promise((resolve, reject) => this.#buffer.push({ ...buffered, resolve, reject }));
  }

  /**
   * Sends bytes the server does not answer: a binary push with an empty `ref`, for which the server sends no
   * reply (docs/protocol.md §5). For a stream of small messages where a reply per message would only cost —
   * keystrokes: each one otherwise made the server write a second frame and woke the client a second time, with
   * a 10 s timer per push. Ordered with {@link push}: while the channel is not joined, sends wait in the same
   * bounded buffer and go out in order after the rejoin. What was on the wire when a connection dropped is not
   * resent here (the server may have applied it): a caller that must not lose any tags its messages with offsets
   * and resends after the rejoin, as shell input does (`input_at`). Throws {@link ChannelClosedError} on a closed
   * channel and {@link PushBufferFullError} when the buffer is full.
   */
  send(event: string, payload: Uint8Array): void {
    if (this.#state === 'closed') throw new ChannelClosedError();
    if (this.#state === 'new') throw new ChannelError('channel_not_joined', `join ${this.topic} before sending "${event}"`);
    const buffered: BufferedSend = { kind: 'send', event, payload: toPhoenixPayload(payload) as ArrayBuffer };
    if (this.#canSend()) return this.#sendUnanswered(buffered);
    if (!this.#host.reserveBufferSlot()) throw new PushBufferFullError(this.#host.pushBufferLimit);
    this.#buffer.push(buffered);
  }

  /** Leaves the topic. Pending buffered pushes are rejected with {@link ChannelClosedError}. */
  leave(): Promise<void> {
    this.#end(undefined, true);
    return Promise.resolve();
  }

  /** Used by MaxSocket.close(): ends the channel without waiting for the server. */
  dispose(): void {
    this.#end(undefined, true);
  }

  /** Ends the channel because of `error` (e.g. the socket gave up authenticating); listeners receive it. */
  fail(error: Error): void {
    this.#end(error, true);
  }

  #canSend(): boolean {
    return this.#state === 'joined' && this.#phoenix.isJoined() && this.#host.isConnected();
  }

  #flush(): void {
    const pending = this.#buffer;
    this.#buffer = [];
    for (const item of pending) {
      this.#host.releaseBufferSlot();
      if (item.kind === 'send') this.#sendUnanswered(item);
      else this.#send(item);
    }
  }

  #sendUnanswered(item: BufferedSend): void {
    this.#host.phoenix.push({ topic: this.topic, event: item.event, payload: item.payload, ref: '', join_ref: this.#phoenix.joinRef() });
  }

  #send(buffered: BufferedPush): void {
    const push = this.#phoenix.push(buffered.event, buffered.payload, buffered.timeoutMs);
    this.#host.trackPush(push);
    push
      .receive('ok', (response) => {
        this.#host.untrackPush(push);
        buffered.resolve(fromPhoenixPayload(response));
      })
      .receive('error', (response) => {
        this.#host.untrackPush(push);
        buffered.reject(new ChannelReplyError(buffered.event, 'error', fromPhoenixPayload(response)));
      })
      .receive('timeout', () => {
        this.#host.untrackPush(push);
        buffered.reject(new ChannelTimeoutError(buffered.event, buffered.timeoutMs));
      });
  }

  #end(error: Error | undefined, leave: boolean): void {
    if (this.#state === 'closed') return;
    this.#state = 'closed';
    for (const item of this.#buffer) {
      this.#host.releaseBufferSlot();
      if (item.kind === 'push') item.reject(error ?? new ChannelClosedError());
    }
    this.#buffer = [];
    if (leave && this.#phoenix.state !== 'closed') {
      // Stops phoenix's rejoin timer. Connected: a phx_leave goes out and its timer waits for the reply;
      // disconnected: phoenix closes the channel locally at once.
      const leavePush = this.#phoenix.leave(this.#host.timeoutMs);
      this.#host.trackPush(leavePush);
      leavePush.receive('ok', () => this.#host.untrackPush(leavePush));
      leavePush.receive('timeout', () => this.#host.untrackPush(leavePush));
    }
    this.#host.removeChannel(this);
    for (const listener of [...this.#closeListeners]) listener(error);
    this.#closeListeners.clear();
    this.#joinListeners.clear();
  }
}

function toPhoenixPayload(payload: Record<string, unknown> | Uint8Array): PhoenixPayload {
  if (payload instanceof Uint8Array) {
    // phoenix sends binary frames only for a real ArrayBuffer; a Buffer/Uint8Array would be JSON-stringified.
    return payload.buffer.slice(payload.byteOffset, payload.byteOffset + payload.byteLength) as ArrayBuffer;
  }
  return payload;
}

function fromPhoenixPayload(payload: unknown): ChannelPayload {
  return payload instanceof ArrayBuffer ? new Uint8Array(payload) : payload;
}
