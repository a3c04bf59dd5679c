import { describe, expect, it } from 'vitest';
import { containsKnownValue, redactHeaders, redactJson, redactKnownValues, redactSecrets, redactUrl } from './redact.js';

const ACCESS = 'mxa_AbC123-_xyz';
const REFRESH = 'mxr_def456';
const API = 'mxp_ghi789';

describe('redaction', () => {
  it('blanks Max tokens anywhere in a string', () => {
    expect(redactSecrets(`a ${ACCESS} b ${REFRESH}, "${API}"`)).toBe('a [REDACTED] b [REDACTED], "[REDACTED]"');
    expect(redactSecrets('mx_not_a_token mxz_nope')).toBe('mx_not_a_token mxz_nope');
  });

  it('blanks secret query parameters, userinfo and tokens in URLs but keeps the rest', () => {
    const url = redactUrl(
      `https://user:pw@max.test/api/v1/x?token=abc&code=123&client_secret=s&password=p&api_key=k&q=web&cursor=c1&x=${ACCESS}`,
    );
    expect(url).toBe(
      'https://[REDACTED]@max.test/api/v1/x?token=[REDACTED]&code=[REDACTED]&client_secret=[REDACTED]&password=[REDACTED]&api_key=[REDACTED]&q=web&cursor=c1&x=[REDACTED]',
    );
    expect(redactUrl(`not a url ${ACCESS}`)).toBe('not a url [REDACTED]');
  });

  it('keeps the scheme of Authorization, drops cookies, keeps Idempotency-Key', () => {
    const headers = new Headers({
      Authorization: `Bearer ${ACCESS}`,
      Cookie: 'sid=1',
      'Idempotency-Key': 'key-1',
      'X-Other': `v ${API}`,
    });
    expect(redactHeaders(headers)).toEqual({
      authorization: 'Bearer [REDACTED]',
      cookie: '[REDACTED]',
      'idempotency-key': 'key-1',
      'x-other': 'v [REDACTED]',
    });
    expect(redactHeaders({ authorization: 'opaque' })).toEqual({ authorization: '[REDACTED]' });
  });

  it('blanks token fields in JSON bodies, deeply, without mutating the input', () => {
    const body = {
      grant_type: 'refresh_token',
      refresh_token: 'anything',
      nested: [{ access_token: 'x', subject_token: 'y', device_code: 'z', token: 't', keep: 'ok' }],
      note: `uses ${ACCESS}`,
    };
    const copy = structuredClone(body);
    expect(redactJson(body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '[REDACTED]',
      nested: [
        { access_token: '[REDACTED]', subject_token: '[REDACTED]', device_code: '[REDACTED]', token: '[REDACTED]', keep: 'ok' },
      ],
      note: 'uses [REDACTED]',
    });
    expect(body).toEqual(copy);
  });
});

describe('secret values', () => {
  it('blanks every value of a secrets map, keeping the keys, at any depth', () => {
    expect(redactJson({ secrets: { API_KEY: 'v1', DB: '' } })).toEqual({ secrets: { API_KEY: '[REDACTED]', DB: '[REDACTED]' } });
    expect(redactJson({ wrap: [{ Secrets: { A: 'x' } }] })).toEqual({ wrap: [{ Secrets: { A: '[REDACTED]' } }] });
    expect(redactJson({ secrets: { [`K_${ACCESS}`]: 'x' } })).toEqual({ secrets: { 'K_[REDACTED]': '[REDACTED]' } });
  });

  it('keeps secret key lists (config documents) but blanks list items that are not keys', () => {
    expect(redactJson({ secrets: ['API_KEY', 'DB_PASSWORD'] })).toEqual({ secrets: ['API_KEY', 'DB_PASSWORD'] });
    expect(redactJson({ secrets: ['API_KEY', 'not a key', 3, { v: 'x' }] })).toEqual({
      secrets: ['API_KEY', '[REDACTED]', '[REDACTED]', '[REDACTED]'],
    });
  });

  it('keeps config documents’ {key, digest} secret entries, blanking entries with anything else', () => {
    const digest = `sha256:${'c'.repeat(64)}`;
    expect(redactJson({ secrets: [{ key: 'API_KEY', digest }, { key: 'DB' }] })).toEqual({ secrets: [{ key: 'API_KEY', digest }, { key: 'DB' }] });
    expect(redactJson({ secrets: [{ key: 'API_KEY', value: 'v' }, { key: 'API_KEY', digest: 'v' }, { key: 'lower' }] })).toEqual({
      secrets: ['[REDACTED]', '[REDACTED]', '[REDACTED]'],
    });
  });

  it('blanks every value of secret_values, keeping scopes and keys, at any depth', () => {
    expect(redactJson({ document: {}, secret_values: { prod: { API_KEY: 'v1' }, 'prod/web': { DB: 'v2', PIN: '1' } } })).toEqual({
      document: {},
      secret_values: { prod: { API_KEY: '[REDACTED]' }, 'prod/web': { DB: '[REDACTED]', PIN: '[REDACTED]' } },
    });
    expect(redactJson({ details: { secret_values: { prod: 'raw', web: ['v'] } } })).toEqual({ details: { secret_values: { prod: '[REDACTED]', web: '[REDACTED]' } } });
    expect(redactJson({ secret_values: 'raw' })).toEqual({ secret_values: '[REDACTED]' });
    expect(redactJson({ secret_values: [{ A: 'v' }] })).toEqual({ secret_values: '[REDACTED]' });
  });

  it('blanks a secrets field of any other shape whole', () => {
    expect(redactJson({ secrets: 'raw' })).toEqual({ secrets: '[REDACTED]' });
    expect(redactJson({ secrets: 42 })).toEqual({ secrets: '[REDACTED]' });
  });

  it('removes known values from strings, keys and nested values; longest first; short ones left alone', () => {
    const known = ['hunter2x', 'hunter2xyz', 'ab'];
    expect(redactKnownValues('pw hunter2xyz and hunter2x, ab', known)).toBe('pw [REDACTED] and [REDACTED], ab');
    expect(redactKnownValues({ hunter2x: ['a hunter2x b', 1, null], token: 'x' }, known)).toEqual({
      '[REDACTED]': ['a [REDACTED] b', 1, null],
      token: '[REDACTED]',
    });
    expect(containsKnownValue('… hunter2x …', known)).toBe(true);
    expect(containsKnownValue('ab only', known)).toBe(false);
  });
});
