import { closeSync, fchmodSync, fstatSync, openSync, readSync, writeSync, constants } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/** AES-256 needs exactly 32 bytes of key. */
export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';

/** Raised when the key file exists but cannot be trusted; max-local refuses to start. */
export class SecretKeyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretKeyFileError';
  }
}

/**
 * Loads `<dataDir>/secret.key`, creating it (32 random bytes, mode 0600) on first start.
 *
 * Creation uses O_EXCL, so two processes opening a fresh data dir at once (the server and
 * `max-local token create`) cannot write two different keys: the loser reads the winner's file.
 * A key file readable by group or others, or of the wrong size, is refused instead of "fixed":
 * both mean something outside max-local touched it, and the operator should decide.
 */
export function loadOrCreateSecretKey(dataDir: string): Buffer {
  const path = join(dataDir, SECRET_KEY_FILE);
  const created = tryCreate(path);
  if (created) return created;
  return readExisting(path);
}

function tryCreate(path: string): Buffer | null {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return null;
    throw error;
  }
  try {
    // The umask cannot widen 0600, but a restrictive one could narrow it; state the mode explicitly.
    if (process.platform !== 'win32') fchmodSync(fd, 0o600);
    const key = randomBytes(SECRET_KEY_BYTES);
    writeSync(fd, key);
    return key;
  } finally {
    closeSync(fd);
  }
}

function readExisting(path: string): Buffer {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new SecretKeyFileError(`${path} is not a regular file.`);
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      const mode = (stat.mode & 0o777).toString(8).padStart(4, '0');
      throw new SecretKeyFileError(
        `The secret key file ${path} has mode ${mode}; it must be readable by its owner only. ` +
          `Run "chmod 600 ${path}" and start again.`,
      );
    }
    if (stat.size !== SECRET_KEY_BYTES) {
      throw new SecretKeyFileError(
        `The secret key file ${path} is ${stat.size} bytes long; it must be exactly ${SECRET_KEY_BYTES}. ` +
          'Restore the original file: secrets encrypted with it cannot be decrypted with any other key.',
      );
    }
    const key = Buffer.alloc(SECRET_KEY_BYTES);
    // A partial write by a crashed creator would have been caught by the size check above.
    const read = readSync(fd, key, 0, SECRET_KEY_BYTES, 0);
    if (read !== SECRET_KEY_BYTES) throw new SecretKeyFileError(`Could not read ${SECRET_KEY_BYTES} bytes from ${path}.`);
    return key;
  } finally {
    closeSync(fd);
  }
}
