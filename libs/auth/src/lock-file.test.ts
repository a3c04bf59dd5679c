import { readdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../test/helpers.js';
import { withLockFile } from './lock-file.js';

describe('withLockFile', () => {
  it('runs holders one at a time and tells waiters they waited', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    let inside = 0;
    let maxInside = 0;
    const waited: boolean[] = [];
    await Promise.all(
      Array.from({ length: 5 }, () =>
        withLockFile(path, async (ctx) => {
          waited.push(ctx.waited);
          inside += 1;
          maxInside = Math.max(maxInside, inside);
          await new Promise((r) => setTimeout(r, 15));
          inside -= 1;
        }, { pollMs: 5 }),
      ),
    );
    expect(maxInside).toBe(1);
    expect(waited.filter((w) => !w)).toHaveLength(1);
    expect(await readdir(dir)).toEqual([]);
  });

  it('releases the lock when the holder throws', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    await expect(withLockFile(path, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await readdir(dir)).toEqual([]);
  });

  it('breaks a lock older than staleMs', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now() - 60_000, nonce: 'old' }));
    expect(await withLockFile(path, async ({ waited }) => waited, { staleMs: 1000 })).toBe(true);
  });

  it('breaks a lock whose holder process is gone', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    await writeFile(path, JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), createdAt: Date.now(), nonce: 'dead' }));
    const started = Date.now();
    await withLockFile(path, async () => undefined);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('gives up after timeoutMs while a live holder keeps the lock', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.lock');
    await writeFile(path, JSON.stringify({ pid: process.pid, host: hostname(), createdAt: Date.now(), nonce: 'live' }));
    await expect(withLockFile(path, async () => undefined, { timeoutMs: 100, staleMs: 60_000 })).rejects.toMatchObject({
      code: 'credential_store_unavailable',
    });
  });
});
