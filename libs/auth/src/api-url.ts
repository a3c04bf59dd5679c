import { InvalidApiUrlError } from './errors.js';

/** The API URL used when nothing else names one: a `max-local` on its default port. */
export const DEFAULT_API_URL = 'http://127.0.0.1:4000';

/**
 * Normalises an API URL so one Max instance always maps to one credential key: lowercase scheme and host
 * (the WHATWG URL parser does that), default ports dropped, no trailing slash, path kept (a Max behind a
 * path prefix is a different instance from one at the root), query and fragment rejected.
 *
 * @throws {InvalidApiUrlError} when the value is not an absolute http(s) URL or carries credentials.
 * @example
 * normalizeApiUrl('HTTPS://Max.Example.com:443/') // 'https://max.example.com'
 * normalizeApiUrl('http://127.0.0.1:4000/prefix/') // 'http://127.0.0.1:4000/prefix'
 */
export function normalizeApiUrl(input: string): string {
  const raw = input.trim();
  if (raw === '') throw new InvalidApiUrlError('The API URL is empty.');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new InvalidApiUrlError(`${quote(raw)} is not an absolute URL (expected e.g. https://max.example.com).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InvalidApiUrlError(`The API URL must use http or https, not ${quote(url.protocol.replace(/:$/, ''))}.`);
  }
  if (url.hostname === '') throw new InvalidApiUrlError(`${quote(raw)} has no host.`);
  // Credentials in the URL would end up as a keychain account name and in config files.
  if (url.username !== '' || url.password !== '') {
    throw new InvalidApiUrlError('The API URL must not contain a user name or password.');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new InvalidApiUrlError('The API URL must not contain a query string or fragment.');
  }
  // URL already lowercases scheme and host and drops the scheme's default port.
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

function quote(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}
