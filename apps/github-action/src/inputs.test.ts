import { afterEach, describe, expect, it } from 'vitest';
import { defaultMessage, InputError, parseArgs, parseTimeout, previewName, readInputs, type EventFacts } from './inputs.js';

// Inputs come from INPUT_* variables, as on a runner (actions/cache's tests do the same).
const set: string[] = [];
function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const key = `INPUT_${name.toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
}
afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key];
});

const push: EventFacts = { name: 'push', sha: '0123456789abcdef', title: 'Fix the header', pullRequest: undefined };
const pr: EventFacts = { name: 'pull_request', sha: 'feedface00', title: 'Add checkout', pullRequest: { number: 7, action: 'opened', owner: 'acme', repo: 'web' } };

describe('parseTimeout', () => {
  it.each([
    ['90s', 90_000],
    ['15m', 900_000],
    ['1h', 3_600_000],
    ['45', 45_000],
  ])('%s → %i ms', (value, ms) => expect(parseTimeout(value)).toBe(ms));
  it.each(['soon', '0s', '500ms', '7h', '-1m', '1.5m'])('refuses %s', (value) => expect(() => parseTimeout(value)).toThrow(InputError));
});

describe('parseArgs', () => {
  it('splits words with quotes and no expansion', () => {
    expect(parseArgs(`npm run "db migrate" --name 'a b' $HOME`)).toEqual(['npm', 'run', 'db migrate', '--name', 'a b', '$HOME']);
    expect(parseArgs(`echo ""`)).toEqual(['echo', '']);
    expect(parseArgs('')).toEqual([]);
  });
  it('takes a JSON array of strings as-is', () => {
    expect(parseArgs('["sh", "-c", "exit 3"]')).toEqual(['sh', '-c', 'exit 3']);
    expect(() => parseArgs('[1, 2]')).toThrow(/non-empty JSON array of strings/);
    expect(() => parseArgs('[oops')).toThrow(/not a JSON array/);
  });
  it('refuses an unclosed quote', () => expect(() => parseArgs('echo "hi')).toThrow(/unclosed " quote/));
});

describe('previewName', () => {
  it('fills in the pull request number', () => {
    expect(previewName('pr-{number}', 7)).toBe('pr-7');
    expect(previewName('web-pr-{{number}}', 12)).toBe('web-pr-12');
  });
  it('refuses a name that is not an app name', () => expect(() => previewName('PR_{number}', 7)).toThrow(/not an app name/));
});

describe('defaultMessage', () => {
  it('is the short SHA and the title', () => {
    expect(defaultMessage(push)).toBe('0123456 Fix the header');
    expect(defaultMessage({ ...push, title: undefined })).toBe('0123456');
    expect(defaultMessage({ ...push, sha: '' })).toBe('Fix the header');
  });
});

describe('readInputs', () => {
  it('reads a deploy with its defaults', () => {
    inputs({ 'api-url': 'https://api.max.example/', app: 'prod/web' });
    expect(readInputs(push, {})).toMatchObject({
      apiUrl: 'https://api.max.example',
      command: 'deploy',
      app: { network: 'prod', app: 'web' },
      dir: '.',
      create: false,
      rollback: true,
      timeoutMs: 900_000,
      message: '0123456 Fix the header',
      preview: undefined,
    });
  });

  it('reads a preview: the base app, the preview network and name, created by default', () => {
    inputs({ 'api-url': 'http://127.0.0.1:4000', command: 'preview', app: 'prod/web', 'preview-network': 'previews' });
    expect(readInputs(pr, { GITHUB_TOKEN: 'ghs_x' })).toMatchObject({ preview: { network: 'previews', name: 'pr-7' }, create: true, githubToken: 'ghs_x' });
  });

  it.each([
    [{}, /"api-url" is required/],
    [{ 'api-url': 'not a url' }, /"api-url" is not a URL/],
    [{ 'api-url': 'ftp://x' }, /must be an http\(s\) URL/],
    [{ 'api-url': 'https://user:pw@x' }, /must not carry credentials/],
    [{ 'api-url': 'https://x' }, /"app" is required for command: deploy/],
    [{ 'api-url': 'https://x', app: 'prod/web', 'stabilization-seconds': '999' }, /"stabilization-seconds" must be a whole number/],
    [{ 'api-url': 'https://x', app: 'prod/web', create: 'perhaps' }, /"create" must be true or false/],
  ])('refuses %o', (values, message) => {
    inputs(values);
    expect(() => readInputs(push, {})).toThrow(message);
  });

  it('refuses a preview that would overwrite its base app', () => {
    inputs({ 'api-url': 'https://x', command: 'preview', app: 'prod/pr-7' });
    expect(() => readInputs(pr, {})).toThrow(/would be the base app prod\/pr-7 itself/);
  });

  it('takes the API URL from RIG_API_URL when the input is empty', () => {
    inputs({ app: 'prod/web' });
    expect(readInputs(push, { RIG_API_URL: 'http://127.0.0.1:4000' }).apiUrl).toBe('http://127.0.0.1:4000');
  });
});
