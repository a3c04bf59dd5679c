import { closeSync, fchmodSync, openSync, writeSync } from 'node:fs';

/**
 * Creates `path` with `data` in synchronous calls: open with `flags` (callers pass `O_CREAT|O_EXCL`, so nothing
 * that exists — a link included — is ever written through), write all of it, close. With `exactMode` the mode is
 * set with fchmod as well, since the umask applies at creation. For small files, where one open/write/close on
 * this thread beats a round trip through the thread pool.
 */
export function createFileSync(path: string, data: Uint8Array, flags: number, mode: number, exactMode = false): void {
  const fd = openSync(path, flags, mode);
  try {
    for (let written = 0; written < data.length; ) written += writeSync(fd, data, written);
    if (exactMode) fchmodSync(fd, mode);
  } finally {
    closeSync(fd);
  }
}
