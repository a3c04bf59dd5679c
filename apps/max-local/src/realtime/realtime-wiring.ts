import { toWireEvent as toRestEvent } from '../routes/wire.js';
import type { EventRecord, RealtimeCredential, RealtimeDeps } from './realtime-deps.js';

/**
 * The adapter between max-local's services and the realtime endpoint. Typed structurally (only what is
 * used), so the endpoint does not depend on the services' internals.
 */
export interface RealtimeServices {
  tokens: {
    /** Throws (401 ApiError) for a missing, bad, revoked or expired token. */
    authenticate(token: string): {
      user: { id: string };
      expiresAt: number | null;
      kind: RealtimeCredential['kind'];
      credentialId: string;
      scope: string;
      network: string | null;
    };
    /** Revocations committed by this process (TokenService.onRevoked). */
    onRevoked(listener: (credentials: readonly RealtimeCredential[]) => void): () => void;
  };
  eventLog: {
    listAfter(userId: string, afterSeq: number, limit: number): StoredEvent[];
    subscribe(listener: (event: StoredEvent) => void): () => void;
    latestSeq(userId: string): number;
    /** Only for logs with retention; max-local's EventLog never prunes. */
    earliestSeq?(userId: string): number;
  };
}

/** max-local's stored event shape (`EventLog`'s `EventRecord`: epoch-ms `createdAt`, owner `userId`). */
export interface StoredEvent {
  id: string;
  userId: string;
  seq: number;
  action: string;
  actor: EventRecord['actor'];
  target: EventRecord['target'];
  details: Record<string, unknown>;
  createdAt: number;
}

/** The REST `Event` shape (GET /api/v1/events), so the channel and the REST API can never disagree. */
export function toWireEvent(event: StoredEvent): EventRecord {
  return toRestEvent(event);
}

/**
 * Builds {@link RealtimeDeps} from max-local's TokenService and EventLog.
 *
 * @example
 * const realtime = attachRealtime(app.server, realtimeDepsFromServices({ tokens, eventLog }), { logger: app.log });
 */
export function realtimeDepsFromServices(
  services: RealtimeServices,
  extra: Pick<RealtimeDeps, 'topicNetwork'> = {},
): RealtimeDeps {
  const { tokens, eventLog } = services;
  const earliestSeq = eventLog.earliestSeq?.bind(eventLog);
  return {
    async authenticate(token) {
      try {
        const principal = tokens.authenticate(token);
        return {
          userId: principal.user.id,
          expiresAt: principal.expiresAt === null ? null : new Date(principal.expiresAt),
          credential: { kind: principal.kind, id: principal.credentialId },
          scope: principal.scope,
          network: principal.network,
        };
      } catch {
        // Any authentication failure is the same answer at the upgrade: 403, no socket.
        return null;
      }
    },
    events: {
      listAfter: (userId, afterSeq, limit) => eventLog.listAfter(userId, afterSeq, limit).map(toWireEvent),
      subscribe: (listener) => eventLog.subscribe((event) => listener(event.userId, toWireEvent(event))),
      latestSeq: (userId) => eventLog.latestSeq(userId),
      ...(earliestSeq ? { earliestSeq } : {}),
    },
    onCredentialRevoked: (listener) => tokens.onRevoked(listener),
    ...extra,
  };
}
