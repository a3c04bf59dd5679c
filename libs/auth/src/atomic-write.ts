import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file atomically: the data goes to a temp file in the same directory (same filesystem, so the rename
 * is atomic), is fsynced, and is renamed over the target. Readers see the old or the new content, never half of
 * it, and a crash leaves at worst a stray temp file, not a truncated credential file. The temp file is created
 * with `mode` from the start so secrets are never briefly world-readable.
 */
export async function writeFileAtomic(path: string, data: string, mode: number): Promise<void> {
  const dir = dirname(path);
  const temp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  let renamed = false;
  try {
    await handle.writeFile(data, 'utf8');
    // The umask may have narrowed `mode` at creation; chmod makes the final mode exact.
    await handle.chmod(mode);
    await handle.sync();
    await handle.close();
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
  await syncDir(dir);
}

/** Makes the rename durable; some platforms (Windows) cannot open directories, which is harmless to skip. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the directory entry is best-effort; the data itself is already synced.
  }
}
