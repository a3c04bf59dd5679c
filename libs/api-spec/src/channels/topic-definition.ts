import type * as z from 'zod';

/**
 * Everything a client or server needs to speak one topic family: the schemas of the join payload, the join
 * reply and the join error, JSON events in both directions, and the names of events whose payload is raw bytes
 * (Phoenix binary frames: their payload is an ArrayBuffer, not JSON, so it has no schema here).
 */
export interface TopicDefinition {
  /** The family, for example `logs:app`. */
  readonly family: string;
  /** The topic string with placeholders, for documentation: `logs:app:<network>/<app>`. */
  readonly pattern: string;
  /** What the client sends in `phx_join` (validated by the server). */
  readonly joinPayload: z.ZodType;
  /** The `response` of a join reply with status `ok`. */
  readonly joinReply: z.ZodType;
  /** The `response` of a join reply with status `error`. */
  readonly joinError: z.ZodType;
  /** JSON events the server pushes, by event name. */
  readonly serverEvents: Readonly<Record<string, z.ZodType>>;
  /** JSON events the client may push, by event name (validated by the server; it replies `ok` or `error`). */
  readonly clientEvents: Readonly<Record<string, z.ZodType>>;
  /** Events the server pushes as binary frames. */
  readonly binaryServerEvents: readonly string[];
  /** Events the client pushes as binary frames. */
  readonly binaryClientEvents: readonly string[];
}

/** Declares a topic family; the identity function keeps the literal types of its schemas. */
export function defineTopic<const T extends TopicDefinition>(definition: T): T {
  return definition;
}
