import type { Scope } from '../auth/scopes.js';
import type { PendingDeviceRequest } from '../services/device-flow.js';
import { html, page, type Html } from './html.js';

const SCOPE_TEXT: Record<Scope, string> = {
  read: 'read-only access (view networks, apps and history)',
  deploy: 'deploy access (create, change and deploy; not delete networks or manage API tokens)',
  admin: 'full access (everything, including deleting networks and managing API tokens)',
};

function codeForm(message?: { kind: 'alert'; text: string }, prefill = ''): Html {
  return html`<h1>Connect a device</h1>
${message ? html`<p class="alert" role="alert">${message.text}</p>` : null}
<form method="get" action="/device">
<label for="user_code">Enter the code shown in your terminal</label>
<input type="text" id="user_code" name="user_code" value="${prefill}" required autocomplete="off" autocapitalize="characters"
  spellcheck="false" maxlength="12" placeholder="XXXX-XXXX" aria-describedby="code-help" autofocus>
<p id="code-help" class="muted">It looks like <span class="code">BCDF-GHJK</span>. Letters only; case and the dash do not matter.</p>
<div class="actions"><button class="primary" type="submit">Continue</button></div>
</form>`;
}

export const enterCodePage = (message?: string, prefill?: string): string =>
  page('Connect a device', codeForm(message === undefined ? undefined : { kind: 'alert', text: message }, prefill));

export function confirmPage(request: PendingDeviceRequest, csrfToken: string, email: string): string {
  const client = request.clientName ?? 'An unnamed client';
  return page(
    'Approve device login',
    html`<h1>Approve this login?</h1>
<p><strong>${client}</strong> is asking to use your Max account <strong>${email}</strong>.</p>
<dl>
<dt>Client</dt><dd>${client}</dd>
<dt>Access</dt><dd>${request.scope}: ${SCOPE_TEXT[request.scope]}</dd>
<dt>Code</dt><dd class="code" id="confirm-code">${request.userCode}</dd>
</dl>
<p class="muted">Only approve if this code matches the one in your terminal and you started this login.</p>
<form method="post" action="/device">
<input type="hidden" name="csrf_token" value="${csrfToken}">
<input type="hidden" name="user_code" value="${request.userCode}">
<div class="actions">
<button class="primary" type="submit" name="decision" value="approve">Approve</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>
</form>`,
  );
}

export function resultPage(approved: boolean): string {
  return page(
    approved ? 'Device approved' : 'Login denied',
    approved
      ? html`<h1>Device approved</h1>
<p class="success" role="status" data-result="approved">The device is now signed in. You can close this window and return to your terminal.</p>`
      : html`<h1>Login denied</h1>
<p class="success" role="status" data-result="denied">The request was denied; the device was not signed in.</p>`,
  );
}

export function signInRequiredPage(): string {
  return page(
    'Sign in required',
    html`<h1>Sign in required</h1>
<p role="alert">To approve devices, open the one-time sign-in link that <span class="code">max-local</span> printed in its
terminal when it started (it looks like <span class="code">http://127.0.0.1:4000/login?token=…</span>).</p>
<p class="muted">Each start of max-local prints a fresh link, valid for one hour and for one use.</p>`,
  );
}

export function invalidLoginLinkPage(): string {
  return page(
    'Sign-in link not valid',
    html`<h1>This sign-in link is not valid</h1>
<p role="alert">The link has already been used, has expired, or was replaced by a newer one.</p>
<p class="muted">Restart max-local to print a fresh one-time link.</p>`,
  );
}

export function forbiddenPage(text: string): string {
  return page('Request rejected', html`<h1>Request rejected</h1><p role="alert">${text}</p>`);
}
