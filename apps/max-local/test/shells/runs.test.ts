// Command runs on real child processes through the official phoenix client: stdout and stderr apart, exit codes,
// stdin with backpressure and stdin_eof, signals, timeout, cancel, command not found, env, audit events.
import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, makeApp, pidsIn, record, shellWorld, until, type ShellWorld } from './helpers.js';

let w: ShellWorld;

interface Run {
  id: string;
  state: string;
  exit_code: number | null;
  signal: string | null;
  error: string | null;
  pid: number | null;
  output_bytes: number;
  attached_clients: number;
  command: string[];
}

beforeAll(async () => {
  w = await shellWorld();
  await makeApp(w);
}, 60_000);

afterAll(async () => {
  await w.stop();
});

async function createRun(body: object, path = '/api/v1/networks/net/apps/web/runs'): Promise<Run> {
  const res = await w.t.call<Run>('POST', path, { token: w.token, body });
  if (res.status !== 201) throw new Error(`create run: ${res.status} ${res.text}`);
  return res.body;
}

const exitOf = (rec: ReturnType<typeof record>) => rec.events.find((e) => e.event === 'exit')?.payload;

describe('command runs', () => {
  it('keeps stdout and stderr apart and reports the exit code', async () => {
    const run = await createRun({ command: ['sh', '-c', 'echo out; echo err >&2; exit 42'] });
    const rec = record(w.connect(), `exec:${run.id}`, (position) => ({ output_offset: position }));
    await rec.joined;
    await until(() => rec.closed(), 'exit and close');
    expect(rec.bytesOf('stdout').toString()).toBe('out\n');
    expect(rec.bytesOf('stderr').toString()).toBe('err\n');
    expect(exitOf(rec)).toEqual({ state: 'exited', exit_code: 42, signal: null, error: null, output_bytes: 8 });
    const got = await w.t.call<Run>('GET', `/api/v1/runs/${run.id}`, { token: w.token });
    expect(got.body).toMatchObject({ state: 'exited', exit_code: 42, output_bytes: 8, command: ['sh', '-c', 'echo out; echo err >&2; exit 42'] });
  });

  it('streams stdin with backpressure (1 MiB through sha256sum), then stdin_eof; stdin after eof is refused', async () => {
    const data = randomBytes(1024 * 1024);
    const run = await createRun({ command: ['sh', '-c', 'sha256sum; echo done; sleep 30'] });
    const rec = record(w.connect(), `exec:${run.id}`);
    await rec.joined;
    for (let at = 0; at < data.length; at += 32 * 1024) {
      // Each push is answered once the bytes are in the pipe: waiting for the reply is the backpressure.
      expect((await rec.push('stdin', data.subarray(at, at + 32 * 1024))).status).toBe('ok');
    }
    expect((await rec.push('stdin_eof', {})).status).toBe('ok');
    const after = await rec.push('stdin', Buffer.from('late'));
    expect(after).toMatchObject({ status: 'error', response: { reason: 'exited' } });
    await until(() => rec.bytesOf('stdout').toString().includes('done'), 'sha256sum output');
    expect(rec.bytesOf('stdout').toString()).toBe(`${createHash('sha256').update(data).digest('hex')}  -\ndone\n`);
    // Cancel: SIGTERM to the group, the run ends cancelled.
    const cancel = await w.t.call<Run>('POST', `/api/v1/runs/${run.id}/cancel`, { token: w.token });
    expect(cancel.status).toBe(200);
    await until(() => rec.closed(), 'exit after cancel');
    expect(exitOf(rec)).toMatchObject({ state: 'cancelled', signal: 'SIGTERM', exit_code: null });
    expect(alive(run.pid as number)).toBe(false);
    // Cancelling a finished run returns it unchanged.
    const again = await w.t.call<Run>('POST', `/api/v1/runs/${run.id}/cancel`, { token: w.token });
    expect(again.body.state).toBe('cancelled');
  });

  it('delivers a signal (Ctrl-C as SIGINT) to the process group', async () => {
    const run = await createRun({ command: ['sh', '-c', 'trap "echo got-int; exit 5" INT; echo ready; while :; do sleep 0.05; done'] });
    const rec = record(w.connect(), `exec:${run.id}`);
    await rec.joined;
    await until(() => rec.bytesOf('stdout').toString().includes('ready'), 'ready');
    expect(await rec.push('signal', { signal: 'SIGBOGUS' })).toMatchObject({ status: 'error', response: { reason: 'invalid_payload' } });
    expect((await rec.push('signal', { signal: 'SIGINT' })).status).toBe('ok');
    await until(() => rec.closed(), 'exit after SIGINT');
    expect(rec.bytesOf('stdout').toString()).toContain('got-int');
    expect(exitOf(rec)).toMatchObject({ state: 'exited', exit_code: 5 });
  });

  it('kills a run that passes its timeout (timed_out, SIGKILL), children included', async () => {
    const run = await createRun({ command: ['sh', '-c', 'sleep 1000 & echo PID=$!; sleep 1000'], timeout_seconds: 1 });
    const rec = record(w.connect(), `exec:${run.id}`);
    await rec.joined;
    await until(() => rec.closed(), 'timeout', 30_000);
    expect(exitOf(rec)).toMatchObject({ state: 'timed_out', signal: 'SIGKILL', exit_code: null });
    const [child] = pidsIn(rec.bytes().toString());
    expect(child).toBeGreaterThan(0);
    await until(() => !alive(child as number) && !alive(run.pid as number), 'the group gone');
  });

  it('a program that does not exist ends failed with 127 and the shell message on stderr', async () => {
    const run = await createRun({ command: ['nosuchcmd-xyz', 'arg'] });
    expect(run).toMatchObject({ state: 'failed', exit_code: 127, error: 'nosuchcmd-xyz: command not found', pid: null });
    const rec = record(w.connect(), `exec:${run.id}`);
    await rec.joined;
    await until(() => rec.closed(), 'exit');
    expect(rec.bytesOf('stderr').toString()).toBe('nosuchcmd-xyz: command not found\n');
    expect(exitOf(rec)).toEqual({ state: 'failed', exit_code: 127, signal: null, error: 'nosuchcmd-xyz: command not found', output_bytes: 33 });
    const plain = join(w.t.dataDir, 'not-executable.sh');
    writeFileSync(plain, 'echo never\n', { mode: 0o644 });
    const notExecutable = await createRun({ command: [plain] });
    expect(notExecutable).toMatchObject({ state: 'failed', exit_code: 126, error: `${plain}: Permission denied` });
  });

  it('runs in the app environment with extra env, never overriding platform vars; network runs see app URLs', async () => {
    const run = await createRun({
      command: ['sh', '-c', 'echo "[$MAX_APP $SECRET_KEY $EXTRA $GREETING]"'],
      env: { EXTRA: 'x1', MAX_APP: 'evil', GREETING: 'overridden' },
    });
    const rec = record(w.connect(), `exec:${run.id}`);
    await rec.joined;
    await until(() => rec.closed(), 'exit');
    expect(rec.bytesOf('stdout').toString()).toBe('[web s3cr3t-value x1 overridden]\n');
    const net = await createRun({ command: ['sh', '-c', 'echo "[$MAX_NETWORK ${MAX_APP:-none} $MAX_APP_URL_WEB]"'] }, '/api/v1/networks/net/runs');
    const netRec = record(w.connect(), `exec:${net.id}`);
    await netRec.joined;
    await until(() => netRec.closed(), 'exit');
    expect(netRec.bytesOf('stdout').toString()).toMatch(/^\[net none http:\/\/web\.net\.localhost:\d+\]\n$/);
  });

  it('resumes interleaved output by one offset, with cursor_ahead beyond it', async () => {
    const run = await createRun({ command: ['sh', '-c', 'for i in 1 2 3; do echo o$i; echo e$i >&2; done'] });
    const first = record(w.connect(), `exec:${run.id}`);
    await first.joined;
    await until(() => first.closed(), 'exit');
    const total = first.bytes().length;
    const tail = record(w.connect(), `exec:${run.id}`, () => ({ output_offset: total - 3 }));
    expect(await tail.joined).toMatchObject({ state: 'exited', output_offset: total - 3, output_bytes: total });
    await until(() => tail.closed(), 'tail exit');
    expect(Buffer.concat([first.bytes().subarray(0, total - 3), tail.bytes()]).equals(first.bytes())).toBe(true);
    const ahead = record(w.connect(), `exec:${run.id}`, () => ({ output_offset: total + 1 }));
    await expect(ahead.joined).rejects.toMatchObject({ response: { reason: 'cursor_ahead', output_bytes: total } });
  });
});

