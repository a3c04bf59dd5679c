import WebSocket from 'ws';
import type { PhoenixTransport, PhoenixTransportConstructor } from './phoenix-types.js';

export const AUTH_TOKEN_PREFIX = 'base64url.bearer.phx.';

/** The `ws` client class, or a subclass (e.g. one adding headers); injectable for tests. */
export type WebSocketClass = typeof WebSocket;

/** How one connection attempt ended before or instead of opening. */
export type AttemptFailure =
  | { kind: 'token'; error: Error }
  | { kind: 'rejected'; status: number; token: string; error: Error }
  | { kind: 'network'; error: Error };

export interface TransportHooks {
  /** Consulted on every connection attempt; phoenix's own `authToken` call is synchronous, this is not. */
  getToken(): Promise<string>;
  /** A connection attempt is starting. */
  onAttempt(): void;
  /** The handshake failed (refused, unreachable, token provider failed). */
  onFailure(failure: AttemptFailure): void;
  /** An open connection closed; `token` is the one it was authenticated with. */
  onClosed(code: number, reason: string, token: string): void;
  /**
   * `MaxSocket.close()` is under way. A transport phoenix asked to close then reads as CLOSED to phoenix at once:
   * its teardown polls `readyState` on a 150 ms timer otherwise, which kept an SDK user's process (the Action)
   * alive that long after `close()` had resolved. MaxSocket itself waits for the real close handshake.
   */
  closingForGood(): boolean;
}

export interface TransportOptions {
  WebSocket: WebSocketClass;
  /** A handshake that has not completed by then fails (a black-holed connect would otherwise hang forever). */
  handshakeTimeoutMs: number;
  /** After `close()`, wait this long for the peer's close frame, then destroy the socket. */
  closeTimeoutMs: number;
  hooks: TransportHooks;
  /** Every live ws, so `MaxSocket.close()` can guarantee nothing is left open. */
  live: Set<WebSocket>;
}

const CONNECTING = 0;
const CLOSING = 2;
const CLOSED = 3;

/**
 * Encodes the token for the subprotocol entry. phoenix uses `btoa`, whose output may contain "/", which is
 * not a valid HTTP token character: `ws` would then throw synchronously from its constructor (an uncaught
 * crash when it happens in phoenix's reconnect timer). For such tokens we use the url-safe alphabet, which
 * max-local's decoder accepts; everything else is byte-identical to phoenix.
 */
