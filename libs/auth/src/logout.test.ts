import { describe, expect, it, vi } from 'vitest';
import { API, connectionError, fakeKeytar, memoryStore, session, tempDir } from '../test/helpers.js';
import { createFileCredentialStore } from './file-store.js';
import { logout } from './logout.js';

describe('logout', () => {
  it('revokes the refresh and access tokens on the server, then deletes locally', async () => {
    const store = memoryStore();
    store.data.set(API, session());
    const order: string[] = [];
    const origDelete = store.delete.bind(store);
    store.delete = async (apiUrl) => {
      order.push('delete');
      return origDelete(apiUrl);
    };
    const revoke = vi.fn(async (token: string) => {
      order.push(`revoke ${token}`);
    });
    const result = await logout({ apiUrl: `${API}/`, client: { auth: { revoke } }, stores: [store] });
    expect(order).toEqual(['revoke mxr_old', 'revoke mxa_old', 'delete']);
    expect(result).toEqual({ apiUrl: API, wasLoggedIn: true, revoked: true, removedFrom: ['file'] });
    expect(store.data.size).toBe(0);
  });

  it('still deletes locally when the platform is unreachable, and says so', async () => {
    const store = memoryStore();
    store.data.set(API, session());
    const revoke = vi.fn(async () => {
      throw connectionError();
    });
    const result = await logout({ apiUrl: API, client: { auth: { revoke } }, store });
    expect(result).toEqual({ apiUrl: API, wasLoggedIn: true, revoked: false, reason: `Could not connect to ${API}`, removedFrom: ['file'] });
    expect(store.data.size).toBe(0);
  });

  it('removes copies from every allowed store by default (keychain and file)', async () => {
    const configDir = await tempDir();
    const file = createFileCredentialStore({ configDir });
    await file.set(API, session({ accessToken: 'mxa_file', refreshToken: 'mxr_file' }));
    const keytar = fakeKeytar();
    await keytar.setPassword('rig', API, JSON.stringify(session()));
    const revoke = vi.fn(async (_token: string) => undefined);
    const result = await logout({ apiUrl: API, client: { auth: { revoke } }, env: {}, configDir, keychainLoader: async () => keytar });
    expect(result.removedFrom).toEqual(['keychain', 'file']);
    expect(revoke.mock.calls.map((c) => c[0])).toEqual(['mxr_old', 'mxa_old', 'mxr_file', 'mxa_file']);
    expect(keytar.entries.size).toBe(0);
    expect(await file.get(API)).toBeNull();
  });

  it('does nothing on the server when not logged in', async () => {
    const revoke = vi.fn();
    const result = await logout({ apiUrl: API, client: { auth: { revoke } }, stores: [memoryStore()] });
    expect(result).toEqual({ apiUrl: API, wasLoggedIn: false, revoked: false, removedFrom: [] });
    expect(revoke).not.toHaveBeenCalled();
  });
});
