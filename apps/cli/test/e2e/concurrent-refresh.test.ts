import { afterAll, beforeAll, expect, it } from 'vitest';
import { Harness, json } from './harness.js';

/**
 * Two rig processes find the same expired access token at once. Exactly one may refresh: the other must wait and
 * use the new token, because presenting the already-rotated refresh token again would revoke the whole session.
 * The platform's clock is moved forward so access tokens expire on the server while rig still believes them valid
 * (the "expired mid-run" case: the platform answers 401 token_expired and rig refreshes on that).
 */
let offsetMs = 0;
let h: Harness;
beforeAll(async () => {
  h = await Harness.start({ clock: { now: () => Date.now() + offsetMs } });
});
afterAll(async () => {
  await h?.close();
});

const refreshes = () => h.requests.filter((r) => r.startsWith('POST /api/v1/auth/token')).length;

it('two concurrent commands with an expired token refresh once, and the session survives', async () => {
  const configDir = h.configDir();
  await h.loginWithToken(configDir);
  expect((await h.rig(['create', 'network', 'shared'], { configDir })).code).toBe(0);
  const before = h.credential(configDir);

  offsetMs = 2 * 3600 * 1000;
  const refreshesBefore = refreshes();
  // At most two rig processes at a time in this suite: these two, together.
  const [a, b] = await Promise.all([
    h.rig(['status', 'network', '--json'], { configDir }),
    h.rig(['details', 'network', 'shared', '--json'], { configDir }),
  ]);
  expect(a.code, a.stderr).toBe(0);
  expect(b.code, b.stderr).toBe(0);
  expect(json<{ name: string }[]>(a.stdout).map((n) => n.name)).toEqual(['shared']);
  expect(json(b.stdout)).toMatchObject({ name: 'shared' });
  expect(refreshes() - refreshesBefore).toBe(1);
  expect(h.requests.filter((r) => r.startsWith('GET /api/v1/networks')).length).toBeGreaterThanOrEqual(3);

  const after = h.credential(configDir);
  expect(after?.refreshToken).not.toBe(before?.refreshToken);
  // Had the second process reused the old refresh token, the token family would be revoked now.
  const later = await h.rig(['whoami', '--json'], { configDir });
  expect(later.code, later.stderr).toBe(0);
});

it('leaks no token: not in any argv, stdout, stderr, URL or server log line', () => {
  h.assertNoSecretsLeaked();
});