export function encodeTokenProtocol(token: string): string {
  const standard = Buffer.from(token, 'latin1').toString('base64').replace(/=+$/, '');
  const encoded = standard.includes('/') ? standard.replace(/\+/g, '-').replace(/\//g, '_') : standard;
  return `${AUTH_TOKEN_PREFIX}${encoded}`;
}

/**
 * A phoenix transport class over `ws` that resolves the token asynchronously before opening. phoenix creates
 * one instance per (re)connect and sees a WebSocket that simply stays CONNECTING while the token provider
 * runs. Synchronous failures (a bad URL, an unusable token) become error + close events instead of throws.
 */
export function createTransportClass(options: TransportOptions): PhoenixTransportConstructor {
  const { hooks, live } = options;

  return class DeferredWebSocket implements PhoenixTransport {
    binaryType = 'arraybuffer';
    /** Set by phoenix for LongPoll; meaningless for WebSockets. */
    timeout = 0;
    onopen: PhoenixTransport['onopen'] = null;
    onerror: PhoenixTransport['onerror'] = null;
    onmessage: PhoenixTransport['onmessage'] = null;
    onclose: PhoenixTransport['onclose'] = null;
    #ws: WebSocket | undefined;
    #state = CONNECTING;
    #closeRequested = false;
    #token = '';
    #opened = false;

    constructor(url: string, protocols: string[] = []) {
      hooks.onAttempt();
      void this.#open(url, protocols);
    }

    get readyState(): number {
      if (this.#closeRequested && hooks.closingForGood()) return CLOSED;
      return this.#ws ? this.#ws.readyState : this.#state;
    }

    get bufferedAmount(): number {
      return this.#ws?.bufferedAmount ?? 0;
    }

    send(data: string | ArrayBuffer): void {
      this.#ws?.send(data);
    }

    close(code?: number, reason?: string): void {
      this.#closeRequested = true;
      const ws = this.#ws;
      if (!ws) {
        // Still waiting for the token: there is nothing to close but our own state.
        if (this.#state !== CLOSED) {
          this.#state = CLOSED;
          queueMicrotask(() => this.onclose?.({ code: code ?? 1005, reason: reason ?? '', wasClean: true }));
        }
        return;
      }
      if (ws.readyState === CLOSED) return;
      if (ws.readyState === CONNECTING) {
        ws.terminate();
        return;
      }
      if (ws.readyState !== CLOSING) ws.close(code, reason);
      // A dead peer never answers the close frame; ws would wait 30 s. Do not hold the socket that long.
      setTimeout(() => ws.terminate(), options.closeTimeoutMs).unref();
    }

    async #open(url: string, protocols: string[]): Promise<void> {
      let token: string;
      try {
        token = await hooks.getToken();
      } catch (error) {
        this.#fail({ kind: 'token', error: asError(error) });
        return;
      }
      if (this.#closeRequested) return;
      this.#token = token;
      // phoenix already put its (synchronously read) token entry in; replace it with the fresh one.
      const offered = [...protocols.filter((p) => !p.startsWith(AUTH_TOKEN_PREFIX)), encodeTokenProtocol(token)];
      if (!offered.includes('phoenix')) offered.unshift('phoenix');
      let ws: WebSocket;
      try {
        ws = new options.WebSocket(url, offered, {
          handshakeTimeout: options.handshakeTimeoutMs,
          perMessageDeflate: false,
        });
      } catch (error) {
        this.#fail({ kind: 'network', error: asError(error) });
        return;
      }
      this.#ws = ws;
      live.add(ws);
      // Node Buffers, not ArrayBuffers: `ws` would copy every binary frame into a fresh ArrayBuffer. The frame
      // decoder (phoenix-adapter.ts) reads pushes from the Buffer in place and converts only what phoenix decodes.
      ws.binaryType = 'nodebuffer';
      let failure: AttemptFailure | undefined;
      ws.onopen = (event) => {
        this.#opened = true;
        this.onopen?.(event);
      };
      ws.onmessage = (event) => this.onmessage?.(event);
      ws.onerror = (event) => {
        if (!this.#opened) failure = classify(event.error ?? new Error(event.message), token);
        this.onerror?.(event);
      };
      ws.onclose = (event) => {
        live.delete(ws);
        if (this.#opened) hooks.onClosed(event.code, event.reason, token);
        else if (!this.#closeRequested) hooks.onFailure(failure ?? { kind: 'network', error: new Error(`closed during handshake (${event.code})`) });
        this.onclose?.({ code: event.code, reason: event.reason, wasClean: event.wasClean });
      };
    }

    #fail(failure: AttemptFailure): void {
      this.#state = CLOSED;
      hooks.onFailure(failure);
      // phoenix attached its handlers right after constructing us; report asynchronously like a real socket.
      setImmediate(() => {
        this.onerror?.({ type: 'error', message: failure.error.message, error: failure.error });
        this.onclose?.({ code: 1006, reason: failure.error.message.slice(0, 120), wasClean: false });
      });
    }

    /** The token this transport authenticated with (for diagnostics). */
    get token(): string {
      return this.#token;
    }
  };
}

function classify(error: Error, token: string): AttemptFailure {
  // ws exposes the HTTP status of a refused upgrade only in this message.
  const match = /Unexpected server response: (\d{3})/.exec(error.message);
  if (match) return { kind: 'rejected', status: Number(match[1]), token, error };
  return { kind: 'network', error };
}

function asError(value: unknown): Error {
  return value instanceof Error ? value : new Error(String(value));
}