describe('run ownership, scopes and audit', () => {
  it("another user's run is not found; a read token is refused", async () => {
    const run = await createRun({ command: ['sleep', '30'] });
    expect((await w.t.call('GET', `/api/v1/runs/${run.id}`, { token: w.other })).status).toBe(404);
    expect((await w.t.call('POST', `/api/v1/runs/${run.id}/cancel`, { token: w.other })).status).toBe(404);
    await expect(record(w.connect(w.other), `exec:${run.id}`).joined).rejects.toMatchObject({ response: { reason: 'not_found' } });
    expect((await w.t.call('POST', '/api/v1/networks/net/apps/web/runs', { token: w.reader, body: { command: ['true'] } })).status).toBe(403);
    expect((await w.t.call('GET', '/api/v1/runs', { token: w.reader })).status).toBe(403);
    await expect(record(w.connect(w.reader), `exec:${run.id}`).joined).rejects.toMatchObject({ response: { reason: 'unauthorized' } });
    expect(alive(run.pid as number)).toBe(true);
    await w.t.call('POST', `/api/v1/runs/${run.id}/cancel`, { token: w.token });
  });

  it('records every run with its argv, exit code and duration', async () => {
    const events = await w.t.call<{ data: { action: string; target: Record<string, string>; details: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/events?action=run.&network=net&limit=200',
      { token: w.token },
    );
    const ended = events.body.data.filter((e) => e.action === 'run.ended');
    const fortyTwo = ended.find((e) => e.details['exit_code'] === 42);
    expect(fortyTwo?.details).toMatchObject({ command: ['sh', '-c', 'echo out; echo err >&2; exit 42'], state: 'exited', reason: 'exited' });
    expect(typeof fortyTwo?.details['duration_ms']).toBe('number');
    expect(fortyTwo?.target).toMatchObject({ type: 'run', network: 'net', app: 'web' });
    expect(ended.some((e) => e.details['state'] === 'timed_out')).toBe(true);
    expect(ended.some((e) => e.details['state'] === 'failed' && e.details['exit_code'] === 127)).toBe(true);
    expect(events.body.data.filter((e) => e.action === 'run.created').length).toBeGreaterThanOrEqual(ended.length);
  });
});
