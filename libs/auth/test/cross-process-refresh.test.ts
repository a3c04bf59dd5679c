import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileCredentialStore } from '../src/file-store.js';
import { session, tempDir } from './helpers.js';

const here = dirname(fileURLToPath(import.meta.url));
const projectDir = join(here, '..');

/** A token endpoint with rotating refresh tokens: reusing one answers 401, as the platform does. */
function refreshServer(): Promise<{ url: string; refreshes: string[]; server: Server }> {
  const refreshes: string[] = [];
  let live = 'mxr_old';
  let n = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const { refresh_token } = JSON.parse(body) as { refresh_token: string };
      refreshes.push(refresh_token);
      // Slow enough that the other process is certainly waiting on the lock meanwhile.
      setTimeout(() => {
        const headers = { 'content-type': 'application/json', 'x-request-id': `req_${refreshes.length}` };
        if (req.url !== '/api/v1/auth/token' || refresh_token !== live) {
          res.writeHead(401, headers).end(JSON.stringify({ error: { code: 'unauthenticated', message: 'Refresh token reused', request_id: 'req' } }));
          return;
        }
        n += 1;
        live = `mxr_rotated${n}`;
        res.writeHead(200, headers).end(
          JSON.stringify({ access_token: `mxa_rotated${n}`, refresh_token: live, token_type: 'Bearer', expires_in: 3600, scope: 'admin' }),
        );
      }, 400);
    });
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, refreshes, server })));
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
});

function runChild(env: NodeJS.ProcessEnv): { ready: Promise<void>; done: Promise<{ code: number | null; lines: string[]; stderr: string }> } {
  const child = spawn(process.execPath, ['--conditions=@max/source', '--import', 'tsx', join(here, 'fixtures/refresh-child.ts')], {
    cwd: projectDir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout?.on('data', (c: Buffer) => {
    stdout += c.toString();
    if (stdout.includes('ready\n')) markReady();
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<{ code: number | null; lines: string[]; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, lines: stdout.trim().split('\n'), stderr })),
  );
  return { ready, done };
}

describe('refresh across processes', () => {
  it('two processes sharing a config dir refresh an expired session exactly once', async () => {
    const configDir = await tempDir();
    const { url, refreshes, server } = await refreshServer();
    await createFileCredentialStore({ configDir }).set(url, session({ apiUrl: url }, -60_000));
    try {
      const goFile = join(configDir, 'go');
      const env: NodeJS.ProcessEnv = { ...process.env, RIG_CONFIG_DIR: configDir, RIG_CREDENTIAL_STORE: 'file', RIG_API_URL: url, GO_FILE: goFile };
      delete env['RIG_TOKEN'];
      const a = runChild(env);
      const b = runChild(env);
      await Promise.all([a.ready, b.ready]);
      await writeFile(goFile, '');
      const results = await Promise.all([a.done, b.done]);

      for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      expect(results.map((r) => JSON.parse(r.lines.at(-1) ?? '{}'))).toEqual([{ token: 'mxa_rotated1' }, { token: 'mxa_rotated1' }]);
      expect(refreshes).toEqual(['mxr_old']);
      const stored = await createFileCredentialStore({ configDir }).get(url);
      expect(stored).toMatchObject({ accessToken: 'mxa_rotated1', refreshToken: 'mxr_rotated1' });
    } finally {
      server.close();
    }
  }, 30_000);
});
