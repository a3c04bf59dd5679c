// How shell sessions and runs end, and that nothing of theirs outlives them: output past the buffer is a gap,
// the detach timeout, per-user limits, and max-local stopping — gracefully (SIGTERM → close()) or killed with -9,
// after which the next start stops the leftovers and ends the records. Pids are checked in /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, startMaxLocal } from '../../src/index.js';
import { apiClient, type Call } from '../helpers/api.js';
import { alive, makeApp, pidsIn, record, shellWorld, until, type ShellWorld } from './helpers.js';

let w: ShellWorld;
const BUFFER = 64 * 1024;

beforeAll(async () => {
  w = await shellWorld({ shells: { outputBufferBytes: BUFFER, detachTimeoutSeconds: 1, maxShellsPerUser: 2, maxRunsPerUser: 2, hangupGraceMs: 500 } });
  await makeApp(w);
}, 60_000);

afterAll(async () => {
  await w.stop();
});

const shellsPath = '/api/v1/networks/net/apps/web/shells';
const runsPath = '/api/v1/networks/net/apps/web/runs';

describe('buffer, detach timeout and limits', () => {
  it('reports output that scrolled out of the buffer as a gap, then replays the rest', async () => {
    const created = await w.t.call<{ id: string }>('POST', shellsPath, {
      token: w.token,
      body: { cols: 80, rows: 24, command: ['sh', '-c', 'yes | head -n 50000; sleep 60'], detach_timeout_seconds: 60 },
    });
    const total = 150_000; // "y\r\n" × 50,000
    const deadline = Date.now() + 20_000;
    while ((await w.t.call<{ output_bytes: number }>('GET', `/api/v1/shells/${created.body.id}`, { token: w.token })).body.output_bytes < total) {
      if (Date.now() > deadline) throw new Error('output did not arrive');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const rec = record(w.connect(), `shell:${created.body.id}`, () => ({ output_offset: 0 }));
    expect(await rec.joined).toMatchObject({ output_offset: total - BUFFER, output_bytes: total });
    await until(() => rec.bytes().length === BUFFER, 'the buffered tail');
    expect(rec.events[0]).toEqual({ event: 'gap', payload: { from_offset: 0, to_offset: total - BUFFER, reason: 'retention' } });
    const expected = 'y\r\n'.repeat(50_000).slice(total - BUFFER);
    expect(rec.bytes().toString()).toBe(expected);
    await w.t.call('DELETE', `/api/v1/shells/${created.body.id}`, { token: w.token });
    await until(() => rec.closed(), 'close');
  });

  it('ends a session nobody is attached to after detach_timeout_seconds, killing its whole session', async () => {
    const created = await w.t.call<{ id: string; pid: number; detach_timeout_seconds: number }>('POST', shellsPath, {
      token: w.token,
      body: { cols: 80, rows: 24, command: ['sh', '-c', 'sleep 1000 & echo PID=$!; sleep 1000'] },
    });
    expect(created.body.detach_timeout_seconds).toBe(1);
    const rec = record(w.connect(), `shell:${created.body.id}`);
    await rec.joined;
    await until(() => pidsIn(rec.bytes().toString()).length === 1, 'the background pid');
    const [background] = pidsIn(rec.bytes().toString());
    // Attached, it lives on past the timeout; once the client leaves, the timer starts.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(alive(created.body.pid)).toBe(true);
    rec.channel.leave();
    await until(() => !alive(created.body.pid) && !alive(background as number), 'the session killed after the detach timeout');
    const deadline = Date.now() + 20_000;
    while ((await w.t.call<{ state: string }>('GET', `/api/v1/shells/${created.body.id}`, { token: w.token })).body.state !== 'exited') {
      if (Date.now() > deadline) throw new Error('the session record did not end');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const events = await w.t.call<{ data: { action: string; target: { id?: string }; details: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/events?action=shell.ended',
      { token: w.token },
    );
    expect(events.body.data.find((e) => e.target.id === created.body.id)?.details).toMatchObject({ reason: 'detach_timeout', signal: 'SIGHUP' });
  });

  it('answers 429 session_limit past the per-user limit of live sessions and runs', async () => {
    const body = { cols: 80, rows: 24, command: ['sleep', '1000'], detach_timeout_seconds: 60 };
    const shells = [
      await w.t.call<{ id: string }>('POST', shellsPath, { token: w.token, body }),
      await w.t.call<{ id: string }>('POST', '/api/v1/networks/net/shells', { token: w.token, body }),
    ];
    const refused = await w.t.call<{ error: { code: string; message: string; details: Record<string, unknown> } }>('POST', shellsPath, { token: w.token, body });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: 'session_limit', details: { kind: 'shell', limit: 2, live: 2 } });
    expect(refused.body.error.message).toMatch(/rig shell kill/);
    // Another user has limits of their own.
    await w.t.call('POST', '/api/v1/networks', { token: w.other, body: { name: 'other-net' } });
    expect((await w.t.call('POST', '/api/v1/networks/other-net/shells', { token: w.other, body })).status).toBe(201);
    const runs = [
      await w.t.call<{ id: string }>('POST', runsPath, { token: w.token, body: { command: ['sleep', '1000'] } }),
      await w.t.call<{ id: string }>('POST', runsPath, { token: w.token, body: { command: ['sleep', '1000'] } }),
    ];
    const refusedRun = await w.t.call<{ error: { code: string; details: Record<string, unknown> } }>('POST', runsPath, { token: w.token, body: { command: ['true'] } });
    expect(refusedRun.status).toBe(429);
    expect(refusedRun.body.error).toMatchObject({ code: 'session_limit', details: { kind: 'run', limit: 2, live: 2 } });
    // Ending one frees a slot.
    await w.t.call('DELETE', `/api/v1/shells/${shells[0]?.body.id}`, { token: w.token });
    const freed = async (): Promise<number> => (await w.t.call('POST', shellsPath, { token: w.token, body })).status;
    const deadline = Date.now() + 20_000;
    let status = await freed();
    while (status === 429 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = await freed();
    }
    expect(status).toBe(201);
    for (const run of runs) await w.t.call('POST', `/api/v1/runs/${run.body.id}/cancel`, { token: w.token });
  });
});

// ---- max-local stopping ----

const root = fileURLToPath(new URL('../..', import.meta.url));
const children: ChildProcess[] = [];
const leftovers: number[] = [];

afterAll(() => {
  for (const pid of leftovers.filter(alive)) process.kill(pid, 'SIGKILL');
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** max-local in a process of its own (the fixture the kill -9 tests use); resolves once it listens. */
function spawnMaxLocal(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--conditions=@max/source', '--import', 'tsx', 'test/fixtures/max-local-process.ts', dataDir], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve({ url: (JSON.parse(out.split('\n')[0] as string) as { url: string }).url, child });
    });
    child.once('exit', (code) => reject(new Error(`max-local exited early (${code})`)));
  });
}

