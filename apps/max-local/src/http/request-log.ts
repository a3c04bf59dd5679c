import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One line per request: time, method, path WITHOUT the query string (login links and cursors live
 * there), status, duration and request id. Never headers, never bodies — they carry tokens.
 */
export function formatRequestLine(request: FastifyRequest, reply: FastifyReply): string {
  const path = request.url.split('?', 1)[0] ?? '';
  const ms = reply.elapsedTime.toFixed(1);
  return `${new Date().toISOString()} ${request.method} ${sanitize(path)} ${reply.statusCode} ${ms}ms ${request.id}\n`;
}

/** Paths are attacker-controlled: no control characters (log injection), bounded length. */
function sanitize(path: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 512 ? `${clean.slice(0, 512)}…` : clean;
}

/** Where log lines go (stderr in the CLI); null for silence. */
export type LogSink = { write(chunk: string): unknown } | null;
