import type { ChannelsModule } from './open-socket.js';
import {
  MaxApiError,
  MaxAuthenticationError,
  MaxConnectionError,
  MaxNotFoundError,
  MaxPermissionError,
  MaxValidationError,
} from '../errors/error-classes.js';
import { isMaxError, type MaxError } from '../errors/max-error.js';

/**
 * Turns a failure of the channels layer into the SDK's error classes, so callers handle realtime and REST
 * failures alike (and the CLI maps them to the same exit codes). `details.reason` keeps the channel's reason.
 *
 * @internal
 */
export function toMaxError(channels: ChannelsModule, error: unknown, topic: string): MaxError {
  if (isMaxError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof channels.ChannelJoinError) {
    const details = { reason: error.reason, topic, ...error.response };
    switch (error.reason) {
      case 'unauthorized':
        return new MaxPermissionError({ code: 'forbidden', message, details, cause: error });
      case 'not_found':
        return new MaxNotFoundError({ code: 'not_found', message, details, cause: error });
      case 'invalid_payload':
      case 'cursor_ahead':
        return new MaxValidationError({ code: error.reason, message, details, cause: error });
      default:
        return new MaxApiError({ code: 'channel_join_refused', message, details, cause: error });
    }
  }
  if (error instanceof channels.SocketAuthError) {
    return new MaxAuthenticationError({ code: 'unauthenticated', message, details: { topic }, cause: error });
  }
  if (error instanceof channels.ChannelValidationError) {
    return new MaxApiError({ code: 'malformed_response', message, details: { topic }, cause: error });
  }
  return new MaxConnectionError({ code: 'connection_failed', message: `Realtime stream ${topic} failed: ${message}`, cause: error });
}
