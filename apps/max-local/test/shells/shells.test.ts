// Shell sessions end to end on real PTYs (node-pty) through the official phoenix client: the app's environment,
// resize, several clients, output_offset resume across a cut connection with no byte lost or repeated,
// cursor_ahead, exit then close, DELETE killing the whole session, ownership and scopes, audit events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alive, makeApp, pidsIn, record, shellWorld, until, type ShellWorld } from './helpers.js';

let w: ShellWorld;

interface Shell {
  id: string;
  pid: number;
  state: string;
  exit_code: number | null;
  signal: string | null;
  attached_clients: number;
  output_bytes: number;
  cols: number;
  rows: number;
  term: string;
  command: string[];
}

beforeAll(async () => {
  w = await shellWorld();
  await makeApp(w);
}, 60_000);

afterAll(async () => {
  await w.stop();
});

async function createShell(body: object, path = '/api/v1/networks/net/apps/web/shells'): Promise<Shell> {
  const res = await w.t.call<Shell>('POST', path, { token: w.token, body: { cols: 80, rows: 24, ...body } });
  if (res.status !== 201) throw new Error(`create shell: ${res.status} ${res.text}`);
  return res.body;
}

const text = (buf: Buffer): string => buf.toString('utf8');

describe('an app shell', () => {
  it("runs the user's shell with the app's environment, TERM from the client, and resizes live", async () => {
    const shell = await createShell({ term: 'xterm-test', cols: 90, rows: 20 });
    expect(shell.state).toBe('running');
    expect(alive(shell.pid)).toBe(true);
    expect(shell.term).toBe('xterm-test');
    const socket = w.connect();
    const a = record(socket, `shell:${shell.id}`);
    const reply = await a.joined;
    expect(reply).toMatchObject({ state: 'running', output_offset: 0, cols: 90, rows: 20 });
    expect((await a.push('input', Buffer.from('echo "[$MAX_APP $SECRET_KEY $GREETING $TERM]"\r'))).status).toBe('ok');
    await until(() => text(a.bytes()).includes('[web s3cr3t-value hello-net xterm-test]'), 'the env echo');

    // A second client attaches (with a size): the first is told, and both see the same output from now on.
    const b = record(w.connect(), `shell:${shell.id}`, () => ({ cols: 101, rows: 33 }));
    await b.joined;
    await until(() => a.events.some((e) => e.event === 'resized'), 'resized at the first client');
    expect(a.events.find((e) => e.event === 'resized')?.payload).toEqual({ cols: 101, rows: 33 });
    await a.push('input', Buffer.from('stty size\r'));
    await until(() => text(b.bytes()).includes('33 101'), 'stty size after the attach resize');
    expect((await a.push('resize', { cols: 120, rows: 40 })).status).toBe('ok');
    await until(() => b.events.some((e) => e.event === 'resized' && e.payload['cols'] === 120), 'resized at the second client');
    await b.push('input', Buffer.from('stty size; pwd\r'));
    await until(() => text(a.bytes()).includes('40 120'), 'stty size after resize');
    // The shell starts in the app's directory (a workspace until the first release).
    expect(text(a.bytes())).toContain(`workspaces/apps/`);

    const got = await w.t.call<Shell>('GET', `/api/v1/shells/${shell.id}`, { token: w.token });
    expect(got.body).toMatchObject({ state: 'running', attached_clients: 2, cols: 120, rows: 40, pid: shell.pid });
    expect(got.body.output_bytes).toBeGreaterThan(0);
    expect((await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token })).status).toBe(204);
    await until(() => a.closed() && b.closed(), 'both channels closed after delete');
    expect(a.events.at(-1)).toMatchObject({ event: 'exit', payload: { signal: 'SIGHUP', exit_code: null } });
    expect(alive(shell.pid)).toBe(false);
  });

  it('replays every byte exactly once across a cut connection (output_offset), then exit and close', async () => {
    // A loaded event loop (the server runs in this process): node-pty alone drops the PTY's last kilobytes when
    // it cannot read them within 200 ms of the exit.
    const busy = setInterval(() => {
      const end = Date.now() + 30;
      while (Date.now() < end);
    }, 35);
    const shell = await createShell({ command: ['sh', '-c', 'seq 1 100000; exit 7'] });
    const socket = w.connect();
    const rec = record(socket, `shell:${shell.id}`, (position) => ({ output_offset: position }));
    await rec.joined;
    // Cut the transport (no close handshake) a few times while the output streams; phoenix reconnects and the
    // channel rejoins with the position it reached.
    for (let cut = 0; cut < 3; cut += 1) {
      const before = rec.bytes().length;
      await until(() => rec.bytes().length > before || rec.closed(), 'more output');
      if (rec.closed()) break;
      (socket as unknown as { conn: { terminate(): void } }).conn.terminate();
    }
    await until(() => rec.closed(), 'exit and close', 60_000);
    clearInterval(busy);
    const expected = Array.from({ length: 100_000 }, (_, i) => `${i + 1}\r\n`).join('');
    expect(text(rec.bytes())).toBe(expected);
    expect(rec.events.filter((e) => e.event === 'gap')).toEqual([]);
    expect(rec.events.at(-1)).toEqual({ event: 'exit', payload: { exit_code: 7, signal: null, output_bytes: expected.length } });
    expect(rec.replies.length).toBeGreaterThan(1);

    // An ended session is still joinable while its output is buffered: replay from any offset, exit, close.
    const late = record(w.connect(), `shell:${shell.id}`, () => ({ output_offset: expected.length - 8 }));
    expect(await late.joined).toMatchObject({ state: 'exited', output_offset: expected.length - 8, output_bytes: expected.length, exit_code: 7 });
    await until(() => late.closed(), 'late close');
    expect(text(late.bytes())).toBe('100000\r\n');

    // An offset beyond the output is refused with where the stream stands.
    const ahead = record(w.connect(), `shell:${shell.id}`, () => ({ output_offset: expected.length + 1 }));
    await expect(ahead.joined).rejects.toMatchObject({
      response: { reason: 'cursor_ahead', output_bytes: expected.length },
    });
    const got = await w.t.call<Shell>('GET', `/api/v1/shells/${shell.id}`, { token: w.token });
    expect(got.body).toMatchObject({ state: 'exited', exit_code: 7, output_bytes: expected.length, attached_clients: 0 });
  }, 90_000);

  it('kills the whole session on DELETE, background jobs included', async () => {
    const shell = await createShell({ command: ['sh', '-c', 'sleep 1000 & echo PID=$!; setsid sh -c "true" ; (sleep 1000 &) ; echo ready; sleep 1000'] });
    const rec = record(w.connect(), `shell:${shell.id}`);
    await rec.joined;
    await until(() => text(rec.bytes()).includes('ready'), 'ready');
    const [background] = pidsIn(text(rec.bytes()));
    expect(background && alive(background)).toBe(true);
    expect((await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token })).status).toBe(204);
    await until(() => rec.closed(), 'close after delete');
    await until(() => !alive(shell.pid) && !alive(background as number), 'every process of the session gone');
    // Deleting again is a no-op; the record stays.
    expect((await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token })).status).toBe(204);
    const got = await w.t.call<Shell>('GET', `/api/v1/shells/${shell.id}`, { token: w.token });
    expect(got.body.state).toBe('exited');
  });

  it('a network shell has the network env and one router URL per app, in a network workspace', async () => {
    const shell = await createShell({ command: ['sh', '-c', 'echo "[$MAX_NETWORK $GREETING ${MAX_APP:-none} $MAX_APP_URL_WEB]"; pwd'] }, '/api/v1/networks/net/shells');
    const rec = record(w.connect(), `shell:${shell.id}`);
    await rec.joined;
    await until(() => rec.closed(), 'exit');
    const out = text(rec.bytes());
    expect(out).toMatch(/\[net hello-net none http:\/\/web\.net\.localhost:\d+\]/);
    expect(out).toContain('workspaces/networks/');
  });

  it('refuses a command that does not exist with 422', async () => {
    const res = await w.t.call<{ error: { code: string; message: string } }>('POST', '/api/v1/networks/net/apps/web/shells', {
      token: w.token,
      body: { cols: 80, rows: 24, command: ['no-such-program-xyz'] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain('no-such-program-xyz: command not found');
  });
});

describe('resumable input (input_stream, input_at)', () => {
  const at = (offset: number, bytes: string): Buffer => {
    const frame = Buffer.alloc(8 + Buffer.byteLength(bytes));
    frame.writeBigUInt64BE(BigInt(offset));
    frame.write(bytes, 8);
    return frame;
  };

  it('applies each byte of a stream once, whatever is sent again; a rejoin learns where the stream stands', async () => {
    // `cat` in a raw, silent terminal echoes nothing itself: the output is exactly the input the PTY got.
    const shell = await createShell({ command: ['sh', '-c', 'stty raw -echo; echo READY; exec cat'] });
    const stream = 'stream-aaaaaaaa';
    const a = record(w.connect(), `shell:${shell.id}`, () => ({ input_stream: stream }));
    expect(await a.joined).toMatchObject({ input_bytes: 0 });
    await until(() => text(a.bytes()).includes('READY'), 'cat running');
    const start = a.bytes().length;
    expect((await a.push('input_at', at(0, 'ab'))).status).toBe('ok');
    // Overlaps what was applied ("b" again) and goes on; then a pure duplicate; then a frame past a hole.
    await a.push('input_at', at(1, 'bcd'));
    await a.push('input_at', at(0, 'abcd'));
    await a.push('input_at', at(10, 'XY'));
    await until(() => a.bytes().length - start >= 6, 'the echo');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(text(a.bytes().subarray(start))).toBe('abcdXY');

    // Another client (or this one after a cut) asks with the same stream: 12 bytes of it are applied.
    const b = record(w.connect(), `shell:${shell.id}`, () => ({ input_stream: stream }));
    expect(await b.joined).toMatchObject({ input_bytes: 12 });
    // A new stream starts at 0 and does not disturb the first.
    const c = record(w.connect(), `shell:${shell.id}`, () => ({ input_stream: 'stream-bbbbbbbb' }));
    expect(await c.joined).toMatchObject({ input_bytes: 0 });
    // Without a stream there is no input_bytes, and input_at is refused.
    const d = record(w.connect(), `shell:${shell.id}`);
    expect(await d.joined).not.toHaveProperty('input_bytes');
    expect(await d.push('input_at', at(0, 'z'))).toMatchObject({ status: 'error', response: { reason: 'invalid_payload' } });
    expect(await a.push('input_at', Buffer.from([0, 1]))).toMatchObject({ status: 'error', response: { reason: 'invalid_payload' } });
    expect((await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token })).status).toBe(204);
  });
});

