import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { isErrno } from './config-dir.js';
import { CredentialStoreError } from './errors.js';

/** Tuning of {@link withLockFile}. */
export interface LockFileOptions {
  /** A lock older than this is considered abandoned (its holder crashed or hung). Default 15 s. */
  staleMs?: number;
  /** Give up waiting after this long. Default 20 s (longer than `staleMs`, so a dead holder is always outwaited). */
  timeoutMs?: number;
  /** Poll interval while waiting. Default 50 ms. */
  pollMs?: number;
}

/** What the holder writes into the lock file, for stale detection and for humans debugging a stuck lock. */
interface LockContent {
  pid: number;
  host: string;
  createdAt: number;
  nonce: string;
}

/**
 * Runs `fn` while holding an exclusive lock file at `path`, across processes. The lock is a file created with
 * `O_EXCL`; waiters poll until it disappears or goes stale. `fn` learns whether it had to wait: a waiter should
 * re-read shared state, because the holder may already have done the work.
 *
 * @throws {CredentialStoreError} when the lock cannot be acquired within `timeoutMs`.
 */
export async function withLockFile<T>(
  path: string,
  fn: (ctx: { waited: boolean }) => Promise<T>,
  options: LockFileOptions = {},
): Promise<T> {
  const staleMs = options.staleMs ?? 15_000;
  const timeoutMs = options.timeoutMs ?? 20_000;
  const pollMs = options.pollMs ?? 50;
  const content: LockContent = { pid: process.pid, host: hostname(), createdAt: Date.now(), nonce: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  let waited = false;
  for (;;) {
    content.createdAt = Date.now();
    if (await tryCreate(path, content)) break;
    waited = true;
    await breakIfStale(path, staleMs);
    if (Date.now() >= deadline) {
      throw new CredentialStoreError('file', `Timed out after ${timeoutMs} ms waiting for the lock ${path}.`, {
        hint: 'Another rig process holds it; if none is running, delete the lock file.',
      });
    }
    await sleep(pollMs);
  }
  try {
    return await fn({ waited });
  } finally {
    await releaseIfOurs(path, content.nonce);
  }
}

async function tryCreate(path: string, content: LockContent): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx', 0o600);
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  }
  try {
    await handle.writeFile(JSON.stringify(content), 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Removes an abandoned lock. The stale file is first renamed to a unique name (so two waiters cannot both
 * "break" it and then delete each other's fresh lock); if what got renamed turns out to be a fresh lock that
 * replaced the stale one in between, it is linked back (link fails rather than overwrite a newer lock).
 */
async function breakIfStale(path: string, staleMs: number): Promise<void> {
  const seen = await readLock(path);
  if (seen === undefined || !isStale(seen, staleMs)) return;
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return;
    throw error;
  }
  const taken = await readLock(aside);
  if (taken !== undefined && seen.content !== undefined && taken.content?.nonce !== seen.content.nonce) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
}

interface SeenLock {
  content: LockContent | undefined;
  mtimeMs: number;
}

async function readLock(path: string): Promise<SeenLock | undefined> {
  try {
    const [text, info] = await Promise.all([readFile(path, 'utf8'), stat(path)]);
    return { content: parseLock(text), mtimeMs: info.mtimeMs };
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

function parseLock(text: string): LockContent | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { pid, host, createdAt, nonce } = value as Record<string, unknown>;
    if (typeof pid !== 'number' || typeof host !== 'string' || typeof createdAt !== 'number' || typeof nonce !== 'string') {
      return undefined;
    }
    return { pid, host, createdAt, nonce };
  } catch {
    // Empty or half-written: the holder is between create and write. Age is judged by mtime instead.
    return undefined;
  }
}

function isStale(seen: SeenLock, staleMs: number): boolean {
  const createdAt = seen.content?.createdAt ?? seen.mtimeMs;
  if (Date.now() - createdAt > staleMs) return true;
  // A holder on this machine that no longer exists will never release the lock: no need to wait it out.
  if (seen.content && seen.content.host === hostname() && !isProcessAlive(seen.content.pid)) return true;
  return false;
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return !isErrno(error, 'ESRCH');
  }
}

async function releaseIfOurs(path: string, nonce: string): Promise<void> {
  const seen = await readLock(path).catch(() => undefined);
  if (seen?.content?.nonce !== nonce) return;
  await unlink(path).catch(() => undefined);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
