import { describe, expect, it, vi } from 'vitest';
import { API, fakeKeytar, session, unreachableKeytar } from '../test/helpers.js';
import { createKeychainCredentialStore, describeKeychainFailure, type KeytarLike } from './keychain-store.js';

describe('keychain credential store (injected binding)', () => {
  it('loads the binding lazily, once, and round-trips records as JSON under service "rig"', async () => {
    const keytar = fakeKeytar();
    const loader = vi.fn(async () => keytar);
    const store = createKeychainCredentialStore({ loader });
    expect(loader).not.toHaveBeenCalled();
    await store.set(`${API}/`, session());
    expect(await store.get(API)).toEqual(session({ expiresAt: (await store.get(API))?.expiresAt }));
    expect([...keytar.entries.keys()]).toEqual([`rig\u0000${API}`]);
    expect(await store.list?.()).toHaveLength(1);
    expect(await store.delete(API)).toBe(true);
    expect(await store.get(API)).toBeNull();
    expect(loader).toHaveBeenCalledTimes(1);
  });

  it('time-boxes a call that never answers', async () => {
    const hanging: KeytarLike = { ...fakeKeytar(), getPassword: () => new Promise(() => undefined) };
    const store = createKeychainCredentialStore({ loader: async () => hanging, timeoutMs: 50 });
    const started = Date.now();
    await expect(store.get(API)).rejects.toMatchObject({
      code: 'credential_store_unavailable',
      store: 'keychain',
      message: expect.stringContaining('did not answer within 50 ms'),
      hint: expect.stringContaining('RIG_CREDENTIAL_STORE=file'),
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('time-boxes a module load that never finishes, and reports a failed load', async () => {
    const slow = createKeychainCredentialStore({ loader: () => new Promise(() => undefined), timeoutMs: 50 });
    await expect(slow.get(API)).rejects.toMatchObject({ code: 'credential_store_unavailable' });
    const broken = createKeychainCredentialStore({
      loader: async () => {
        throw new Error('Cannot find native binding');
      },
    });
    await expect(broken.probe()).resolves.toEqual({ available: false, reason: expect.stringContaining('keychain module unavailable') });
  });

  it('wraps binding errors and never leaks the stored value', async () => {
    const keytar: KeytarLike = {
      ...fakeKeytar(),
      setPassword: async (_s, _a, password) => {
        throw new Error(`boom ${password}`);
      },
    };
    const store = createKeychainCredentialStore({ loader: async () => keytar, env: { DBUS_SESSION_BUS_ADDRESS: 'unix:x' } });
    const error = await store.set(API, session({ accessToken: 'mxa_topsecret', refreshToken: 'mxr_topsecret' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'credential_store_unavailable' });
    expect((error as Error).message).not.toContain('topsecret');
  });

  it('probes with a write, a read and a delete, leaving nothing behind', async () => {
    const keytar = fakeKeytar();
    const store = createKeychainCredentialStore({ loader: async () => keytar });
    await expect(store.probe()).resolves.toEqual({ available: true });
    expect(keytar.entries.size).toBe(0);
  });

  it.each([
    [{}, "Couldn't access platform storage: AccessDenied", 'no D-Bus session bus'],
    [{ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, 'Collection is locked', 'keyring locked'],
    [{ DBUS_SESSION_BUS_ADDRESS: 'unix:path=/x' }, "Couldn't access platform storage: Secret Service: no result found", 'no unlocked Secret Service keyring'],
  ])('probe explains a failure (env %j, %s)', async (env, message, reason) => {
    const store = createKeychainCredentialStore({ loader: async () => unreachableKeytar(message), env });
    const probe = await store.probe();
    expect(probe.available).toBe(false);
    if (process.platform === 'linux') expect(probe).toMatchObject({ reason: expect.stringContaining(reason) });
  });

  it('rejects a keychain value that is not a rig credential', async () => {
    const keytar = fakeKeytar();
    await keytar.setPassword('rig', API, 'not json');
    const store = createKeychainCredentialStore({ loader: async () => keytar });
    await expect(store.get(API)).rejects.toMatchObject({ code: 'credential_store_corrupt' });
  });

  it('redacts tokens quoted in native messages', () => {
    expect(describeKeychainFailure(new Error('x mxa_abcdef'), { DBUS_SESSION_BUS_ADDRESS: 'y' })).toBe('keychain unavailable (x mxa_[redacted])');
  });
});
