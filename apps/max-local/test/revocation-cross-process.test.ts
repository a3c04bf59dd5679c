// A token revoked by ANOTHER process on the same data dir (`max-local token revoke`) closes its live sockets
// within the revocation poll interval (ADR 0010), not only at their next reconnect.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, startMaxLocal, type MaxLocal } from '../src/index.js';
import { RawClient, upgradeStatus, tokenProtocol } from './realtime/harness.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'max-local.mjs');
const run = promisify(execFile);

let dir: string;
let max: MaxLocal;
let port: number;

beforeAll(async () => {
  // The bin runs the bundle: build it if stale (serialised with other builds on a shared machine when flock exists).
  await run('sh', ['-c', 'if command -v flock >/dev/null; then flock /tmp/build.lock node build.mjs --if-stale; else node build.mjs --if-stale; fi'], { cwd: root });
  dir = await mkdtemp(join(tmpdir(), 'max-local-xrevoke-'));
  max = await startMaxLocal({ port: 0, dataDir: dir });
  port = Number(new URL(max.url).port);
});
afterAll(async () => {
  await max?.close();
  await rm(dir, { recursive: true, force: true });
});

async function exchange(apiToken: string): Promise<string> {
  const response = await fetch(`${max.url}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'token_exchange', subject_token: apiToken }),
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

describe('revocation from another process', () => {
  it('max-local token revoke <id> closes the sockets of the token and of sessions exchanged from it', async () => {
    const token = await createApiToken({ dataDir: dir, name: 'to-revoke' });
    const bystanderToken = await createApiToken({ dataDir: dir, name: 'bystander' });
    const direct = await RawClient.open(port, { token });
    const session = await RawClient.open(port, { token: await exchange(token) });
    const bystander = await RawClient.open(port, { token: bystanderToken });

    const listed = await run(process.execPath, [bin, 'token', 'list', '--data-dir', dir]);
    const id = listed.stdout.split('\n').find((line) => line.endsWith('\tto-revoke'))?.split('\t')[0];
    expect(id).toMatch(/^tok_/);
    expect(listed.stdout).not.toContain(token);
    const revoked = await run(process.execPath, [bin, 'token', 'revoke', id ?? '', '--data-dir', dir]);
    expect(revoked.stderr).toContain(`revoked ${id ?? ''}`);

    // No duration is asserted (loaded machines); the poll interval is 250 ms and the test timeout generous.
    expect(await direct.closed).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await session.closed).toEqual({ code: 4401, reason: 'token_revoked' });
    expect(await upgradeStatus(port, ['phoenix', tokenProtocol(token)])).toBe(403);
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    bystander.close();
  }, 30_000);

  it('--stdin revokes by the token itself (never an argument); a bad or unknown one is refused', async () => {
    const token = await createApiToken({ dataDir: dir, name: 'by-value' });
    const client = await RawClient.open(port, { token });
    const child = execFile(process.execPath, [bin, 'token', 'revoke', '--stdin', '--data-dir', dir]);
    child.stdin?.end(`${token}\n`);
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(await client.closed).toEqual({ code: 4401, reason: 'token_revoked' });

    const again = await run(process.execPath, [bin, 'token', 'revoke', 'tok_doesnotexist', '--data-dir', dir]).catch((error: { code: number; stderr: string }) => error);
    expect(again).toMatchObject({ code: 1, stderr: expect.stringContaining('no live API token matches') });
    const pasted = await run(process.execPath, [bin, 'token', 'revoke', token, '--data-dir', dir]).catch((error: { code: number; stderr: string }) => error);
    expect(pasted).toMatchObject({ code: 2 });
    expect((pasted as { stderr: string }).stderr).not.toContain(token);
  }, 30_000);
});
