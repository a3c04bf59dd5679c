import { chmod, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeApiUrl } from './api-url.js';
import { writeFileAtomic } from './atomic-write.js';
import { ensureConfigDir, isErrno } from './config-dir.js';
import { isPlainObject } from './config-file.js';
import { parseCredentialRecord, type CredentialRecord } from './credential-record.js';
import type { CredentialStore } from './credential-store.js';
import { CredentialStoreError } from './errors.js';
import { withLockFile } from './lock-file.js';

/** The credentials file's name inside the config dir. */
export const CREDENTIALS_FILE_NAME = 'credentials.json';

/** On-disk shape of `credentials.json`. */
interface CredentialsFile {
  version: 1;
  credentials: Record<string, unknown>;
}

/** Options of {@link createFileCredentialStore}. */
export interface FileCredentialStoreOptions {
  configDir: string;
}

/**
 * The credentials file store: `<configDir>/credentials.json`, mode 0600, a map keyed by normalised API URL.
 * Writes are atomic (temp file + fsync + rename) and serialised across processes by a lock file, so two rig
 * processes updating different logins do not lose each other's update. A file found with looser permissions is
 * tightened to 0600 on read, and a notice says so.
 *
 * @example
 * const store = createFileCredentialStore({ configDir: resolveConfigDir(process.env) });
 * const record = await store.get('http://127.0.0.1:4000');
 */
export function createFileCredentialStore(options: FileCredentialStoreOptions): CredentialStore & { readonly path: string } {
  const path = join(options.configDir, CREDENTIALS_FILE_NAME);
  const notices: string[] = [];

  async function readAll(): Promise<CredentialsFile> {
    let text: string;
    try {
      await tightenPermissions(path, notices);
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return { version: 1, credentials: {} };
      throw new CredentialStoreError('file', `Cannot read ${path}: ${errorMessage(error)}`, { cause: error });
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      // No cause and no excerpt: the parser's message quotes file content, which holds tokens.
      throw corrupt(path, 'is not valid JSON');
    }
    if (!isPlainObject(parsed) || !isPlainObject(parsed['credentials'])) {
      throw corrupt(path, 'does not hold a {"credentials": {...}} object');
    }
    return { version: 1, credentials: parsed['credentials'] };
  }

  async function modify(change: (file: CredentialsFile) => boolean): Promise<boolean> {
    await ensureConfigDir(options.configDir);
    return withLockFile(`${path}.lock`, async () => {
      const file = await readAll();
      const changed = change(file);
      if (changed) await writeFileAtomic(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
      return changed;
    }, { staleMs: 10_000, timeoutMs: 15_000 });
  }

  return {
    kind: 'file',
    path,
    notices,
    async get(apiUrl) {
      const file = await readAll();
      return parseCredentialRecord(file.credentials[normalizeApiUrl(apiUrl)]);
    },
    async set(apiUrl, record) {
      const key = normalizeApiUrl(apiUrl);
      await modify((file) => {
        file.credentials[key] = { ...record, apiUrl: key } satisfies CredentialRecord;
        return true;
      });
    },
    async delete(apiUrl) {
      const key = normalizeApiUrl(apiUrl);
      return modify((file) => {
        if (!(key in file.credentials)) return false;
        delete file.credentials[key];
        return true;
      });
    },
    async list() {
      const file = await readAll();
      return Object.values(file.credentials)
        .map(parseCredentialRecord)
        .filter((record): record is CredentialRecord => record !== null);
    },
  };
}

/** Narrows a group- or world-accessible credentials file to 0600 (POSIX only: Windows has no such mode bits). */
async function tightenPermissions(path: string, notices: string[]): Promise<void> {
  if (process.platform === 'win32') return;
  const info = await stat(path);
  if ((info.mode & 0o077) === 0) return;
  const was = (info.mode & 0o777).toString(8).padStart(4, '0');
  await chmod(path, 0o600);
  notices.push(`${path} was readable by other users (mode ${was}); its mode is now 0600.`);
}

function corrupt(path: string, what: string): CredentialStoreError {
  return new CredentialStoreError('file', `The credentials file ${path} ${what}.`, {
    code: 'credential_store_corrupt',
    hint: `Delete ${path} and run \`rig login\` again.`,
  });
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
