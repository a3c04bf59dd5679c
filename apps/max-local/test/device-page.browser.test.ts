import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';

// The device approval page in a real headless Chromium (Debian's package). Outside CI a machine
// without Chromium skips this file; in CI (CI=true) a missing Chromium is a failure.
const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env['CI'] === 'true') {
  throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium for the device-page browser test`);
}

describe.runIf(haveChromium)('device approval page in Chromium', () => {
  let t: TestPlatform;
  let browser: Browser;
  /** One signed-in browser profile shared by the tests, as a person's browser would be. */
  let context: BrowserContext;

  beforeAll(async () => {
    t = await startTestPlatform();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    context = await browser.newContext();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  it('signs in with the admin link, takes the typed code, approves, and the polling client gets tokens', async () => {
    const code = await t.call<{ device_code: string; user_code: string }>('POST', '/api/v1/auth/device/code', {
      body: { client_name: 'rig on laptop', scope: 'deploy' },
    });
    const page = await context.newPage();

    // Before sign-in the page explains how to sign in.
    const anonymous = await page.goto(`${t.max.url}/device`);
    expect(anonymous?.status()).toBe(401);
    await expect(page.getByRole('heading', { name: 'Sign in required' }).isVisible()).resolves.toBe(true);

    await page.goto(t.max.adminLoginUrl);
    expect(new URL(page.url()).pathname).toBe('/device');
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === 'max_session');
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe('Strict');

    // Type the code the way a person might: lower case, no dash.
    await page.getByLabel('Enter the code shown in your terminal').fill(code.body.user_code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Approve this login?' }).waitFor();
    const text = await page.locator('main').innerText();
    expect(text).toContain('rig on laptop');
    expect(text).toContain('deploy');
    expect(await page.locator('#confirm-code').innerText()).toBe(code.body.user_code);

    // The client is still waiting.
    const pending = await t.call<{ error: { code: string } }>('POST', '/api/v1/auth/device/token', {
      body: { device_code: code.body.device_code },
    });
    expect(pending.body.error.code).toBe('authorization_pending');

    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByRole('heading', { name: 'Device approved' }).waitFor();

    await new Promise((resolve) => setTimeout(resolve, 1000)); // respect the 1 s poll interval
    const granted = await t.call<{ access_token: string; scope: string }>('POST', '/api/v1/auth/device/token', {
      body: { device_code: code.body.device_code },
    });
    expect(granted.status).toBe(200);
    expect(granted.body.scope).toBe('deploy');
    expect((await t.call('GET', '/api/v1/me', { token: granted.body.access_token })).status).toBe(200);
    await page.close();
  });

  it('prefills the code from verification_uri_complete, and Deny makes the client see access_denied', async () => {
    const code = await t.call<{ device_code: string; user_code: string; verification_uri_complete: string }>(
      'POST',
      '/api/v1/auth/device/code',
      { body: {} },
    );
    const page = await context.newPage();
    await page.goto(code.body.verification_uri_complete);
    await page.getByRole('heading', { name: 'Approve this login?' }).waitFor();
    expect(await page.locator('main').innerText()).toContain('An unnamed client');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.getByRole('heading', { name: 'Login denied' }).waitFor();
    const denied = await t.call<{ error: { code: string } }>('POST', '/api/v1/auth/device/token', {
      body: { device_code: code.body.device_code },
    });
    expect(denied.body.error.code).toBe('access_denied');
    // The code is spent: opening the link again shows an error, not the approval form.
    const again = await page.goto(code.body.verification_uri_complete);
    expect(again?.status()).toBe(404);
    expect(await page.getByRole('alert').innerText()).toMatch(/unknown, already used, or expired/);
    await page.close();
  });

  it('the admin link is single use: a second browser cannot sign in with it', async () => {
    const other = await browser.newContext();
    const page = await other.newPage();
    const reused = await page.goto(t.max.adminLoginUrl);
    expect(reused?.status()).toBe(401);
    await other.close();
  });
});
