import { approveDeviceLogin } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, json, jsonError } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await Harness.start();
});
afterAll(async () => {
  await h?.close();
});

/** Runs `rig login` (device flow), approves (or denies) the code it shows, and returns the finished process. */
async function deviceLogin(configDir: string, args: string[] = [], deny = false) {
  const running = await h.start(['login', ...args], { configDir });
  const [, userCode = ''] = await running.waitForStderr(/\b([A-Z]{4}-[A-Z]{4})\b/);
  await approveDeviceLogin({ baseUrl: h.max.url, adminLoginUrl: h.max.adminLoginUrl, userCode, deny });
  return running.done;
}

describe('rig login (device flow)', () => {
  it('prints the URL and code on stderr, waits for approval, stores the session', async () => {
    const configDir = h.configDir();
    const result = await deviceLogin(configDir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/To log in, open http:\/\/127\.0\.0\.1:\d+\/\S* in a browser and enter the code:/);
    expect(result.stderr).toContain(`✓ Logged in to ${h.apiUrl} as dev@localhost (scope admin); stored in the credentials file.`);
    expect(h.credential(configDir)?.refreshToken).toMatch(/^mxr_/);

    const whoami = await h.rig(['whoami', '--json'], { configDir });
    expect(whoami.code).toBe(0);
    expect(json<{ user: { email: string }; auth: { type: string } }>(whoami.stdout)).toMatchObject({ user: { email: 'dev@localhost' }, auth: { type: 'access_token' } });
  });

  it('-o json: the login result is the one JSON document on stdout; the code still goes to stderr', async () => {
    const configDir = h.configDir();
    const result = await deviceLogin(configDir, ['-o', 'json']);
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout)).toEqual({ api_url: h.apiUrl, user: expect.objectContaining({ email: 'dev@localhost' }), scope: 'admin', credential_store: 'file' });
    expect(result.stderr).toMatch(/[A-Z]{4}-[A-Z]{4}/);
  });

  it('Ctrl-C while waiting for approval: exit 130, nothing stored', async () => {
    const configDir = h.configDir();
    const running = await h.start(['login'], { configDir });
    await running.waitForStderr(/[A-Z]{4}-[A-Z]{4}/);
    running.child.kill('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('Error: Interrupted.');
    expect(h.credential(configDir)).toBeUndefined();
  });

  it('a denied login exits 3', async () => {
    const result = await deviceLogin(h.configDir(), [], true);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('Error: The login was denied in the browser.');
    expect(result.stdout).toBe('');
  });
});

describe('rig login --with-token', () => {
  it('reads an API token from stdin and exchanges it for a session', async () => {
    const configDir = h.configDir();
    const token = await h.apiToken();
    const result = await h.rig(['login', '--with-token'], { configDir, stdin: `${token}\n` });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('✓ Logged in to');
    const stored = h.credential(configDir);
    expect(stored?.accessToken).toMatch(/^mxa_/);
    expect(stored?.accessToken).not.toBe(token);

    const again = await h.rig(['login', '--with-token', '--json'], { configDir, stdin: token });
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toMatchObject({ api_url: h.apiUrl, credential_store: 'file', scope: 'admin' });
  });

  it('--verbose traces the exchange and the check on stderr, with every token redacted', async () => {
    const configDir = h.configDir();
    const result = await h.rig(['login', '--with-token', '--verbose'], { configDir, stdin: await h.apiToken() });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/^> POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/auth\/token /m);
    expect(result.stderr).toMatch(/^< 200 GET http:\/\/127\.0\.0\.1:\d+\/api\/v1\/me /m);
    // The secret-hygiene check at the end of this file scans this stderr too.
  });

  it('refuses a token in argv (exit 2) without echoing it', async () => {
    const result = await h.rig(['login', 'mxp_placeholder'], { configDir: h.configDir() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('never a token');
    expect(result.stderr).toContain('--with-token');
    expect(result.stderr).not.toContain('mxp_placeholder');
  });

  it('empty stdin: rejected input (exit 6)', async () => {
    const result = await h.rig(['login', '--with-token', '--json'], { configDir: h.configDir(), stdin: '' });
    expect(result.code).toBe(6);
    expect(jsonError(result.stderr)).toMatchObject({ code: 'invalid_token_input', exit_code: 6 });
  });

  it('a token the platform does not know: not authenticated (exit 3)', async () => {
    const result = await h.rig(['login', '--with-token'], { configDir: h.configDir(), stdin: 'mxp_unknown\n' });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^Error: /);
  });
});

