import { chmod, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API, session, tempDir } from '../test/helpers.js';
import { createFileCredentialStore } from './file-store.js';

describe('file credential store', () => {
  it('stores records keyed by normalised API URL in a 0600 file inside a 0700 dir', async () => {
    const configDir = join(await tempDir(), 'rig');
    const store = createFileCredentialStore({ configDir });
    expect(await store.get(API)).toBeNull();
    await store.set('HTTP://127.0.0.1:4000/', session());
    await store.set('https://max.example.com', session({ apiUrl: 'https://max.example.com', accessToken: 'mxa_remote' }));

    expect(await store.get(API)).toEqual(session({ expiresAt: (await store.get(API))?.expiresAt }));
    expect((await store.get('https://max.example.com/'))?.accessToken).toBe('mxa_remote');
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect((await stat(configDir)).mode & 0o777).toBe(0o700);
    const onDisk = JSON.parse(await readFile(store.path, 'utf8'));
    expect(Object.keys(onDisk.credentials).sort()).toEqual([API, 'https://max.example.com']);
    expect((await store.list?.())?.length).toBe(2);
  });

  it('leaves no temp or lock files behind', async () => {
    const configDir = await tempDir();
    const store = createFileCredentialStore({ configDir });
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.set(`http://host${n}:4000`, session({ accessToken: `mxa_${n}` }))));
    expect(await readdir(configDir)).toEqual(['credentials.json']);
    // Concurrent writers were serialised: no update was lost.
    expect((await store.list?.())?.map((r) => r.accessToken).sort()).toEqual(['mxa_1', 'mxa_2', 'mxa_3', 'mxa_4', 'mxa_5']);
  });

  it('deletes one record and keeps the others', async () => {
    const store = createFileCredentialStore({ configDir: await tempDir() });
    await store.set(API, session());
    await store.set('http://other:1', session({ accessToken: 'mxa_other' }));
    expect(await store.delete(`${API}/`)).toBe(true);
    expect(await store.delete(API)).toBe(false);
    expect(await store.get(API)).toBeNull();
    expect((await store.get('http://other:1'))?.accessToken).toBe('mxa_other');
  });

  it('reports a corrupt file clearly, without quoting its content', async () => {
    const configDir = await tempDir();
    const store = createFileCredentialStore({ configDir });
    await writeFile(join(configDir, 'credentials.json'), '{"credentials": {"x": "mxr_secretvalue', { mode: 0o600 });
    const error = await store.get(API).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'credential_store_corrupt', store: 'file', hint: expect.stringContaining('rig login') });
    expect(String((error as Error).message)).not.toContain('secretvalue');
    expect(JSON.stringify(error)).not.toContain('secretvalue');
    await expect(store.set(API, session())).rejects.toMatchObject({ code: 'credential_store_corrupt' });

    await writeFile(join(configDir, 'credentials.json'), '[1,2]');
    await expect(store.get(API)).rejects.toMatchObject({ code: 'credential_store_corrupt' });
  });

  it('tightens loose permissions on read and says so', async () => {
    const configDir = await tempDir();
    const store = createFileCredentialStore({ configDir });
    await store.set(API, session());
    await chmod(store.path, 0o644);
    expect((await store.get(API))?.accessToken).toBe('mxa_old');
    expect((await stat(store.path)).mode & 0o777).toBe(0o600);
    expect(store.notices).toEqual([expect.stringMatching(/mode 0644\); its mode is now 0600/)]);
    await store.get(API);
    expect(store.notices).toHaveLength(1);
  });

  it('ignores entries that are not valid records', async () => {
    const configDir = await tempDir();
    await writeFile(join(configDir, 'credentials.json'), JSON.stringify({ version: 1, credentials: { [API]: { apiUrl: API } } }), { mode: 0o600 });
    expect(await createFileCredentialStore({ configDir }).get(API)).toBeNull();
  });
});
