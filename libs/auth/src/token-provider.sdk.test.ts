import { MaxClient } from '@max/rig-sdk';
import { describe, expect, it } from 'vitest';
import { API, memoryStore, session, tempDir, tokenResponse } from '../test/helpers.js';
import { createTokenProvider } from './token-provider.js';

/** A fake platform behind `fetch`: `/me` accepts only `valid`, the token endpoint rotates once. */
function platform(valid: { token: string }) {
  const seen: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const auth = request.headers.get('authorization') ?? '';
    seen.push(`${request.method} ${url.pathname} ${auth}`);
    const json = (status: number, body: unknown) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req_1' } });
    if (url.pathname === '/api/v1/auth/token') {
      valid.token = 'mxa_new1';
      return json(200, tokenResponse(1));
    }
    if (auth !== `Bearer ${valid.token}`) {
      return json(401, { error: { code: 'token_expired', message: 'The access token has expired', request_id: 'req_1' } });
    }
    return json(200, {
      id: 'usr_1',
      email: 'ada@example.com',
      name: 'Ada',
      created_at: '2026-11-01T00:00:00Z',
      auth: { type: 'access_token', scope: 'admin', expires_at: null },
    });
  };
  return { fetch, seen };
}

describe('token provider with the real SDK client', () => {
  it('refreshes once when the server says token_expired, and the request is retried with the new token', async () => {
    const store = memoryStore();
    store.data.set(API, session()); // Looks fresh locally; the server disagrees (e.g. clock skew, revoked early).
    const { fetch, seen } = platform({ token: 'mxa_server_only' });
    const tokenProvider = createTokenProvider({
      apiUrl: API,
      store,
      configDir: await tempDir(),
      authApi: new MaxClient({ apiUrl: API, fetch, retry: false }).auth,
    });
    const client = new MaxClient({ apiUrl: API, fetch, retry: false, token: tokenProvider });
    const me = await client.me.get();
    expect(me.email).toBe('ada@example.com');
    expect(seen).toEqual([
      'GET /api/v1/me Bearer mxa_old',
      'POST /api/v1/auth/token ',
      'GET /api/v1/me Bearer mxa_new1',
    ]);
    expect(store.data.get(API)).toMatchObject({ accessToken: 'mxa_new1', refreshToken: 'mxr_new1' });
  });
});
