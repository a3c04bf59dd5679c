import { describe, expect, it, vi } from 'vitest';
import { API, fakeKeytar, memoryStore, session, tempDir, tokenResponse, unreachableKeytar } from '../test/helpers.js';
import { readConfig } from './config-file.js';
import { createFileCredentialStore } from './file-store.js';
import { loginWithDeviceFlow, loginWithToken, type LoginClient } from './login.js';
import type { DeviceAuthorization, Me } from './sdk-contract.js';

const authorization: DeviceAuthorization = {
  device_code: 'dev_1',
  user_code: 'ABCD-EFGH',
  verification_uri: `${API}/device`,
  verification_uri_complete: `${API}/device?code=ABCD-EFGH`,
  expires_in: 600,
  interval: 5,
};

const me: Me = {
  id: 'usr_1',
  email: 'ada@example.com',
  name: 'Ada',
  created_at: '2026-11-01T00:00:00Z',
  auth: { type: 'access_token', scope: 'admin', expires_at: null },
};

function fakeClient() {
  const order: string[] = [];
  const client = {
    auth: {
      requestDeviceCode: vi.fn(async (body: { scope?: string; client_name?: string } = {}) => {
        order.push(`code ${JSON.stringify(body)}`);
        return authorization;
      }),
      waitForDeviceToken: vi.fn(async (auth: DeviceAuthorization) => {
        order.push(`wait ${auth.device_code}`);
        return tokenResponse(1, 900);
      }),
      exchange: vi.fn(async (token: string) => {
        order.push(`exchange ${token}`);
        return { ...tokenResponse(2), scope: 'deploy' as const };
      }),
    },
  } satisfies LoginClient;
  const clientForToken = vi.fn((token: string) => ({
    me: {
      get: async () => {
        order.push(`me ${token}`);
        return me;
      },
    },
  }));
  return { client, clientForToken, order };
}

describe('loginWithDeviceFlow', () => {
  it('shows the code, waits, verifies with /me, stores the session and sets the current API URL', async () => {
    const configDir = await tempDir();
    const store = memoryStore('keychain');
    const { client, clientForToken, order } = fakeClient();
    const onCode = vi.fn();
    const now = Date.parse('2026-11-24T10:00:00Z');
    const result = await loginWithDeviceFlow({
      apiUrl: `${API}/`,
      client,
      clientForToken,
      store,
      configDir,
      onCode,
      scope: 'deploy',
      now: () => now,
    });
    expect(onCode).toHaveBeenCalledWith({
      user_code: 'ABCD-EFGH',
      verification_uri: authorization.verification_uri,
      verification_uri_complete: authorization.verification_uri_complete,
      expires_in: 600,
    });
    expect(order).toEqual(['code {"client_name":"rig","scope":"deploy"}', 'wait dev_1', 'me mxa_new1']);
    expect(store.data.get(API)).toEqual({
      apiUrl: API,
      kind: 'session',
      accessToken: 'mxa_new1',
      refreshToken: 'mxr_new1',
      expiresAt: '2026-11-24T10:15:00.000Z',
      user: { id: 'usr_1', email: 'ada@example.com' },
      scope: 'admin',
    });
    expect(result).toEqual({ apiUrl: API, user: { id: 'usr_1', email: 'ada@example.com', name: 'Ada' }, scope: 'admin', storeKind: 'keychain' });
    expect((await readConfig(configDir)).currentApiUrl).toBe(API);
  });

  it('stores nothing when the user does not approve', async () => {
    const configDir = await tempDir();
    const store = memoryStore();
    const { client, clientForToken } = fakeClient();
    client.auth.waitForDeviceToken.mockRejectedValueOnce(Object.assign(new Error('denied'), { code: 'access_denied' }));
    await expect(loginWithDeviceFlow({ apiUrl: API, client, clientForToken, store, configDir, onCode: () => undefined })).rejects.toThrow('denied');
    expect(store.data.size).toBe(0);
    expect(await readConfig(configDir)).toEqual({});
  });

  it('chooses the store by RIG_CREDENTIAL_STORE: auto falls back to the 0600 file with a reason', async () => {
    const configDir = await tempDir();
    const { client, clientForToken } = fakeClient();
    const result = await loginWithDeviceFlow({
      apiUrl: API,
      client,
      clientForToken,
      env: {},
      configDir,
      keychainLoader: async () => unreachableKeytar(),
      onCode: () => undefined,
    });
    expect(result.storeKind).toBe('file');
    if (process.platform === 'linux') expect(result.fallbackReason).toContain('no D-Bus session bus');
    expect((await createFileCredentialStore({ configDir }).get(API))?.accessToken).toBe('mxa_new1');
  });

  it('stores in a working keychain and removes an older plaintext copy from the file', async () => {
    const configDir = await tempDir();
    const file = createFileCredentialStore({ configDir });
    await file.set(API, session({ accessToken: 'mxa_plaintext' }));
    const keytar = fakeKeytar();
    const { client, clientForToken } = fakeClient();
    const result = await loginWithDeviceFlow({ apiUrl: API, client, clientForToken, env: {}, configDir, keychainLoader: async () => keytar, onCode: () => undefined });
    expect(result).toMatchObject({ storeKind: 'keychain' });
    expect(result.fallbackReason).toBeUndefined();
    expect(JSON.parse(keytar.entries.get(`rig\u0000${API}`) ?? '{}')).toMatchObject({ accessToken: 'mxa_new1' });
    expect(await file.get(API)).toBeNull();
  });
});

describe('loginWithToken', () => {
  it('exchanges the API token, verifies it and stores the session (not the API token)', async () => {
    const configDir = await tempDir();
    const store = memoryStore();
    const { client, clientForToken, order } = fakeClient();
    const result = await loginWithToken({ apiUrl: API, client, clientForToken, store, configDir, token: 'mxp_api' });
    expect(order).toEqual(['exchange mxp_api', 'me mxa_new2']);
    expect(store.data.get(API)).toMatchObject({ kind: 'session', accessToken: 'mxa_new2', refreshToken: 'mxr_new2', scope: 'deploy' });
    expect(JSON.stringify([...store.data.values()])).not.toContain('mxp_api');
    expect(result).toMatchObject({ scope: 'deploy', storeKind: 'file' });
  });
});
