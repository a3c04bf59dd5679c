import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReleaseFailedError } from '../../src/deploy/deploy-errors.js';
import { ProcessSupervisor, type ProcessState, type RuntimeLogLine, type StateChangeInfo } from '../../src/deploy/process-supervisor.js';
import { alive, httpGet, tempDir, waitFor, writeTestApp } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
const supervisors: ProcessSupervisor[] = [];

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  await writeTestApp(dir);
});
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.stop()));
  await cleanup();
});

function supervise(env: Record<string, string>, extra: Partial<ConstructorParameters<typeof ProcessSupervisor>[0]> = {}) {
  const states: { state: ProcessState; info: StateChangeInfo }[] = [];
  const lines: RuntimeLogLine[] = [];
  const supervisor = new ProcessSupervisor({
    version: 1,
    command: 'node app.js',
    cwd: dir,
    env: { MAX_RELEASE: '1', ...env },
    health: { path: '/healthz', timeoutMs: 5000, intervalMs: 50 },
    onStateChange: (state, info) => states.push({ state, info }),
    onLogLine: (line) => lines.push(line),
    ...extra,
  });
  supervisors.push(supervisor);
  return { supervisor, states, lines };
}

const startsIn = async (file: string): Promise<number[]> =>
  (await readFile(file, 'utf8').catch(() => '')).split('\n').filter(Boolean).map(Number);

describe('ProcessSupervisor', () => {
  it('starts with PORT, captures output, and reports healthy', async () => {
    const { supervisor, states, lines } = supervise({});
    await supervisor.start();
    expect(supervisor.state).toBe('running');
    expect(states.map((s) => s.state)).toEqual(['starting', 'running']);
    const res = await httpGet(supervisor.port, 'x', '/');
    expect(res.body).toMatch(/^hello v1/);
    await waitFor(() => lines.some((l) => l.source === 'app' && l.stream === 'stderr' && l.line === 'stderr hello'), 5000, 'stderr line');
    expect(lines).toContainEqual({ source: 'app', stream: 'stdout', line: `listening on ${supervisor.port}` });
    expect(lines.some((l) => l.source === 'platform' && l.line.includes('healthy'))).toBe(true);
  });

  it('restarts a crashing process with capped exponential backoff, on the same port, until stopped', async () => {
    const startsFile = join(dir, 'starts');
    const { supervisor, states } = supervise(
      { CRASH_AFTER_MS: '150', STARTS_FILE: startsFile },
      { backoff: { initialMs: 100, factor: 2, maxMs: 400, resetAfterMs: 60_000 } },
    );
    await supervisor.start();
    const port = supervisor.port;
    await waitFor(() => states.filter((s) => s.state === 'backoff').length >= 4, 15_000, 'four restarts');
    const delays = states.filter((s) => s.state === 'backoff').map((s) => s.info.delayMs);
    expect(delays.slice(0, 4)).toEqual([100, 200, 400, 400]);
    const crash = states.find((s) => s.state === 'crashed');
    expect(crash?.info).toMatchObject({ exitCode: 1 });
    expect(states.slice(0, 6).map((s) => s.state)).toEqual(['starting', 'running', 'crashed', 'backoff', 'starting', 'running']);
    expect(supervisor.port).toBe(port);

    await supervisor.stop();
    expect(supervisor.state).toBe('stopped');
    const pids = await startsIn(startsFile);
    await new Promise((r) => setTimeout(r, 700));
    expect(await startsIn(startsFile)).toEqual(pids); // no restart after stop
    expect(pids.every((pid) => !alive(pid))).toBe(true);
  });

  it('resets the backoff after a stable period', async () => {
    const { supervisor, states } = supervise({ CRASH_AFTER_MS: '300' }, { backoff: { initialMs: 50, factor: 4, maxMs: 10_000, resetAfterMs: 200 } });
    await supervisor.start();
    await waitFor(() => states.filter((s) => s.state === 'backoff').length >= 3, 15_000, 'three restarts');
    expect(states.filter((s) => s.state === 'backoff').map((s) => s.info.delayMs).slice(0, 3)).toEqual([50, 50, 50]);
  });

  it('fails the first start when the process exits or never becomes healthy, and leaves nothing running', async () => {
    const exits = supervise({}, { command: 'echo boom >&2; exit 7' });
    const error = await exits.supervisor.start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReleaseFailedError);
    expect(error).toMatchObject({ failure: { stage: 'release', reason: 'start_failed' } });
    expect((error as Error).message).toContain('code 7');
    expect(exits.supervisor.state).toBe('stopped');

    const startsFile = join(dir, 'unhealthy-starts');
    const unhealthy = supervise({ UNHEALTHY: '1', STARTS_FILE: startsFile }, { health: { path: '/healthz', timeoutMs: 800, intervalMs: 50 } });
    const error2 = await unhealthy.supervisor.start().catch((e: unknown) => e);
    expect(error2).toMatchObject({ failure: { reason: 'health_check_failed' } });
    const [pid] = await startsIn(startsFile);
    expect(pid && alive(pid)).toBe(false);
  });

  it('health-checks an open TCP port when no path is given', async () => {
    const { supervisor } = supervise({ UNHEALTHY: '1' }, { health: { path: null, timeoutMs: 5000, intervalMs: 50 } });
    await supervisor.start(); // /healthz would 500, but the port is open
    expect(supervisor.state).toBe('running');
  });

  it('stops the whole process group, SIGKILLing what ignores SIGTERM after the grace period', async () => {
    const startsFile = join(dir, 'starts');
    // `sh` runs node as a child, as `npm start` would: killing only the leader would orphan the server.
    const { supervisor, lines } = supervise(
      { IGNORE_TERM: '1', STARTS_FILE: startsFile },
      { command: 'node app.js; echo after', stopGraceMs: 300 },
    );
    await supervisor.start();
    const [pid] = await startsIn(startsFile);
    expect(pid).not.toBe(supervisor.pid);
    const stopping = Date.now();
    await supervisor.stop();
    expect(Date.now() - stopping).toBeGreaterThanOrEqual(250);
    // SIGKILL is delivered asynchronously: the grandchild dies moments after the group is signalled.
    await vi.waitFor(() => expect(alive(pid as number)).toBe(false), { timeout: 2_000 });
    expect(lines.some((l) => l.source === 'platform' && l.line.includes('killing'))).toBe(true);
  });
});
