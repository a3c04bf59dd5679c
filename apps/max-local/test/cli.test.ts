import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Database } from '../src/db/database.js';
import { apiClient } from './helpers/api.js';

// End-to-end: the BUILT bin, as a user runs it. beforeAll builds the bundle when it is stale (esbuild, ~0.5 s).
const root = fileURLToPath(new URL('..', import.meta.url));
const bin = join(root, 'bin', 'max-local.mjs');
const run = promisify(execFile);

let dataDir = '';
beforeAll(async () => {
  await run('sh', ['-c', 'if command -v flock >/dev/null; then flock /tmp/build.lock node build.mjs --if-stale; else node build.mjs --if-stale; fi'], { cwd: root });
  dataDir = await mkdtemp(join(tmpdir(), 'max-local-cli-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Spawns the server and resolves once its banner names the URL. */
function startServer(args: string[]): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [bin, '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${stderr}`)), 15_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(stderr);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], stderr: () => stderr });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited early (${code}):\n${stderr}`));
    });
  });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });

describe('max-local CLI (built bundle)', () => {
  it('--help and --version print to stdout and exit 0; bad flags exit 2 with a clear message', async () => {
    const help = await run(process.execPath, [bin, '--help']);
    expect(help.stdout).toContain('max-local token create');
    const version = await run(process.execPath, [bin, '--version']);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    for (const args of [['--prot', '1'], ['--port', 'abc'], ['token', 'create', '--scope', 'root'], ['serve']]) {
      const failure = await run(process.execPath, [bin, ...args]).then(
        () => null,
        (error: { code: number; stderr: string; stdout: string }) => error,
      );
      expect(failure?.code).toBe(2);
      expect(failure?.stderr).toMatch(/^max-local: .+\nRun "max-local --help" for usage\.\n$/);
      expect(failure?.stdout).toBe('');
    }
  });

  it('token create works while a server runs on the same data dir, and the server accepts the token; SIGTERM exits 0 with the DB intact', async () => {
    const server = await startServer(['--data-dir', dataDir]);
    try {
      expect(server.stderr()).toMatch(/\/login\?token=/);
      const created = await run(process.execPath, [bin, 'token', 'create', '--data-dir', dataDir, '--scope', 'deploy', '--name', 'ci']);
      const token = created.stdout.trim();
      expect(token).toMatch(/^mxp_[A-Za-z0-9_-]{43}$/);
      expect(created.stdout).toBe(`${token}\n`);
      const call = apiClient(server.url);
      const me = await call<{ auth: { scope: string } }>('GET', '/api/v1/me', { token });
      expect(me.status).toBe(200);
      expect(me.body.auth.scope).toBe('deploy');
      expect((await call('POST', '/api/v1/networks', { token, body: { name: 'from-cli' } })).status).toBe(201);
      // The request log names method, path (no query string), status — never the token.
      await call('GET', '/api/v1/networks?q=from', { token });
      // The log line is written after the response is sent, and reaches us through a pipe: wait for it.
      await vi.waitFor(() => expect(server.stderr()).toMatch(/GET \/api\/v1\/networks 200 [\d.]+ms req_/), { timeout: 5_000 });
      expect(server.stderr()).not.toContain(token);
      expect(server.stderr()).not.toContain('q=from');
    } finally {
      server.child.kill('SIGTERM');
    }
    expect(await exited(server.child)).toBe(0);
    expect(server.stderr()).toContain('stopped');
    const db = Database.open(dataDir);
    try {
      expect(db.get<{ integrity_check: string }>('PRAGMA integrity_check')?.integrity_check).toBe('ok');
      expect(db.get<{ name: string }>('SELECT name FROM networks')?.name).toBe('from-cli');
    } finally {
      db.close();
    }
  });

  it('finishes an in-flight request on SIGTERM before exiting', async () => {
    const server = await startServer(['--data-dir', dataDir]);
    const created = await run(process.execPath, [bin, 'token', 'create', '--data-dir', dataDir]);
    const token = created.stdout.trim();
    const inFlight = fetch(`${server.url}/api/v1/networks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'last-one' }),
    });
    server.child.kill('SIGTERM');
    const response = await inFlight.catch(() => null);
    expect(await exited(server.child)).toBe(0);
    // Either the request completed (201) or it arrived after the listener closed (connection refused):
    // never a half-written state.
    const db = Database.open(dataDir);
    try {
      const row = db.get<{ n: number }>("SELECT COUNT(*) AS n FROM networks WHERE name = 'last-one'");
      expect(row?.n).toBe(response?.status === 201 ? 1 : 0);
    } finally {
      db.close();
    }
  });
});
