import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, jsonError } from './harness.js';

/**
 * The built rig against a max-local with tight per-token limits: a burst past the limit gets 429 + Retry-After,
 * rig waits as told and retries what is safe to retry (GET), never a PATCH, and otherwise exits 7 with the reason.
 */

let quick: Harness;
let slow: Harness;
let configDir: string;

beforeAll(async () => {
  [quick, slow] = await Promise.all([
    // Retry-After 1 s: within rig's retry budget.
    Harness.start({ rateLimit: { perToken: { perSecond: 1, burst: 1 }, perIp: false } }),
    // Retry-After 50 s: longer than rig waits for one retry (20 s).
    Harness.start({ rateLimit: { perToken: { perSecond: 0.02, burst: 1 }, perIp: false } }),
  ]);
  configDir = quick.configDir();
});
afterAll(async () => {
  await Promise.all([quick?.close(), slow?.close()]);
});

/** Uses up a token's one-request burst, straight at the platform (not through the recording proxy). */
async function drain(h: Harness, token: string): Promise<void> {
  const response = await fetch(`${h.max.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
}

const count = (h: Harness, prefix: string) => h.requests.filter((r) => r.startsWith(prefix)).length;

describe('rate limits, as rig meets them', () => {
  it('a GET that gets 429 is retried after Retry-After and succeeds', async () => {
    const token = await quick.apiToken();
    await drain(quick, token);
    const before = count(quick, 'GET /api/v1/networks');
    const result = await quick.rig(['status', 'network', '-v'], { configDir, env: { RIG_TOKEN: token } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/< 429 GET \S+\/api\/v1\/networks.*retrying in 1000 ms/);
    expect(count(quick, 'GET /api/v1/networks') - before).toBe(2);
  });

  it('a PATCH that gets 429 is not retried: exit 7 with the reason, after the GET before it was retried', async () => {
    const setup = await quick.apiToken();
    // Each create is a POST with an idempotency key: rig retries those after Retry-After too.
    for (const args of [['create', 'network', 'prod'], ['create', 'app', 'prod/web']]) {
      const created = await quick.rig(args, { configDir, env: { RIG_TOKEN: setup } });
      expect(created.code, created.stderr).toBe(0);
    }
    const token = await quick.apiToken();
    await drain(quick, token);
    const patches = count(quick, 'PATCH ');
    const result = await quick.rig(['update', 'app', 'prod/web', '--description', 'x', '-o', 'json'], { configDir, env: { RIG_TOKEN: token } });
    expect(result.code, result.stderr).toBe(7);
    expect(jsonError(result.stderr)).toMatchObject({ code: 'rate_limited', exit_code: 7, message: expect.stringMatching(/^Rate limited by the platform: .*retry in 1 s\.$/) });
    expect(count(quick, 'PATCH ') - patches).toBe(1);
  });

  it('a Retry-After longer than rig waits: exit 7 at once, saying how long to wait', async () => {
    const token = await slow.apiToken();
    await drain(slow, token);
    const before = count(slow, 'GET /api/v1/me');
    const result = await slow.rig(['whoami'], { configDir: slow.configDir(), env: { RIG_TOKEN: token } });
    expect(result.code).toBe(7);
    expect(result.stderr).toMatch(/Rate limited by the platform: Too many requests from this token; retry in 50 s\./);
    expect(result.stderr).toMatch(/try again in 50 s/);
    expect(count(slow, 'GET /api/v1/me') - before).toBe(1);
  });
});
