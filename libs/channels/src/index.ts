export {
  MaxSocket,
  toSocketEndpoint,
  SLOW_CONSUMER_CLOSE_CODE,
  TOKEN_EXPIRED_CLOSE_CODE,
  type MaxSocketOptions,
} from './max-socket.js';
export { subscribeEvents, type SubscribeEventsOptions } from './events-stream.js';
export { MaxChannel, type ChannelPayload, type MaxChannelState } from './max-channel.js';
export type { GapPayload, SchemaLike, StreamItem, SubscribeOptions, Subscription } from './subscription.js';
export type { ConnectionState, ConnectionStatus } from './connection-state.js';
export type { BackoffOptions } from './backoff.js';
export type { TokenProvider } from './token-provider.js';
export type { WebSocketClass } from './ws-transport.js';
export {
  ChannelClosedError,
  ChannelError,
  ChannelJoinError,
  ChannelReplyError,
  ChannelTimeoutError,
  ChannelValidationError,
  PushBufferFullError,
  SocketAuthError,
} from './errors.js';
