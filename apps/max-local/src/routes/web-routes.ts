import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../auth/secrets.js';
import { normalizeUserCode } from '../auth/user-code.js';
import { BROWSER_SESSION_TTL_MS, type BrowserSession } from '../services/browser-sessions.js';
import { LOGIN_SECURITY_HEADERS, PAGE_SECURITY_HEADERS } from '../web/html.js';
import {
  confirmPage,
  enterCodePage,
  forbiddenPage,
  invalidLoginLinkPage,
  resultPage,
  signInRequiredPage,
} from '../web/device-pages.js';
import type { RouteDeps } from './deps.js';

export const SESSION_COOKIE = 'max_session';

/** Reads one cookie from the Cookie header (RFC 6265 syntax; values are our own base64url). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Only same-origin absolute paths are acceptable redirect targets (no `//evil`, no `/\evil`). */
export function safeNextPath(next: unknown): string {
  // eslint-disable-next-line no-control-regex -- control characters (header/CRLF injection) are what we reject
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || /[\\\u0000-\u001f]/.test(next)) {
    return '/device';
  }
  return next;
}

function sendPage(
  reply: FastifyReply,
  status: number,
  body: string,
  headers: Readonly<Record<string, string>> = PAGE_SECURITY_HEADERS,
): FastifyReply {
  return reply.code(status).headers(headers).type('text/html; charset=utf-8').send(body);
}

const queryString = (request: FastifyRequest, name: string): string | undefined => {
  const value = (request.query as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
};

/**
 * The browser side of the device flow: the one-time admin login link and the approval page.
 * Form posts are CSRF-protected three ways: SameSite=Strict session cookie, a per-session
 * synchroniser token, and an Origin check.
 */
export function webRoutes({ platform }: RouteDeps) {
  return async function register(app: FastifyInstance): Promise<void> {
    // Form bodies are accepted only inside this plugin; the JSON API never parses them.
    await app.register(formbody, { bodyLimit: 4096 });

    const session = (request: FastifyRequest): BrowserSession | undefined =>
      platform.browserSessions.find(readCookie(request.headers.cookie, SESSION_COOKIE));

    app.get('/login', async (request, reply) => {
      const next = safeNextPath(queryString(request, 'next'));
      const token = queryString(request, 'token');
      const redeemed = token && token.length <= 256 ? platform.browserSessions.redeemLoginLink(token) : null;
      if (!redeemed) {
        // Someone clicking the link twice is already signed in: just continue.
        if (session(request)) return reply.headers(LOGIN_SECURITY_HEADERS).redirect(next, 303);
        return sendPage(reply, 401, invalidLoginLinkPage(), LOGIN_SECURITY_HEADERS);
      }
      const cookie = [
        `${SESSION_COOKIE}=${redeemed.sessionId}`,
        'Path=/',
        'HttpOnly',
        'SameSite=Strict',
        `Max-Age=${Math.floor(BROWSER_SESSION_TTL_MS / 1000)}`,
      ].join('; ');
      return reply.headers(LOGIN_SECURITY_HEADERS).header('set-cookie', cookie).redirect(next, 303);
    });

    app.get('/device', async (request, reply) => {
      const current = session(request);
      if (!current) return sendPage(reply, 401, signInRequiredPage());
      const typed = queryString(request, 'user_code');
      if (typed === undefined || typed.trim() === '') return sendPage(reply, 200, enterCodePage());
      const userCode = normalizeUserCode(typed.slice(0, 32));
      if (!userCode) {
        return sendPage(reply, 400, enterCodePage('That is not a valid code. Check the code in your terminal.', typed.slice(0, 12)));
      }
      const pending = platform.deviceFlow.findPending(userCode);
      if (!pending) {
        return sendPage(reply, 404, enterCodePage('This code is unknown, already used, or expired. Start the login again.', userCode));
      }
      return sendPage(reply, 200, confirmPage(pending, current.csrfToken, current.user.email));
    });

    app.post('/device', async (request, reply) => {
      const current = session(request);
      if (!current) return sendPage(reply, 401, signInRequiredPage());
      const origin = request.headers.origin;
      if (origin !== undefined && origin !== `http://${request.headers.host ?? ''}`) {
        return sendPage(reply, 403, forbiddenPage('Cross-site request rejected.'));
      }
      const form = (request.body ?? {}) as Record<string, unknown>;
      const csrf = typeof form['csrf_token'] === 'string' ? form['csrf_token'] : '';
      if (!safeEqual(csrf, current.csrfToken)) {
        return sendPage(reply, 403, forbiddenPage('The form expired or was not sent by this page. Go back, reload and try again.'));
      }
      const decision = form['decision'];
      const userCode = typeof form['user_code'] === 'string' ? normalizeUserCode(form['user_code']) : null;
      if ((decision !== 'approve' && decision !== 'deny') || !userCode) {
        return sendPage(reply, 400, enterCodePage('The form was incomplete. Enter the code again.'));
      }
      const decided = platform.deviceFlow.decide(userCode, current.user, decision === 'approve');
      if (!decided) {
        return sendPage(reply, 404, enterCodePage('This code is unknown, already used, or expired. Start the login again.'));
      }
      return sendPage(reply, 200, resultPage(decision === 'approve'));
    });
  };
}