describe('rig whoami', () => {
  it('not logged in: exit 3, in table and JSON mode', async () => {
    const configDir = h.configDir();
    const table = await h.rig(['whoami'], { configDir });
    expect(table).toMatchObject({ code: 3, stdout: '' });
    expect(table.stderr).toContain(`Error: Not logged in to ${h.apiUrl}.`);
    expect(table.stderr).toContain('rig login');
    expect(table.stderr).toContain('exit-codes.md#exit-3');
    const asJson = await h.rig(['whoami', '--json'], { configDir });
    expect(asJson).toMatchObject({ code: 3, stdout: '' });
    expect(jsonError(asJson.stderr)).toMatchObject({ code: 'not_authenticated', exit_code: 3 });
  });

  it('shows the user, the API URL and where the credential lives', async () => {
    const configDir = h.configDir();
    await h.loginWithToken(configDir);
    const table = await h.rig(['whoami'], { configDir });
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/^email\tdev@localhost/m);
    expect(table.stdout).toContain(`api_url\t${h.apiUrl} (from RIG_API_URL)\n`);
    expect(table.stdout).toContain(`credential\tfile: ${configDir}/credentials.json\n`);
    const asJson = json<{ api_url: string; credential: { source: string; location: string } }>((await h.rig(['whoami', '-o', 'json'], { configDir })).stdout);
    expect(asJson).toMatchObject({ api_url: h.apiUrl, api_url_source: 'env', credential: { source: 'file', location: `${configDir}/credentials.json` } });
  });

  it('RIG_TOKEN wins and is reported as the source', async () => {
    const result = await h.rig(['whoami', '--json'], { configDir: h.configDir(), env: { RIG_TOKEN: await h.apiToken('read') } });
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout)).toMatchObject({ credential: { source: 'env', location: 'RIG_TOKEN' }, auth: { type: 'api_token', scope: 'read' } });
  });

  it('the API URL of the last login is remembered when RIG_API_URL is not set', async () => {
    const configDir = h.configDir();
    await h.loginWithToken(configDir);
    const result = await h.rig(['whoami', '--json'], { configDir, apiUrl: null });
    expect(result.code, result.stderr).toBe(0);
    expect(json(result.stdout)).toMatchObject({ api_url: h.apiUrl, api_url_source: 'config' });
  });
});

describe('rig logout', () => {
  it('revokes on the platform and deletes locally; afterwards commands need a login (3)', async () => {
    const configDir = h.configDir();
    await h.loginWithToken(configDir);
    const result = await h.rig(['logout'], { configDir });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`✓ Logged out of ${h.apiUrl}.`);
    expect(h.credential(configDir)).toBeUndefined();
    expect(h.requests.some((r) => r.startsWith('POST /api/v1/auth/revoke'))).toBe(true);
    expect((await h.rig(['status', 'network'], { configDir })).code).toBe(3);

    const again = await h.rig(['logout', '--json'], { configDir });
    expect(again.code).toBe(0);
    expect(json(again.stdout)).toEqual({ api_url: h.apiUrl, was_logged_in: false, revoked: false, removed_from: [] });
  });

  it('-o json reports what happened', async () => {
    const configDir = h.configDir();
    await h.loginWithToken(configDir);
    const result = await h.rig(['logout', '-o', 'json'], { configDir });
    expect(result.code).toBe(0);
    expect(json(result.stdout)).toEqual({ api_url: h.apiUrl, was_logged_in: true, revoked: true, removed_from: ['file'] });
  });
});

it('every JSON output of this file satisfies its published schema', () => {
  h.assertJsonContracts();
  expect([...h.jsonContractCommands()]).toEqual(expect.arrayContaining(['login', 'logout', 'whoami']));
});

it('leaks no token: not in any argv, stdout, stderr, URL or server log line', () => {
  h.assertNoSecretsLeaked();
});
