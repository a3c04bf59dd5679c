export interface ApproveDeviceLoginOptions {
  /** max-local's origin, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /** The one-time link from `startMaxLocal()` or the startup banner. */
  adminLoginUrl: string;
  /** The code the device shows, e.g. `BCDF-GHJK`. */
  userCode: string;
  /** Press "Deny" instead of "Approve". */
  deny?: boolean;
  fetch?: typeof fetch;
}

/**
 * Session cookies per admin link. The link is single use, exactly like in a browser: the first
 * call signs in and keeps the cookie; later calls with the same link reuse the session.
 */
const sessions = new Map<string, string>();

function sessionCookie(response: Response): string | undefined {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';', 1)[0];
    if (pair?.startsWith('max_session=')) return pair;
  }
  return undefined;
}

function alertText(page: string): string {
  const match = /role="alert"[^>]*>([\s\S]*?)<\/p>/.exec(page);
  return (match?.[1] ?? 'unexpected page').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
}

/**
 * Approves (or denies) a device login exactly as a person in a browser would: opens the admin link
 * keeping the session cookie, loads the approval page for the code, reads its CSRF token and
 * submits the form. For end-to-end tests and demos.
 *
 * @example
 * const auth = await client.auth.requestDeviceCode({ client_name: 'e2e' });
 * await approveDeviceLogin({ baseUrl: max.url, adminLoginUrl: max.adminLoginUrl, userCode: auth.user_code });
 */
export async function approveDeviceLogin(options: ApproveDeviceLoginOptions): Promise<void> {
  const doFetch = options.fetch ?? fetch;
  const base = new URL(options.baseUrl);
  let cookie = sessions.get(options.adminLoginUrl);
  if (!cookie) {
    const login = await doFetch(options.adminLoginUrl, { redirect: 'manual' });
    cookie = sessionCookie(login);
    if (login.status !== 303 || !cookie) {
      throw new Error(`approveDeviceLogin: the admin login link was rejected (HTTP ${login.status}); it is single use and valid for 1 hour`);
    }
    sessions.set(options.adminLoginUrl, cookie);
  }

  const pageUrl = new URL('/device', base);
  pageUrl.searchParams.set('user_code', options.userCode);
  const pageResponse = await doFetch(pageUrl, { headers: { cookie } });
  const page = await pageResponse.text();
  if (pageResponse.status === 401) sessions.delete(options.adminLoginUrl);
  const csrf = /name="csrf_token" value="([^"]+)"/.exec(page)?.[1];
  if (pageResponse.status !== 200 || !csrf) {
    throw new Error(`approveDeviceLogin: the approval page refused code ${options.userCode} (HTTP ${pageResponse.status}): ${alertText(page)}`);
  }

  const form = new URLSearchParams({
    csrf_token: csrf,
    user_code: options.userCode,
    decision: options.deny ? 'deny' : 'approve',
  });
  const submitted = await doFetch(new URL('/device', base), {
    method: 'POST',
    headers: { cookie, origin: base.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const result = await submitted.text();
  const expected = options.deny ? 'data-result="denied"' : 'data-result="approved"';
  if (submitted.status !== 200 || !result.includes(expected)) {
    throw new Error(`approveDeviceLogin: the decision was not accepted (HTTP ${submitted.status}): ${alertText(result)}`);
  }
}
