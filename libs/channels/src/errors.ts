/**
 * Errors of @max/rig-channels. One base class with a stable `code`, so callers (the SDK, the CLI) can map
 * them without string matching.
 */
export class ChannelError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The server refused the join (`unauthorized`, `unmatched topic`, …). Not retried: retrying cannot help. */
export class ChannelJoinError extends ChannelError {
  readonly topic: string;
  readonly reason: string;
  readonly response: Record<string, unknown>;

  constructor(topic: string, response: unknown) {
    const body = isRecord(response) ? response : {};
    const reason = typeof body['reason'] === 'string' ? body['reason'] : 'join refused';
    super('channel_join_refused', `joining ${topic} was refused: ${reason}`);
    this.topic = topic;
    this.reason = reason;
    this.response = body;
  }
}

/** A push was answered with a non-ok status. */
export class ChannelReplyError extends ChannelError {
  readonly status: string;
  readonly response: unknown;

  constructor(event: string, status: string, response: unknown) {
    super('channel_reply_error', `push "${event}" was answered with status "${status}"`);
    this.status = status;
    this.response = response;
  }
}

/** No reply in time. The server may or may not have processed the push. */
export class ChannelTimeoutError extends ChannelError {
  constructor(event: string, timeoutMs: number) {
    super('channel_timeout', `push "${event}" got no reply within ${timeoutMs} ms; its outcome is unknown`);
  }
}

/** Too many pushes are waiting for a connection. */
export class PushBufferFullError extends ChannelError {
  readonly limit: number;

  constructor(limit: number) {
    super(
      'push_buffer_full',
      `${limit} pushes are already waiting for the connection to come back; not buffering more (raise pushBufferLimit or wait for the socket to reopen)`,
    );
    this.limit = limit;
  }
}

/** The socket or channel was closed before the operation could complete. */
export class ChannelClosedError extends ChannelError {
  constructor(message = 'the channel is closed') {
    super('channel_closed', message);
  }
}

/** A server message did not match the schema the caller gave; the stream stops instead of skipping it. */
export class ChannelValidationError extends ChannelError {
  readonly topic: string;
  readonly event: string;

  constructor(topic: string, event: string, cause: unknown) {
    super('channel_invalid_message', `a "${event}" message on ${topic} does not match its schema`, { cause });
    this.topic = topic;
    this.event = event;
  }
}

/** The server kept refusing the socket's token (HTTP 403 at the upgrade) even after a forced refresh. */
export class SocketAuthError extends ChannelError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('socket_unauthorized', message, options);
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
