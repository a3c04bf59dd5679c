import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeMax, type FakeMax } from './harness.js';

const fixture = fileURLToPath(new URL('./fixtures/close-and-exit.ts', import.meta.url));
let max: FakeMax | undefined;
afterEach(async () => {
  await max?.stop().catch(() => undefined);
  max = undefined;
});

/** Runs the fixture; resolves with how long the process lived after printing "closed". */
function runChild(
  url: string,
  mode: string,
  onLine: (line: string) => void = () => undefined,
): Promise<{ code: number | null; lingerMs: number; stderr: string; resources: string[]; closeTimers: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--conditions=@max/source', '--import', 'tsx', fixture, url, mode], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let closedAt = 0;
    let stderr = '';
    let resources: string[] = ['(not reported)'];
    let closeTimers: number[] = [-1];
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        if (line.startsWith('closed')) closedAt = Date.now();
        if (line.startsWith('resources ')) resources = JSON.parse(line.slice('resources '.length)) as string[];
        if (line.startsWith('close-timers ')) closeTimers = JSON.parse(line.slice('close-timers '.length)) as number[];
        onLine(line);
      }
    });
    // The test's own bound: phoenix's leftover timers would keep the child alive for 10 s.
    const killer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, lingerMs: closedAt === 0 ? Infinity : Date.now() - closedAt, stderr, resources, closeTimers });
    });
  });
}

describe('MaxSocket.close()', () => {
  it('leaves nothing behind: the process exits on its own right after close (connected)', async () => {
    max = await startFakeMax();
    max.events.append('alice');
    const result = await runChild(max.url, 'connected');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // close() waited for the close handshake, not for phoenix's 150 ms poll of the closing connection, and left
    // nothing running: the process could end the moment close() resolved.
    expect(result.closeTimers).not.toContain(150);
    expect(result.resources).toEqual([]);
    expect(result.lingerMs).toBeLessThan(1_500);
  });

  it('also when closed while reconnecting', async () => {
    max = await startFakeMax();
    max.events.append('alice');
    const server = max;
    const result = await runChild(max.url, 'reconnecting', (line) => {
      if (line === 'ready-to-cut') void server.stop();
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.resources).toEqual([]);
    expect(result.lingerMs).toBeLessThan(1_500);
  });
});
