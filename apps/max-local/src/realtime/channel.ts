import type { Payload } from './serializer.js';

/**
 * The server-side channel model. A topic family (e.g. `events:*`) owns a prefix of the topic space and
 * decides joins; a joined channel is a {@link ChannelHandler}. This mirrors Phoenix's `join/3`,
 * `handle_in/3` and `terminate/2`, with `afterJoin` standing in for the `send(self(), :after_join)` idiom
 * (the join reply always goes out before anything the channel pushes).
 */

/** A JSON object payload; replies and pushes must be objects (or bytes), never null or arrays. */
export type JsonObject = Record<string, unknown>;

/** What a handler may answer to a client event: `{status, response}` becomes a `phx_reply`. */
export interface ChannelReply {
  status: 'ok' | 'error' | (string & {});
  response?: JsonObject | Uint8Array;
}

/** The socket-side view a channel gets: how it talks to its client. */
export interface ChannelContext {
  readonly topic: string;
  /** The authenticated user of the socket. */
  readonly userId: string;
  /** The scope of the socket's credential (`read`, `deploy`, `admin`); undefined when the authenticator has none. */
  readonly scope: string | undefined;
  /** The only network the socket's credential may touch (OIDC-minted tokens), or null. */
  readonly network?: string | null;
  /** Aborted when this channel ends (leave, duplicate join, crash, socket closed). */
  readonly signal: AbortSignal;
  /**
   * Sends `[join_ref, null, topic, event, payload]`. Before the join reply is sent the push is queued, so it
   * can never overtake the reply. Returns false once the channel has ended (the push is dropped).
   */
  push(event: string, payload: JsonObject | Uint8Array): boolean;
  /**
   * A binary push of `parts` joined (`length` bytes), encoded into its frame in one copy; like `push` otherwise.
   * For byte streams, whose frames are slices of a buffer.
   */
  pushBytes(event: string, parts: readonly Uint8Array[], length: number): boolean;
  /** Ends the channel gracefully: the client gets `phx_close` and does not rejoin. */
  close(): void;
  /** Ends the channel as crashed: the client gets `phx_error` and rejoins. */
  crash(error: unknown): void;
  /** Resolves when the socket's outgoing buffer is below its high-water mark (back-pressure for replays). */
  drain(): Promise<void>;
}

export interface ChannelHandler {
  /** Runs after the join reply was sent; a throw or rejection crashes the channel. */
  afterJoin?(): void | Promise<void>;
  /** A client event on the joined topic. Return a reply to answer it, or nothing (`{:noreply, socket}`). */
  handleIn?(event: string, payload: Payload): ChannelReply | void | Promise<ChannelReply | void>;
  /** The channel ended, for whatever reason; release subscriptions here. Must not throw. */
  terminate?(reason: ChannelEndReason): void;
  /**
   * Client events handled at once instead of after the channel's pending work (e.g. a signal must not wait behind
   * a stdin write that blocks on a full pipe). Their order relative to other events is not kept.
   */
  readonly urgentEvents?: ReadonlySet<string>;
}

export type ChannelEndReason = 'left' | 'closed' | 'duplicate_join' | 'crashed' | 'socket_closed';

export type JoinResult =
  | { status: 'ok'; response?: JsonObject; handler: ChannelHandler }
  | { status: 'error'; response: JsonObject };

export interface TopicFamily {
  /** For logs and errors, e.g. `"events"`. */
  readonly name: string;
  /** Whether this family owns the topic. The first family that matches handles the join. */
  matches(topic: string): boolean;
  /**
   * Decides a join: checks that the socket's user owns the resource (`{reason: "unauthorized"}` otherwise),
   * validates the payload, and returns the handler. A throw answers `{reason: "join crashed"}`.
   */
  join(payload: Payload, context: ChannelContext): JoinResult | Promise<JoinResult>;
}

/**
 * A refused join. `response` is one of the documented join errors of the topic (`seqJoinErrorSchema` and friends
 * in @max/api-spec): `{reason, message, ...}`.
 */
export const joinError = <E extends { reason: string; message: string }>(response: E): JoinResult => ({
  status: 'error',
  response: { ...response },
});

/** The reply of a refused join: the credential may not join this topic (someone else's resource, or scope). */
export const unauthorized = (message = 'You may not join this topic.'): JoinResult =>
  joinError({ reason: 'unauthorized', message });
