import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPtyInput } from '../../src/shells/pty-input.js';

/** `cat` in a raw, non-echoing terminal: what goes in comes out, byte for byte. */
async function rawCat() {
  const { spawn } = await import('node-pty');
  const pty = spawn('/bin/sh', ['-c', 'stty raw -echo; echo READY; exec cat'], { name: 'xterm', cols: 80, rows: 24, encoding: null });
  const chunks: Buffer[] = [];
  let seen = 0;
  const waiters: (() => void)[] = [];
  pty.onData((data) => {
    chunks.push(data as unknown as Buffer);
    seen += (data as unknown as Buffer).length;
    for (const wake of waiters.splice(0)) wake();
  });
  const exited = new Promise<void>((resolve) => pty.onExit(() => resolve()));
  const output = () => Buffer.concat(chunks);
  const until = async (check: () => boolean, what: string) => {
    const deadline = Date.now() + 20_000;
    while (!check()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (${seen} bytes so far)`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  };
  await until(() => output().includes('READY\n'), 'the terminal to be raw');
  chunks.length = 0;
  seen = 0;
  return { pty, output, until, exited, received: () => seen };
}

describe('createPtyInput', () => {
  it('delivers every byte in order, also when the terminal is full and node-pty has to queue the rest', async () => {
    const term = await rawCat();
    const input = createPtyInput(term.pty);
    // 2 MiB in pieces of 1 byte to 64 KiB, far more than the terminal buffers: writes hit EAGAIN and partial writes,
    // the rest goes to node-pty's queue and later small writes must queue behind it.
    const data = randomBytes(2 * 1024 * 1024);
    const queue = (term.pty as unknown as { _writeStream: { _writeQueue: unknown[] } })._writeStream._writeQueue;
    let queuedBehind = 0;
    for (let at = 0, i = 0; at < data.length; i++) {
      const size = [1, 7, 300, 4096, 65_536][i % 5] as number;
      const waiting = queue.length;
      input(data.subarray(at, at + size));
      if (waiting > 0 && queue.length === waiting + 1) queuedBehind += 1;
      at += size;
    }
    expect(queuedBehind).toBeGreaterThan(10);
    await term.until(() => term.received() >= data.length, 'all bytes back');
    expect(term.received()).toBe(data.length);
    expect(createHash('sha256').update(term.output()).digest('hex')).toBe(createHash('sha256').update(data).digest('hex'));
    term.pty.kill();
    await term.exited;
  });

  it('writes a keystroke at once, without a round through the thread pool', async () => {
    const term = await rawCat();
    const input = createPtyInput(term.pty);
    const queue = (term.pty as unknown as { _writeStream: { _writeQueue: unknown[] } })._writeStream._writeQueue;
    input(Buffer.from('k'));
    // node-pty's own write would have queued it for fs.write on the pool.
    expect(queue.length).toBe(0);
    await term.until(() => term.output().toString() === 'k', 'the echo');
    term.pty.kill();
    await term.exited;
    // After the terminal is gone input is dropped quietly (EIO/EBADF), never thrown.
    expect(() => input(Buffer.from('late'))).not.toThrow();
  });
});