describe('ownership and scopes', () => {
  it("another user's session is not found, over REST and on the socket", async () => {
    const shell = await createShell({ command: ['sleep', '1000'] });
    for (const [method, path] of [['GET', `/api/v1/shells/${shell.id}`], ['DELETE', `/api/v1/shells/${shell.id}`]] as const) {
      const res = await w.t.call<{ error: { code: string } }>(method, path, { token: w.other });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await w.t.call<{ data: unknown[] }>('GET', '/api/v1/shells', { token: w.other })).body.data).toEqual([]);
    // Their network is not found either: no shell can be created in it.
    expect((await w.t.call('POST', '/api/v1/networks/net/apps/web/shells', { token: w.other, body: { cols: 80, rows: 24 } })).status).toBe(404);
    const rec = record(w.connect(w.other), `shell:${shell.id}`);
    await expect(rec.joined).rejects.toMatchObject({ response: { reason: 'not_found' } });
    expect(alive(shell.pid)).toBe(true);
    await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token });
  });

  it('a read token gets 403 on create and read, and unauthorized on join', async () => {
    const shell = await createShell({ command: ['sleep', '1000'] });
    const create = await w.t.call<{ error: { code: string } }>('POST', '/api/v1/networks/net/apps/web/shells', {
      token: w.reader,
      body: { cols: 80, rows: 24 },
    });
    expect(create.status).toBe(403);
    expect(create.body.error.code).toBe('forbidden');
    expect((await w.t.call('GET', `/api/v1/shells/${shell.id}`, { token: w.reader })).status).toBe(403);
    const rec = record(w.connect(w.reader), `shell:${shell.id}`);
    await expect(rec.joined).rejects.toMatchObject({ response: { reason: 'unauthorized' } });
    await w.t.call('DELETE', `/api/v1/shells/${shell.id}`, { token: w.token });
  });
});

