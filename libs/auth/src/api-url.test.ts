import { describe, expect, it } from 'vitest';
import { normalizeApiUrl } from './api-url.js';
import { isRigAuthError } from './errors.js';

describe('normalizeApiUrl', () => {
  it.each([
    ['http://127.0.0.1:4000', 'http://127.0.0.1:4000'],
    ['http://127.0.0.1:4000/', 'http://127.0.0.1:4000'],
    ['HTTPS://Max.Example.COM', 'https://max.example.com'],
    ['https://max.example.com:443/', 'https://max.example.com'],
    ['http://max.example.com:80', 'http://max.example.com'],
    ['https://max.example.com:80', 'https://max.example.com:80'],
    ['http://localhost:4000/prefix/', 'http://localhost:4000/prefix'],
    ['http://localhost:4000/Prefix//', 'http://localhost:4000/Prefix'],
    ['  http://[::1]:4000  ', 'http://[::1]:4000'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeApiUrl(input)).toBe(expected);
  });

  it.each([
    ['', /empty/],
    ['max.example.com', /not an absolute URL/],
    ['ftp://max.example.com', /must use http or https, not "ftp"/],
    ['file:///etc/passwd', /must use http or https/],
    ['https://user:pw@max.example.com', /user name or password/],
    ['https://max.example.com/?a=1', /query string/],
    ['https://max.example.com/#x', /fragment/],
  ])('rejects %j', (input, message) => {
    let caught: unknown;
    try {
      normalizeApiUrl(input);
    } catch (error) {
      caught = error;
    }
    expect(isRigAuthError(caught) && caught.code).toBe('invalid_api_url');
    expect((caught as Error).message).toMatch(message);
  });

  it('does not repeat a password from the URL in the error', () => {
    expect(() => normalizeApiUrl('https://u:s3cret@h')).toThrow(expect.objectContaining({ message: expect.not.stringContaining('s3cret') }));
  });
});
