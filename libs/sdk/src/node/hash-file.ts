import { createHash, hash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, type BigIntStats } from 'node:fs';
import { open } from 'node:fs/promises';
import { MaxBundleError } from './bundle-error.js';

/** Files up to this size are read in one call: faster than a stream for the thousands of small sources in an app. */
const SMALL_FILE_BYTES = 64 * 1024;
/** Read size for larger files: big enough to keep syscalls cheap, small enough that memory stays flat. */
const STREAM_CHUNK_BYTES = 256 * 1024;

/** What hashing a file yields for the manifest. */
export interface FileDigest {
  sha256: string;
  size: number;
  executable: boolean;
  /** The file's `fstat` taken before its bytes were read (what a hash cache keys the digest by). */
  stat: BigIntStats;
}

/**
 * Hashes a regular file without ever holding a large one in memory. The size is the number of bytes actually
 * hashed (not a prior `stat`), so digest and size always agree even if the file is being written to.
 */
export async function hashFile(absolutePath: string, path: string): Promise<FileDigest> {
  let handle;
  try {
    // O_NONBLOCK: a path that became a FIFO after the walk classified it must not block the open.
    handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
  }
  try {
    const stat = await handle.stat({ bigint: true });
    if (!stat.isFile()) throw new MaxBundleError('file_changed', path, `${path} is no longer a regular file`);
    const hash = createHash('sha256');
    let size = 0;
    if (stat.size <= BigInt(SMALL_FILE_BYTES)) {
      const bytes = await handle.readFile();
      hash.update(bytes);
      size = bytes.length;
    } else {
      const buffer = Buffer.allocUnsafe(STREAM_CHUNK_BYTES);
      for (;;) {
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, size);
        if (bytesRead === 0) break;
        hash.update(buffer.subarray(0, bytesRead));
        size += bytesRead;
      }
    }
    return { sha256: hash.digest('hex'), size, executable: (stat.mode & 0o111n) !== 0n, stat };
  } catch (error) {
    if (error instanceof MaxBundleError) throw error;
    throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
  } finally {
    await handle.close();
  }
}

/** Largest file {@link hashSmallFileSync} takes: the size of its one shared read buffer. */
export const SYNC_HASH_MAX_BYTES = 256 * 1024;
let syncBuffer: Buffer | undefined;

/**
 * Hashes a file of at most {@link SYNC_HASH_MAX_BYTES} with synchronous calls into one shared, reused buffer, or
 * returns undefined when the file is larger (hash it with {@link hashFile}). For the thousands of small sources of
 * an app this is ~2× faster than three thread-pool round trips per file, and it allocates nothing per file — a
 * fresh buffer per file is garbage the GC collects late, which showed as RSS. Same guarantees as `hashFile`: the
 * size is what was hashed, and a path that is not (or no longer) a regular file fails.
 */
export function hashSmallFileSync(absolutePath: string, path: string): FileDigest | undefined {
  let fd: number;
  try {
    fd = openSync(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
  }
  try {
    const stat = fstatSync(fd, { bigint: true });
    if (!stat.isFile()) throw new MaxBundleError('file_changed', path, `${path} is no longer a regular file`);
    if (stat.size > BigInt(SYNC_HASH_MAX_BYTES)) return undefined;
    syncBuffer ??= Buffer.allocUnsafe(SYNC_HASH_MAX_BYTES);
    const statSize = Number(stat.size);
    let size = 0;
    for (;;) {
      // The size recorded is what was hashed, even if the file is being written.
      const bytesRead = readSync(fd, syncBuffer, size, syncBuffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
      if (size === syncBuffer.length) return undefined; // grew past the buffer: the streaming path handles it
      // All the bytes fstat counted: the end, without the extra read(2) that returns 0 (a fifth of the syscalls of
      // a small file). A file that grew or shrank since the fstat is read on to the 0 of its real end.
      if (size === statSize) break;
    }
    // One-shot `crypto.hash`: no Hash object per file (a third of the hashing cost of a 1 KiB file).
    const sha256 = hash('sha256', syncBuffer.subarray(0, size), 'hex');
    return { sha256, size, executable: (stat.mode & 0o111n) !== 0n, stat };
  } catch (error) {
    if (error instanceof MaxBundleError) throw error;
    throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
  } finally {
    closeSync(fd);
  }
}

/** `EACCES: permission denied` rather than the full Node message with the absolute path repeated. */
export function describe(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return `${error.code}${'syscall' in error ? ` (${String(error.syscall)})` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
