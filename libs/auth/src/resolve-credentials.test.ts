import { describe, expect, it, vi } from 'vitest';
import { API, fakeKeytar, session, tempDir, tokenResponse, unreachableKeytar } from '../test/helpers.js';
import { writeConfig } from './config-file.js';
import { createFileCredentialStore } from './file-store.js';
import type { KeychainLoader } from './keychain-store.js';
import { resolveCredentials } from './resolve-credentials.js';

const REMOTE = 'https://max.example.com';

describe('resolveCredentials: API URL', () => {
  it.each([
    ['flag beats everything', { apiUrl: 'http://Flag:1/' }, { RIG_API_URL: 'http://env:2' }, 'http://flag:1', 'flag'],
    ['profile beats env and config', { profile: 'prod' }, { RIG_API_URL: 'http://env:2' }, REMOTE, 'profile'],
    ['env beats config', {}, { RIG_API_URL: 'http://env:2/' }, 'http://env:2', 'env'],
    ['config current URL', {}, {}, 'http://config:3', 'config'],
    ['empty env falls through', {}, { RIG_API_URL: '  ' }, 'http://config:3', 'config'],
  ] as const)('%s', async (_name, opts, env, apiUrl, source) => {
    const configDir = await tempDir();
    await writeConfig(configDir, { currentApiUrl: 'http://config:3', profiles: { prod: { apiUrl: REMOTE } } });
    const resolved = await resolveCredentials({ ...opts, env: { ...env, RIG_CREDENTIAL_STORE: 'file' }, configDir });
    expect(resolved).toMatchObject({ apiUrl, source });
  });

  it('defaults to a local max at http://127.0.0.1:4000', async () => {
    const resolved = await resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'file' }, configDir: await tempDir() });
    expect(resolved).toMatchObject({ apiUrl: API, source: 'default', credential: { source: 'none' } });
    expect(resolved.tokenProvider).toBeUndefined();
  });

  it('rejects an invalid URL, an unknown profile and a bad RIG_CREDENTIAL_STORE with typed errors', async () => {
    const configDir = await tempDir();
    await expect(resolveCredentials({ env: { RIG_API_URL: 'ftp://x' }, configDir })).rejects.toMatchObject({ code: 'invalid_api_url' });
    await expect(resolveCredentials({ profile: 'nope', env: {}, configDir })).rejects.toMatchObject({ code: 'invalid_config' });
    await expect(resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'vault' }, configDir })).rejects.toMatchObject({
      code: 'invalid_credential_store',
    });
  });

  it('finds the credential of the selected API URL only (local and remote coexist)', async () => {
    const configDir = await tempDir();
    const file = createFileCredentialStore({ configDir });
    await file.set(API, session());
    await file.set(REMOTE, session({ apiUrl: REMOTE, accessToken: 'mxa_remote' }));
    const env = { RIG_CREDENTIAL_STORE: 'file' };
    const local = await resolveCredentials({ env, configDir });
    const remote = await resolveCredentials({ apiUrl: `${REMOTE}/`, env, configDir });
    expect(await local.tokenProvider?.({ forceRefresh: false })).toBe('mxa_old');
    expect(await remote.tokenProvider?.({ forceRefresh: false })).toBe('mxa_remote');
  });
});

describe('resolveCredentials: token', () => {
  it('uses RIG_TOKEN as-is without touching any store or loading the keychain module', async () => {
    const configDir = await tempDir();
    await createFileCredentialStore({ configDir }).set(API, session());
    const loader = vi.fn<KeychainLoader>(async () => fakeKeytar());
    const resolved = await resolveCredentials({ env: { RIG_TOKEN: ' mxp_env \n' }, configDir, keychainLoader: loader });
    expect(resolved.credential).toEqual({ source: 'env' });
    expect(await resolved.tokenProvider?.({ forceRefresh: false })).toBe('mxp_env');
    // Never refreshed: an expired env token is an authentication error, not a refresh.
    await expect(resolved.tokenProvider?.({ forceRefresh: true, rejectedToken: 'mxp_env' })).rejects.toMatchObject({
      code: 'not_authenticated',
      message: expect.not.stringContaining('mxp_env'),
    });
    expect(loader).not.toHaveBeenCalled();
  });

  it('prefers the keychain over the file', async () => {
    const configDir = await tempDir();
    await createFileCredentialStore({ configDir }).set(API, session({ accessToken: 'mxa_file' }));
    const keytar = fakeKeytar();
    await keytar.setPassword('rig', API, JSON.stringify(session({ accessToken: 'mxa_keychain' })));
    const resolved = await resolveCredentials({ env: {}, configDir, keychainLoader: async () => keytar });
    expect(resolved.credential).toMatchObject({ source: 'keychain', record: { accessToken: 'mxa_keychain' } });
    expect(resolved.credential.fallbackReason).toBeUndefined();
  });

  it('falls back to the file with a reason when the keychain is unusable (auto)', async () => {
    const configDir = await tempDir();
    await createFileCredentialStore({ configDir }).set(API, session({ accessToken: 'mxa_file' }));
    const resolved = await resolveCredentials({
      env: { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' },
      configDir,
      keychainLoader: async () => unreachableKeytar('Collection is locked'),
    });
    expect(resolved.credential).toMatchObject({ source: 'file', record: { accessToken: 'mxa_file' }, fallbackReason: 'keyring locked' });
  });

  it('falls back to the file when a keychain read fails or hangs', async () => {
    const configDir = await tempDir();
    await createFileCredentialStore({ configDir }).set(API, session({ accessToken: 'mxa_file' }));
    const resolved = await resolveCredentials({
      env: {},
      configDir,
      keychainTimeoutMs: 30,
      keychainLoader: async () => ({ ...fakeKeytar(), getPassword: () => new Promise(() => undefined) }),
    });
    expect(resolved.credential).toMatchObject({ source: 'file', fallbackReason: expect.stringContaining('did not answer') });
  });

  it('RIG_CREDENTIAL_STORE=file never loads the keychain; =keychain never reads the file', async () => {
    const configDir = await tempDir();
    await createFileCredentialStore({ configDir }).set(API, session({ accessToken: 'mxa_file' }));
    const loader = vi.fn<KeychainLoader>(async () => fakeKeytar());
    const file = await resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'file' }, configDir, keychainLoader: loader });
    expect(file.credential.source).toBe('file');
    expect(loader).not.toHaveBeenCalled();
    const keychain = await resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'KEYCHAIN' }, configDir, keychainLoader: loader });
    expect(keychain.credential.source).toBe('none');
    await expect(
      resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'keychain' }, configDir, keychainLoader: async () => Promise.reject(new Error('no binding')) }),
    ).rejects.toMatchObject({ code: 'credential_store_unavailable' });
  });

  it('reports the file notice and gives a provider that refreshes through the given auth API', async () => {
    const configDir = await tempDir();
    const file = createFileCredentialStore({ configDir });
    await file.set(API, session({}, -60_000));
    const refresh = vi.fn(async () => tokenResponse(1));
    const resolved = await resolveCredentials({ env: { RIG_CREDENTIAL_STORE: 'file' }, configDir, authApi: () => ({ refresh }) });
    expect(await resolved.tokenProvider?.({ forceRefresh: false })).toBe('mxa_new1');
    expect((await file.get(API))?.refreshToken).toBe('mxr_new1');
  });
});
