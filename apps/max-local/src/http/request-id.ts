import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';

/** An incoming id is honoured only when it is short and harmless (it ends up in logs and headers). */
const WELL_FORMED = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestIdFor(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  if (typeof incoming === 'string' && WELL_FORMED.test(incoming)) return incoming;
  return `req_${randomBytes(12).toString('base64url')}`;
}
