import { createHash } from 'node:crypto';

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** A piece of already-escaped HTML. Only the helpers here create it, so raw strings cannot sneak in. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** Tagged template that escapes every interpolated value unless it is {@link Html}. */
export function html(strings: TemplateStringsArray, ...values: (string | number | Html | Html[] | null | undefined)[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    if (value instanceof Html) out += value.value;
    else if (Array.isArray(value)) out += value.map((part) => part.value).join('');
    else if (value !== null && value !== undefined) out += escapeHtml(String(value));
    out += strings[index + 1] ?? '';
  });
  return new Html(out);
}

const CSS = `
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #f6f8fa; --card: #fff; --line: #d0d7de;
  --accent: #0a58ca; --accent-fg: #fff; --danger: #b42318; --ok: #1a7f37; --focus: #ffbf47; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22;
  --line: #30363d; --accent: #4493f8; --accent-fg: #0d1117; --danger: #f85149; --ok: #3fb950; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg);
  background: var(--bg); display: grid; min-height: 100vh; place-items: center; padding: 1rem; }
main { width: 100%; max-width: 28rem; background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 2rem; }
h1 { font-size: 1.4rem; margin: 0 0 1rem; }
p { margin: 0 0 1rem; }
.muted { color: var(--muted); font-size: .9rem; }
.brand { font-weight: 600; letter-spacing: .02em; color: var(--muted); margin-bottom: .5rem; font-size: .85rem; }
label { display: block; font-weight: 600; margin-bottom: .4rem; }
input[type=text] { width: 100%; font: 600 1.4rem/1.2 ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: .15em;
  text-transform: uppercase; padding: .6rem .8rem; border: 1px solid var(--line); border-radius: 8px; background: var(--bg);
  color: var(--fg); margin-bottom: 1rem; }
button { font: inherit; font-weight: 600; padding: .6rem 1.2rem; border-radius: 8px; border: 1px solid var(--line);
  cursor: pointer; background: var(--card); color: var(--fg); }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--accent-fg); }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.actions { display: flex; gap: .75rem; flex-wrap: wrap; }
dl { display: grid; grid-template-columns: auto 1fr; gap: .4rem 1rem; margin: 0 0 1.5rem; }
dt { color: var(--muted); }
dd { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
.code { font-family: ui-monospace, SFMono-Regular, Menlo, monospace; letter-spacing: .1em; }
.alert { border-left: 4px solid var(--danger); padding: .5rem .8rem; background: var(--bg); }
.success { border-left: 4px solid var(--ok); padding: .5rem .8rem; background: var(--bg); }
`;

/** CSP allows exactly this stylesheet (by hash) and nothing else: no scripts, no external assets. */
const CSS_HASH = `sha256-${createHash('sha256').update(CSS).digest('base64')}`;

export const PAGE_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': `default-src 'none'; style-src '${CSS_HASH}'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  // `same-origin` keeps the Origin header on our own form posts (the CSRF check needs it; with
  // `no-referrer` Chromium sends `Origin: null`) while never telling other sites where we were.
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

/** For `/login`, whose URL carries the one-time secret: no Referer at all. */
export const LOGIN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...PAGE_SECURITY_HEADERS,
  'referrer-policy': 'no-referrer',
};

export function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · max-local</title>
<style>${new Html(CSS)}</style>
</head>
<body>
<main>
<div class="brand">max-local</div>
${body}
</main>
</body>
</html>
`.value;
}