/** A shell and a run, each with a background child, in a max-local of its own; returns their ids and leader pids. */
async function startFamilies(call: Call, token: string): Promise<{ shell: string; run: string; pids: number[] }> {
  await call('POST', '/api/v1/networks', { token, body: { name: 'stop' } });
  await call('POST', '/api/v1/networks/stop/apps', { token, body: { name: 'box' } });
  const command = ['sh', '-c', 'sleep 1000 & echo PID=$!; sleep 1000'];
  const shell = await call<{ id: string; pid: number }>('POST', '/api/v1/networks/stop/apps/box/shells', { token, body: { cols: 80, rows: 24, command } });
  const run = await call<{ id: string; pid: number }>('POST', '/api/v1/networks/stop/apps/box/runs', { token, body: { command } });
  return { shell: shell.body.id, run: run.body.id, pids: [shell.body.pid, run.body.pid] };
}

describe('max-local stopping', () => {
  it('close() (what SIGTERM/SIGINT of the bin call) ends every session and run and leaves no process behind', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'max-local-shell-close-'));
    try {
      const first = await startMaxLocal({ port: 0, dataDir });
      const token = await createApiToken({ dataDir, scope: 'deploy' });
      const families = await startFamilies(apiClient(first.url), token);
      const all = [...families.pids, ...(await backgroundPids(first.url, token, families))];
      leftovers.push(...all);
      expect(all.every(alive)).toBe(true);
      await first.close();
      expect(all.filter(alive)).toEqual([]);
      const next = await startMaxLocal({ port: 0, dataDir });
      try {
        await expectEnded(apiClient(next.url), token, families, 'shutdown');
      } finally {
        await next.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('kill -9: the next start stops every process of the sessions and runs it left, and ends their records', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'max-local-shell-kill-'));
    try {
      const first = await spawnMaxLocal(dataDir);
      const token = await createApiToken({ dataDir, scope: 'deploy' });
      const families = await startFamilies(apiClient(first.url), token);
      const all = [...families.pids, ...(await backgroundPids(first.url, token, families))];
      leftovers.push(...all);
      expect(all.every(alive)).toBe(true);
      first.child.kill('SIGKILL');
      await until(() => first.child.signalCode === 'SIGKILL', 'max-local to die');
      const next = await startMaxLocal({ port: 0, dataDir });
      try {
        await until(() => !all.some(alive), 'no process left after the next start');
        await expectEnded(apiClient(next.url), token, families, 'restart');
      } finally {
        await next.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

async function expectEnded(call: Call, token: string, families: { shell: string; run: string }, reason: string): Promise<void> {
  const shell = await call<{ state: string }>('GET', `/api/v1/shells/${families.shell}`, { token });
  const run = await call<{ state: string; error: string | null }>('GET', `/api/v1/runs/${families.run}`, { token });
  expect(shell.body.state).toBe('exited');
  expect(run.body).toMatchObject({ state: 'cancelled', error: 'max-local stopped during this run.' });
  const events = await call<{ data: { action: string; target: { id?: string }; details: Record<string, unknown> }[] }>(
    'GET',
    '/api/v1/events?action=shell.ended',
    { token },
  );
  expect(events.body.data.find((e) => e.target.id === families.shell)?.details['reason']).toBe(reason);
}

/** The background children's pids, read from both outputs over the socket. */
async function backgroundPids(url: string, token: string, families: { shell: string; run: string }): Promise<number[]> {
  const { Socket } = await import('phoenix');
  const WebSocket = (await import('ws')).default;
  const socket = new Socket(`${url.replace('http', 'ws')}/socket`, { transport: WebSocket, authToken: token });
  socket.connect();
  try {
    const shell = record(socket, `shell:${families.shell}`);
    const run = record(socket, `exec:${families.run}`);
    await Promise.all([shell.joined, run.joined]);
    await until(() => pidsIn(shell.bytes().toString()).length === 1 && pidsIn(run.bytes().toString()).length === 1, 'background pids');
    shell.channel.leave();
    run.channel.leave();
    return [...pidsIn(shell.bytes().toString()), ...pidsIn(run.bytes().toString())];
  } finally {
    socket.disconnect();
  }
}
