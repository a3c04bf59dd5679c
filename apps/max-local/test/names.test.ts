import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../src/index.js';
import { startTestPlatform, type TestPlatform } from './helpers/api.js';

let t: TestPlatform;
let token: string;

beforeAll(async () => {
  t = await startTestPlatform();
  token = await createApiToken({ dataDir: t.dataDir, scope: 'admin' });
  await t.call('POST', '/api/v1/networks', { token, body: { name: 'names-home' } });
});
afterAll(async () => {
  await t.stop();
});

/** [case, name, valid?] — RFC 1035 labels: 1–63 chars, [a-z] first, [-a-z0-9], no trailing hyphen. */
const table: [string, string, boolean][] = [
  ['single letter', 'a', true],
  ['63 characters', `a${'b'.repeat(62)}`, true],
  ['letters, digits, inner hyphens', 'web-2-eu', true],
  ['64 characters', `a${'b'.repeat(63)}`, false],
  ['leading digit', '1web', false],
  ['uppercase', 'Web', false],
  ['trailing hyphen', 'web-', false],
  ['leading hyphen', '-web', false],
  ['underscore', 'my_app', false],
  ['empty', '', false],
  ['unicode', 'wéb', false],
  ['dot', 'a.b', false],
  ['space', 'a b', false],
];

type ErrorBody = { error: { code: string; details: { fields: { path: string; message: string }[] } } };

describe.each([
  ['network', (name: string) => ['/api/v1/networks', { name }] as const],
  ['app', (name: string) => ['/api/v1/networks/names-home/apps', { name }] as const],
])('%s names', (_kind, request) => {
  it.each(table)('%s (%j) → %s', async (_case, name, valid) => {
    const [path, body] = request(name);
    const res = await t.call<ErrorBody>('POST', path, { token, body });
    if (valid) {
      expect(res.status).toBe(201);
    } else {
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe('validation_failed');
      expect(res.body.error.details.fields.map((f) => f.path)).toEqual(['/name']);
    }
  });
});

describe('names in paths', () => {
  it('an invalid network name in the path answers 422 naming /path/network', async () => {
    const res = await t.call<ErrorBody>('GET', '/api/v1/networks/Bad_Name', { token });
    expect(res.status).toBe(422);
    expect(res.body.error.details.fields[0]?.path).toBe('/path/network');
  });
});