describe('listing and audit', () => {
  it('lists the caller’s sessions newest first with filters and cursors', async () => {
    const all = await w.t.call<{ data: Shell[]; next_cursor: string | null }>('GET', '/api/v1/shells?limit=2', { token: w.token });
    expect(all.body.data).toHaveLength(2);
    expect(all.body.next_cursor).not.toBeNull();
    const next = await w.t.call<{ data: Shell[] }>('GET', `/api/v1/shells?limit=200&cursor=${all.body.next_cursor}`, { token: w.token });
    const ids = [...all.body.data, ...next.body.data].map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    const network = await w.t.call<{ data: Shell[] }>('GET', '/api/v1/shells?network=net&app=web&state=exited', { token: w.token });
    expect(network.body.data.length).toBeGreaterThan(0);
    expect(network.body.data.every((s) => s.state === 'exited')).toBe(true);
    const bad = await w.t.call('GET', '/api/v1/shells?app=web', { token: w.token });
    expect(bad.status).toBe(422);
  });

  it('records who started and ended each session, with exit status and duration', async () => {
    const events = await w.t.call<{ data: { action: string; actor: { type: string }; target: Record<string, string>; details: Record<string, unknown> }[] }>(
      'GET',
      '/api/v1/events?action=shell.&limit=200',
      { token: w.token },
    );
    const created = events.body.data.filter((e) => e.action === 'shell.created');
    const ended = events.body.data.filter((e) => e.action === 'shell.ended');
    expect(created.length).toBeGreaterThanOrEqual(5);
    expect(created[0]?.target).toMatchObject({ type: 'shell', network: 'net' });
    const seq = ended.find((e) => e.details['exit_code'] === 7);
    expect(seq?.details).toMatchObject({ reason: 'exited', signal: null });
    expect(typeof seq?.details['duration_ms']).toBe('number');
    expect(ended.some((e) => e.details['reason'] === 'deleted' && e.actor.type === 'api_token')).toBe(true);
  });
});
