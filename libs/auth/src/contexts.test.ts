import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contextForApiUrl, defaultContextName, listContexts, recordContext, useContext } from './contexts.js';
import { resolveCredentials } from './resolve-credentials.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rig-contexts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('contexts', () => {
  it.each([
    ['http://127.0.0.1:4000', '127.0.0.1:4000'],
    ['https://max.example.com/', 'max.example.com'],
    ['https://example.com/max/v2', 'example.com-max-v2'],
    ['http://[::1]:4000', 'ipv6::1:4000'],
  ])('%s is named %s', (url, name) => expect(defaultContextName(url)).toBe(name));

  it('a login records its URL as a context and makes it current; a second URL keeps the first', async () => {
    expect(await listContexts(dir)).toEqual([]);
    expect(await recordContext(dir, 'http://127.0.0.1:4000/', { makeCurrent: true })).toBe('127.0.0.1:4000');
    expect(await recordContext(dir, 'https://max.example.com', { makeCurrent: true })).toBe('max.example.com');
    // Logging in again to a known URL keeps its name.
    expect(await recordContext(dir, 'https://MAX.example.com:443', { makeCurrent: true })).toBe('max.example.com');
    expect(await listContexts(dir)).toEqual([
      { name: '127.0.0.1:4000', apiUrl: 'http://127.0.0.1:4000', current: false },
      { name: 'max.example.com', apiUrl: 'https://max.example.com', current: true },
    ]);
  });

  it('use switches the current API URL, which resolveCredentials then picks; flag and RIG_API_URL still win', async () => {
    await recordContext(dir, 'http://127.0.0.1:4000', { makeCurrent: false });
    await recordContext(dir, 'https://max.example.com', { makeCurrent: true });
    expect(await useContext(dir, 'nope')).toBeUndefined();
    expect((await useContext(dir, '127.0.0.1:4000'))?.current).toBe(true);
    const env = { RIG_CREDENTIAL_STORE: 'file' };
    expect(await resolveCredentials({ env, configDir: dir })).toMatchObject({ apiUrl: 'http://127.0.0.1:4000', source: 'config', context: '127.0.0.1:4000' });
    expect(await resolveCredentials({ env: { ...env, RIG_API_URL: 'https://max.example.com' }, configDir: dir })).toMatchObject({ source: 'env', context: 'max.example.com' });
    expect(await resolveCredentials({ env, configDir: dir, apiUrl: 'http://other:1' })).toMatchObject({ source: 'flag' });
    expect((await resolveCredentials({ env, configDir: dir, apiUrl: 'http://other:1' })).context).toBeUndefined();
    expect(await resolveCredentials({ env, configDir: dir, profile: 'max.example.com' })).toMatchObject({ apiUrl: 'https://max.example.com', source: 'profile', context: 'max.example.com' });
    await expect(resolveCredentials({ env, configDir: dir, profile: 'prdo' })).rejects.toThrow(/no context named "prdo".*known: 127.0.0.1:4000, max.example.com/);
  });

  it('a config from before contexts (only currentApiUrl) shows its URL as the current context, and keeps other keys', async () => {
    await writeFile(join(dir, 'config.json'), JSON.stringify({ currentApiUrl: 'http://127.0.0.1:4000', theme: 'dark' }));
    expect(await listContexts(dir)).toEqual([{ name: '127.0.0.1:4000', apiUrl: 'http://127.0.0.1:4000', current: true }]);
    expect(await contextForApiUrl(dir, 'http://127.0.0.1:4000/')).toBe('127.0.0.1:4000');
    await useContext(dir, '127.0.0.1:4000');
    expect(JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'))).toMatchObject({ theme: 'dark', profiles: { '127.0.0.1:4000': { apiUrl: 'http://127.0.0.1:4000' } } });
  });

  it('refuses a context name a shell or the config could not hold', async () => {
    await expect(recordContext(dir, 'http://127.0.0.1:4000', { makeCurrent: true, name: 'has space' })).rejects.toThrow(/not a valid context name/);
  });
});
