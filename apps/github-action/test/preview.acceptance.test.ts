import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { MaxClient, MaxNotFoundError } from '@max/rig-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleDir, fetchThroughRouter, runAction, startFakeGithub, type ActionRun, type FakeGithub } from './action-runner.js';

// Preview apps per pull request, with the bundled Action against max-local and a loopback GitHub API: pr-7 gets
// the base app's vars and secrets (the secret value never touches the runner), one comment that re-runs update,
// and teardown on close.

let max: MaxLocal;
let dataDir: string;
let token: string;
let github: FakeGithub;
let client: MaxClient;
const SECRET = 'base-app-secret-value-7c1e';
const GITHUB_TOKEN = 'ghs_fakeGithubTokenForPreviewTests0001';
const runs: ActionRun[] = [];

const pullRequest = (action: string) => ({
  action,
  number: 7,
  pull_request: { number: 7, title: 'Add the checkout page', head: { sha: 'feedfacefeedfacefeedfacefeedfacefeedface' } },
  repository: { name: 'web', owner: { login: 'acme' } },
});

async function preview(command: 'preview' | 'preview-teardown', action: string): Promise<ActionRun> {
  const run = await runAction({
    inputs: { 'api-url': max.url, token, command, app: 'prod/web', 'preview-network': 'previews', dir: exampleDir, 'github-token': GITHUB_TOKEN },
    event: pullRequest(action),
    eventName: 'pull_request',
    env: { GITHUB_API_URL: github.url },
  });
  runs.push(run);
  return run;
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'rig-action-preview-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, log: false, stabilizationSeconds: 0 });
  token = await createApiToken({ dataDir, name: 'action-preview' });
  github = await startFakeGithub();
  client = new MaxClient({ apiUrl: max.url, token, retry: false });
  for (const name of ['prod', 'previews']) await client.networks.create({ name });
  await client.apps.create('prod', { name: 'web' });
  await client.vars.set({ network: 'prod', app: 'web' }, { GREETING: 'Preview hello' });
  await client.vars.set({ network: 'prod' }, { REGION: 'eu' });
  await client.secrets.set({ network: 'prod', app: 'web' }, { API_KEY: SECRET });
}, 60_000);

afterAll(async () => {
  try {
    for (const run of runs) {
      // Neither credential nor the base app's secret is in the runner's env (beyond the inputs), outputs, summary or logs.
      expect(run.masks).toEqual(expect.arrayContaining([token, GITHUB_TOKEN]));
      for (const value of [token, GITHUB_TOKEN, SECRET]) expect(run.everything).not.toContain(value);
      expect(JSON.stringify(run.env)).not.toContain(SECRET);
    }
    // Nor in anything sent to GitHub.
    expect(JSON.stringify(github.requests.map((r) => r.body))).not.toContain(SECRET);
  } finally {
    await github?.close();
    await max?.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

describe('command: preview', () => {
  it('pull_request opened: creates previews/pr-7 with the base app’s vars and secrets, deploys, comments once', async () => {
    const run = await preview('preview', 'opened');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', release: '1' });
    expect(run.outputs['url']).toMatch(/^http:\/\/pr-7\.previews\.localhost:\d+$/);
    // The app answers with the copied var (the example prints GREETING).
    expect(await fetchThroughRouter(max.routerUrl, 'pr-7.previews.localhost')).toEqual({ status: 200, body: 'Preview hello from node-http (release v1)\n' });
    const env = await client.apps.env('previews', 'pr-7');
    const byKey = Object.fromEntries(env.data.map((e) => [e.key, e]));
    expect(byKey['REGION']?.value).toBe('eu');
    expect(byKey['API_KEY']).toMatchObject({ source: 'secret', value: null });
    const base = await client.apps.env('prod', 'web');
    expect(byKey['API_KEY']?.digest).toBe(base.data.find((e) => e.key === 'API_KEY')?.digest);
    expect(run.summary).toContain('previews/pr-7');
    expect(run.summary).toContain('secrets copied on the platform (API_KEY)');

    const comments = github.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(run.outputs['url']);
    expect(comments[0]?.body).toContain('`feedfac`');
    expect(github.requests.every((r) => r.authorization === `token ${GITHUB_TOKEN}`)).toBe(true);
    // The deploy message: head SHA and the pull request's title.
    const [deployment] = await client.deployments.list('previews', 'pr-7').toArray({ max: 1 });
    expect(deployment?.message).toBe('feedfac Add the checkout page');
  }, 120_000);

  it('synchronize: a second run updates the same comment and the same app', async () => {
    await client.vars.set({ network: 'prod', app: 'web' }, { GREETING: 'Updated hello' });
    const run = await preview('preview', 'synchronize');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'live', 'previous-release': '1' });
    const comments = github.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain(`v${run.outputs['release']}`);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
    expect((await fetchThroughRouter(max.routerUrl, 'pr-7.previews.localhost')).body).toMatch(/^Updated hello from node-http/);
  }, 120_000);

  it('closed: preview-teardown deletes the app and marks the comment; a second teardown is a no-op', async () => {
    const run = await preview('preview-teardown', 'closed');
    expect(run.code, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ status: 'deleted', 'exit-code': '0' });
    await expect(client.apps.get('previews', 'pr-7')).rejects.toBeInstanceOf(MaxNotFoundError);
    const comments = github.comments.get(7) ?? [];
    expect(comments).toHaveLength(1);
    expect(comments[0]?.body).toContain('was deleted');
    const again = await preview('preview-teardown', 'closed');
    expect(again.code, again.stdout).toBe(0);
    expect(again.summary).toContain('was already gone');
    expect(github.comments.get(7)).toHaveLength(1);
  }, 60_000);
});
