import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { API, tempDir } from '../test/helpers.js';
import { ensureConfigDir, resolveConfigDir } from './config-dir.js';
import { readConfig, setCurrentApiUrl, updateConfig } from './config-file.js';

describe('resolveConfigDir', () => {
  it.each([
    [{ RIG_CONFIG_DIR: '/cfg/rig', XDG_CONFIG_HOME: '/xdg' }, '/cfg/rig'],
    [{ XDG_CONFIG_HOME: '/xdg' }, '/xdg/rig'],
    [{ XDG_CONFIG_HOME: 'relative/xdg' }, '/home/ada/.config/rig'],
    [{ RIG_CONFIG_DIR: '' }, '/home/ada/.config/rig'],
    [{}, '/home/ada/.config/rig'],
  ])('%j → %s', (env, expected) => {
    expect(resolveConfigDir(env, '/home/ada')).toBe(expected);
  });
});

describe('config dir and file', () => {
  it('creates the config dir with mode 0700', async () => {
    const dir = join(await tempDir(), 'a', 'rig');
    await ensureConfigDir(dir);
    expect((await stat(dir)).mode & 0o777).toBe(0o700);
  });

  it('reads a missing config as empty and writes atomically with 0600, keeping unknown keys', async () => {
    const dir = join(await tempDir(), 'rig');
    expect(await readConfig(dir)).toEqual({});
    await updateConfig(dir, (c) => ({ ...c, output: 'json' }));
    await setCurrentApiUrl(dir, 'HTTP://127.0.0.1:4000/');
    expect(await readConfig(dir)).toEqual({ output: 'json', currentApiUrl: API });
    expect((await stat(join(dir, 'config.json'))).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['config.json']);
  });

  it('rejects a corrupt config with invalid_config', async () => {
    const dir = await tempDir();
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'config.json'), '{not json');
    await expect(readConfig(dir)).rejects.toMatchObject({ code: 'invalid_config' });
    await writeFile(join(dir, 'config.json'), '{"profiles": {"x": {}}}');
    await expect(readConfig(dir)).rejects.toMatchObject({ code: 'invalid_config', message: expect.stringContaining('"x"') });
  });
});
