/**
 * Our own declarations for the part of the `phoenix` 1.8.16 client we use. `@types/phoenix` (1.6.7) lags the
 * runtime: it types `authToken` as a string (1.8.9+ accepts a function), lacks `Channel#joinRef`,
 * `Channel#isJoined`, `Push#cancelTimeout` and `Serializer`, and types callbacks with `any`. Only
 * `phoenix-adapter.ts` touches the real module; everything else codes against these interfaces.
 */

export type PhoenixPushStatus = 'ok' | 'error' | 'timeout';

/** A JSON object or an ArrayBuffer (phoenix sends binary frames only for `constructor === ArrayBuffer`). */
export type PhoenixPayload = Record<string, unknown> | ArrayBuffer;

export interface PhoenixPush {
  receive(status: PhoenixPushStatus, callback: (response: unknown) => void): PhoenixPush;
  /** Runtime method (private in phoenix's docs): stops the push timeout timer so it cannot hold the event loop. */
  cancelTimeout(): void;
}

export type PhoenixChannelState = 'closed' | 'errored' | 'joined' | 'joining' | 'leaving';

export interface PhoenixChannel {
  readonly topic: string;
  readonly state: PhoenixChannelState;
  join(timeout?: number): PhoenixPush;
  leave(timeout?: number): PhoenixPush;
  push(event: string, payload: PhoenixPayload, timeout?: number): PhoenixPush;
  on(event: string, callback: (payload: unknown, ref: string | null, joinRef: string | null) => void): number;
  off(event: string, ref?: number): void;
  onClose(callback: (reason: unknown) => void): number;
  onError(callback: (reason: unknown) => void): number;
  joinRef(): string | null;
  isJoined(): boolean;
}

/** The WebSocket surface phoenix drives (reference §3.1): constructor, event setters, send/close, state. */
export interface PhoenixTransport {
  binaryType: string;
  timeout: number;
  readonly readyState: number;
  readonly bufferedAmount: number;
  onopen: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null;
  send(data: string | ArrayBuffer): void;
  close(code?: number, reason?: string): void;
}

export type PhoenixTransportConstructor = new (url: string, protocols?: string[]) => PhoenixTransport;

export interface PhoenixSocketOptions {
  transport: PhoenixTransportConstructor;
  /** Phoenix ≥ 1.8.9 calls this on every connect to build the `base64url.bearer.phx.` subprotocol. */
  authToken: () => string;
  heartbeatIntervalMs: number;
  timeout: number;
  reconnectAfterMs: (tries: number) => number;
  rejoinAfterMs: (tries: number) => number;
  logger?: (kind: string, message: string, data: unknown) => void;
  vsn: '2.0.0';
}

export interface PhoenixSocket {
  connect(): void;
  disconnect(callback?: () => void, code?: number, reason?: string): void;
  isConnected(): boolean;
  channel(topic: string, params: () => Record<string, unknown>): PhoenixChannel;
  onOpen(callback: () => void): string;
  onClose(callback: (event: { code: number; reason: string }) => void): string;
  onError(callback: (error: unknown) => void): string;
  off(refs: string[]): void;
  ping(callback: (rttMs: number) => void): boolean;
  /**
   * Runtime method (phoenix's channels push through it): sends one message as is, or buffers it until the socket is
   * open. A push with an empty `ref` is a message the server does not answer (see `MaxChannel.send`).
   */
  push(data: { topic: string; event: string; payload: PhoenixPayload; ref: string; join_ref: string | null }): void;
}
