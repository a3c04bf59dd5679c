import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness, json } from './harness.js';

// Access tokens live 1 s here, so every stored access token is expired by the time the next command runs.
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ accessTokenTtlSeconds: 1 });
});
afterAll(async () => {
  await h?.close();
});

it('an expired access token is refreshed transparently and the stored credential rotated', async () => {
  const configDir = h.configDir();
  await h.loginWithToken(configDir);
  const before = h.credential(configDir);
  await new Promise((resolve) => setTimeout(resolve, 1_200));

  const refreshesBefore = h.requests.filter((r) => r.startsWith('POST /api/v1/auth/token')).length;
  const result = await h.rig(['create', 'network', 'fresh', '--json'], { configDir });
  expect(result.code, result.stderr).toBe(0);
  expect(json(result.stdout)).toMatchObject({ name: 'fresh' });
  expect(h.requests.filter((r) => r.startsWith('POST /api/v1/auth/token')).length).toBe(refreshesBefore + 1);

  const after = h.credential(configDir);
  expect(after?.accessToken).toMatch(/^mxa_/);
  expect(after?.accessToken).not.toBe(before?.accessToken);
  expect(after?.refreshToken).not.toBe(before?.refreshToken);

  // The rotated refresh token works for the next command too (and the old one was never reused).
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  const next = await h.rig(['status', 'network', 'fresh'], { configDir });
  expect(next.code, next.stderr).toBe(0);
  expect(next.stdout).toMatch(/^fresh\t0\t/);
});

it('leaks no token: not in any argv, stdout, stderr, URL or server log line', () => {
  h.assertNoSecretsLeaked();
});
