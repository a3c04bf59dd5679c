import { describe, expect, it, vi } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { resolveCredentials } from './resolve-credentials.js';

// Replaces the real native module: the factory runs only if something imports it, which is what is counted.
const imports = vi.hoisted(() => ({ count: 0 }));
vi.mock('@napi-rs/keyring/keytar.js', () => {
  imports.count += 1;
  return {
    getPassword: async () => null,
    setPassword: async () => undefined,
    deletePassword: async () => false,
    findCredentials: async () => [],
  };
});

describe('the default keychain loader', () => {
  it('is not imported when RIG_TOKEN is set', async () => {
    const resolved = await resolveCredentials({ env: { RIG_TOKEN: 'mxp_ci' }, configDir: await tempDir() });
    expect(resolved.credential.source).toBe('env');
    expect(imports.count).toBe(0);
  });

  it('is imported on first keychain use otherwise (proving the check above can fail)', async () => {
    const resolved = await resolveCredentials({ env: {}, configDir: await tempDir() });
    expect(resolved.credential.source).toBe('none');
    expect(imports.count).toBe(1);
  });
});
