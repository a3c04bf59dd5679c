import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaxClient, type RunOutputItem, type ShellOutputItem } from '../src/index.js';

/**
 * Shells and runs against the real platform: real PTYs and processes in max-local, the real `phoenix` client,
 * binary frames both ways. (Cut connections: tools/fault-proxy/test/shell-reconnect.test.ts.)
 */

let max: MaxLocal;
let dataDir: string;
let client: MaxClient;
let token: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-remote-it-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  token = await createApiToken({ dataDir, name: 'sdk-remote-it', scope: 'deploy' });
  client = new MaxClient({ apiUrl: max.url, token, retry: false });
  await client.networks.create({ name: 'demo' });
  await client.apps.create('demo', { name: 'web' });
  await client.secrets.set({ network: 'demo', app: 'web' }, { SECRET_KEY: 's3cr3t-value' });
}, 60_000);

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const text = (chunks: Uint8Array[]) => Buffer.concat(chunks).toString('utf8');

async function collectRun(items: AsyncIterable<RunOutputItem>) {
  const out: Record<'stdout' | 'stderr', Uint8Array[]> = { stdout: [], stderr: [] };
  const gaps: RunOutputItem[] = [];
  for await (const item of items) {
    if (item.type === 'gap') gaps.push(item);
    else out[item.type].push(item.data);
  }
  return { stdout: text(out.stdout), stderr: text(out.stderr), gaps };
}

describe('runs', () => {
  it('keeps stdout and stderr apart and reports the exit code', async () => {
    const run = await client.runs.create({ network: 'demo', app: 'web' }, { command: ['sh', '-c', 'echo out; echo err >&2; exit 42'] });
    const io = await client.runs.attach(run.id);
    const seen = await collectRun(io.output);
    expect(seen).toEqual({ stdout: 'out\n', stderr: 'err\n', gaps: [] });
    await expect(io.exit).resolves.toMatchObject({ state: 'exited', exitCode: 42, signal: null });
  });

  it('start: creates and attaches in one call, from the first byte; a refused create throws and starts nothing', async () => {
    const { run, attachment } = await client.runs.start({ network: 'demo', app: 'web' }, { command: ['sh', '-c', 'echo first; echo second >&2; exit 7'] });
    expect(run).toMatchObject({ network: 'demo', app: 'web', command: ['sh', '-c', 'echo first; echo second >&2; exit 7'] });
    expect(await collectRun(attachment.output)).toEqual({ stdout: 'first\n', stderr: 'second\n', gaps: [] });
    await expect(attachment.exit).resolves.toMatchObject({ state: 'exited', exitCode: 7 });
    const before = await client.runs.list({ network: 'demo' }).toArray();
    await expect(client.runs.start({ network: 'demo', app: 'no-such-app' }, { command: ['true'] })).rejects.toMatchObject({ status: 404 });
    expect(await client.runs.list({ network: 'demo' }).toArray()).toHaveLength(before.length);
  });

  it('streams stdin with backpressure: 10 MiB through sha256sum', async () => {
    const data = Buffer.alloc(10 * 1024 * 1024);
    for (let i = 0; i < data.length; i += 4) data.writeUInt32LE((i * 2654435761) >>> 0, i);
    const run = await client.runs.create({ network: 'demo', app: 'web' }, { command: ['sha256sum'] });
    const io = await client.runs.attach(run.id, { stdinWindowBytes: 256 * 1024 });
    let maxInFlight = 0;
    const pump = (async () => {
      for (let i = 0; i < data.length; i += 100_000) {
        expect(await io.write(data.subarray(i, i + 100_000))).toBe(true);
        maxInFlight = Math.max(maxInFlight, io.stdinInFlight);
      }
      await io.closeStdin();
    })();
    const seen = await collectRun(io.output);
    await pump;
    expect(seen.stdout.split(' ')[0]).toBe(createHash('sha256').update(data).digest('hex'));
    expect(maxInFlight).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
    await expect(io.exit).resolves.toMatchObject({ exitCode: 0 });
  });

  it('forwards SIGINT to the process', async () => {
    const run = await client.runs.create({ network: 'demo', app: 'web' }, { command: ['sh', '-c', 'trap "echo got INT; exit 3" INT; echo ready; while :; do sleep 0.05; done'] });
    const io = await client.runs.attach(run.id);
    const chunks: string[] = [];
    for await (const item of io.output) {
      if (item.type !== 'stdout') continue;
      chunks.push(Buffer.from(item.data).toString());
      if (chunks.join('') === 'ready\n') await io.signal('SIGINT');
    }
    expect(chunks.join('')).toBe('ready\ngot INT\n');
    await expect(io.exit).resolves.toMatchObject({ state: 'exited', exitCode: 3 });
  });

  it('a program that does not exist fails with 127 and the shell’s message on stderr', async () => {
    const run = await client.runs.create({ network: 'demo', app: 'web' }, { command: ['no-such-program-xyz'] });
    const io = await client.runs.attach(run.id);
    const seen = await collectRun(io.output);
    expect(seen.stderr).toBe('no-such-program-xyz: command not found\n');
    await expect(io.exit).resolves.toMatchObject({ state: 'failed', exitCode: 127 });
  });
});

describe('shells', () => {
  it('runs in the app’s environment, resizes, and replays the scrollback on a second attach', async () => {
    const session = await client.shells.create({ network: 'demo', app: 'web' }, { cols: 80, rows: 24, command: ['sh'] });
    const first = await client.shells.attach(session.id, { cols: 100, rows: 30 });
    const output: string[] = [];
    const reader = (async () => {
      for await (const item of first.output) if (item.type === 'output') output.push(Buffer.from(item.data).toString());
    })();
    const until = async (pattern: RegExp) => {
      for (let i = 0; i < 400 && !pattern.test(output.join('')); i++) await new Promise((r) => setTimeout(r, 25));
      expect(output.join('')).toMatch(pattern);
    };
    await first.write('echo "$MAX_APP $SECRET_KEY"; stty size\n');
    await until(/web s3cr3t-value\r?\n30 100/);
    await first.resize(90, 20);
    await first.write('stty size\n');
    await until(/20 90/);
    await first.detach();
    await reader;
    await expect(first.exit).resolves.toMatchObject({ state: 'detached' });

    const second = await client.shells.attach(session.id);
    const replay: ShellOutputItem[] = [];
    const replayed = (async () => {
      for await (const item of second.output) {
        replay.push(item);
        if (Buffer.concat(replay.flatMap((i) => (i.type === 'output' ? [i.data] : []))).toString().includes('20 90')) break;
      }
    })();
    await replayed;
    await client.shells.delete(session.id);
  });
});
