import { describe, expect, it, vi } from 'vitest';
import { MaxConnectionError } from '@max/rig-sdk';
import { API, authError, connectionError, memoryStore, session, tempDir, tokenResponse } from '../test/helpers.js';
import { createTokenProvider } from './token-provider.js';

function setup(record = session(), clock = { now: Date.now() }) {
  const store = memoryStore();
  store.data.set(API, record);
  let n = 0;
  const refresh = vi.fn(async (refreshToken: string) => {
    await new Promise((r) => setTimeout(r, 20));
    const current = store.data.get(API);
    if (current?.refreshToken !== refreshToken) throw authError('refresh token reused');
    n += 1;
    return tokenResponse(n);
  });
  return { store, refresh, clock };
}

describe('createTokenProvider', () => {
  it('returns the stored access token while it is fresh, without refreshing', async () => {
    const { store, refresh } = setup();
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    expect(await provider({ forceRefresh: false })).toBe('mxa_old');
    expect(await provider({ forceRefresh: false })).toBe('mxa_old');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('refreshes an expired token once, stores the rotated pair, and reuses it', async () => {
    const { store, refresh } = setup(session({}, -1000));
    const now = Date.now();
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh }, now: () => now });
    expect(await provider({ forceRefresh: false })).toBe('mxa_new1');
    expect(await provider({ forceRefresh: false })).toBe('mxa_new1');
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(refresh).toHaveBeenCalledWith('mxr_old');
    expect(store.data.get(API)).toMatchObject({
      accessToken: 'mxa_new1',
      refreshToken: 'mxr_new1',
      expiresAt: new Date(now + 3_600_000).toISOString(),
      user: { id: 'usr_1', email: 'ada@example.com' },
    });
  });

  it('treats a token within the 30 s skew as expired', async () => {
    const { store, refresh } = setup(session({}, 20_000));
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    expect(await provider({ forceRefresh: false })).toBe('mxa_new1');
  });

  it('coalesces concurrent refreshes in one process into one', async () => {
    const { store, refresh } = setup(session({}, -1000));
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    const tokens = await Promise.all(Array.from({ length: 8 }, () => provider({ forceRefresh: false })));
    expect(new Set(tokens)).toEqual(new Set(['mxa_new1']));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('refreshes on forceRefresh, and not again for a token that was already replaced', async () => {
    const { store, refresh } = setup();
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    const [a, b] = await Promise.all([
      provider({ forceRefresh: true, rejectedToken: 'mxa_old' }),
      provider({ forceRefresh: true, rejectedToken: 'mxa_old' }),
    ]);
    expect([a, b]).toEqual(['mxa_new1', 'mxa_new1']);
    // A late caller still holding the old rejected token gets the replacement.
    expect(await provider({ forceRefresh: true, rejectedToken: 'mxa_old' })).toBe('mxa_new1');
    expect(refresh).toHaveBeenCalledTimes(1);
    // The replacement itself rejected: refresh again.
    expect(await provider({ forceRefresh: true, rejectedToken: 'mxa_new1' })).toBe('mxa_new2');
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('uses a token another process stored instead of refreshing again', async () => {
    const { store, refresh } = setup(session({}, -1000));
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh }, record: session({}, -1000) });
    store.data.set(API, session({ accessToken: 'mxa_other', refreshToken: 'mxr_other' }));
    expect(await provider({ forceRefresh: false })).toBe('mxa_other');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('turns a rejected refresh into not_authenticated and deletes the stale credential', async () => {
    const store = memoryStore();
    store.data.set(API, session({}, -1000));
    const refresh = vi.fn(async () => {
      throw authError();
    });
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    const error = await provider({ forceRefresh: false }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'not_authenticated', apiUrl: API, hint: expect.stringContaining('rig login') });
    expect((error as Error).message).not.toMatch(/mx[ar]_/);
    expect(store.data.has(API)).toBe(false);
    await expect(provider({ forceRefresh: false })).rejects.toMatchObject({ code: 'not_authenticated' });
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('keeps the credential when the refresh fails for another reason (platform unreachable)', async () => {
    const store = memoryStore();
    store.data.set(API, session({}, -1000));
    const refresh = vi.fn(async () => {
      throw connectionError();
    });
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    await expect(provider({ forceRefresh: false })).rejects.toBeInstanceOf(MaxConnectionError);
    expect(store.data.has(API)).toBe(true);
    // Nothing stays "in flight": the next call tries again.
    await expect(provider({ forceRefresh: false })).rejects.toBeInstanceOf(MaxConnectionError);
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('is not_authenticated without a stored credential, and never refreshes an API token', async () => {
    const store = memoryStore();
    const refresh = vi.fn();
    const provider = createTokenProvider({ apiUrl: API, store, configDir: await tempDir(), authApi: { refresh } });
    await expect(provider({ forceRefresh: false })).rejects.toMatchObject({ code: 'not_authenticated' });
    store.data.set(API, { apiUrl: API, kind: 'api_token', accessToken: 'mxp_x', scope: 'deploy' });
    expect(await provider({ forceRefresh: false })).toBe('mxp_x');
    await expect(provider({ forceRefresh: true, rejectedToken: 'mxp_x' })).rejects.toMatchObject({ code: 'not_authenticated' });
    expect(refresh).not.toHaveBeenCalled();
  });
});
