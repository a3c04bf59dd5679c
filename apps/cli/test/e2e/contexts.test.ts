import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, json } from './harness.js';

/** Two platforms, one config dir: both stay logged in, `rig context use` switches, flags and env still win. */

let a: Harness;
let b: Harness;
let configDir: string;
const noEnvUrl = { apiUrl: null } as const;

interface ContextView {
  name: string;
  api_url: string;
  current: boolean;
  logged_in: boolean;
  user: { email: string } | null;
}

beforeAll(async () => {
  [a, b] = await Promise.all([Harness.start(), Harness.start()]);
  configDir = a.configDir();
});
afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

const hostOf = (url: string) => new URL(url).host;

describe('contexts', () => {
  it('each login records a context; both stay logged in; use switches; whoami shows the current one', async () => {
    const empty = await a.rig(['context', 'list'], { configDir, ...noEnvUrl });
    expect(empty).toMatchObject({ code: 0, stdout: '' });
    expect(empty.stderr).toMatch(/No contexts yet/);

    for (const h of [a, b]) {
      const login = await h.rig(['login', '--with-token', '--api-url', h.apiUrl], { configDir, ...noEnvUrl, stdin: `${await h.apiToken()}\n` });
      expect(login.code, login.stderr).toBe(0);
    }
    const listed = await a.rig(['context', 'list', '-o', 'json'], { configDir, ...noEnvUrl });
    expect(listed.code, listed.stderr).toBe(0);
    const contexts = json<ContextView[]>(listed.stdout);
    expect(contexts.map((c) => [c.name, c.current, c.logged_in])).toEqual(
      [
        [hostOf(a.apiUrl), false, true],
        [hostOf(b.apiUrl), true, true],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );

    // The current context is the last login (b); whoami says so.
    const whoB = await a.rig(['whoami', '-o', 'json'], { configDir, ...noEnvUrl });
    expect(json(whoB.stdout)).toMatchObject({ api_url: b.apiUrl, api_url_source: 'config', context: hostOf(b.apiUrl) });

    const use = await a.rig(['context', 'use', hostOf(a.apiUrl)], { configDir, ...noEnvUrl });
    expect(use.code, use.stderr).toBe(0);
    expect(use.stderr).toContain(`Using context ${hostOf(a.apiUrl)}`);
    const whoA = await a.rig(['whoami'], { configDir, ...noEnvUrl });
    expect(whoA.code, whoA.stderr).toBe(0);
    expect(whoA.stdout.split('\n')).toContain(`context\t${hostOf(a.apiUrl)}`);
    // A command against the current context needs no flag and uses its own login.
    expect((await a.rig(['create', 'network', 'only-on-a'], { configDir, ...noEnvUrl })).code).toBe(0);
    const onB = await a.rig(['status', 'network', 'only-on-a'], { configDir, ...noEnvUrl, env: { RIG_CONTEXT: hostOf(b.apiUrl) } });
    expect(onB.code).toBe(4);

    // --api-url and RIG_API_URL still override the current context.
    const byFlag = await a.rig(['whoami', '-o', 'json', '--api-url', b.apiUrl], { configDir, ...noEnvUrl });
    expect(json(byFlag.stdout)).toMatchObject({ api_url: b.apiUrl, api_url_source: 'flag', context: hostOf(b.apiUrl) });
    const byEnv = await a.rig(['whoami', '-o', 'json'], { configDir, apiUrl: b.apiUrl });
    expect(json(byEnv.stdout)).toMatchObject({ api_url: b.apiUrl, api_url_source: 'env' });
  });

  it('an unknown context is exit 4 with a suggestion; without a name and without a terminal, exit 2 listing them', async () => {
    const typo = await a.rig(['context', 'use', `${hostOf(a.apiUrl)}x`], { configDir, ...noEnvUrl });
    expect(typo.code).toBe(4);
    expect(typo.stderr).toContain(`Did you mean \`rig context use ${hostOf(a.apiUrl)}\`?`);
    const bare = await a.rig(['context', 'use'], { configDir, ...noEnvUrl });
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain(hostOf(b.apiUrl));
  });

  it('rig context (no verb) lists what it can do, exit 0', async () => {
    const result = await a.rig(['context'], { configDir, ...noEnvUrl });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/context list[\s\S]*context use/);
  });
});
