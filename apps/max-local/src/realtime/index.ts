export { attachRealtime, type Realtime, type RealtimeOptions } from './attach-realtime.js';
export type {
  RealtimeCredential,
  RealtimeDeps,
  RealtimeEventSource,
  RealtimeIdentity,
  EventRecord,
  // max-local's index also exports the EventLog's own `EventRecord`; this alias names the wire one unambiguously.
  EventRecord as RealtimeEventRecord,
} from './realtime-deps.js';
export {
  joinError,
  unauthorized,
  type ChannelContext,
  type ChannelEndReason,
  type ChannelHandler,
  type ChannelReply,
  type JoinResult,
  type JsonObject,
  type TopicFamily,
} from './channel.js';
export { prefixMatcher } from './topic-router.js';
export { CloseCode, CloseReason, type RealtimeLogger } from './socket-session.js';
export { realtimeDepsFromServices, type RealtimeServices } from './realtime-wiring.js';
