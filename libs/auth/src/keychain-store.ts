import { randomBytes } from 'node:crypto';
import { normalizeApiUrl } from './api-url.js';
import type { AuthEnv } from './config-dir.js';
import { parseCredentialRecord, type CredentialRecord } from './credential-record.js';
import type { CredentialStore } from './credential-store.js';
import { CredentialStoreError, redactTokens } from './errors.js';

/** The keytar-compatible functions this store uses (`@napi-rs/keyring/keytar` provides them). */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<Array<{ account: string; password: string }>>;
}

/** Loads the keychain binding. Injected in tests; the default imports `@napi-rs/keyring/keytar` on first use. */
export type KeychainLoader = () => Promise<KeytarLike>;

/**
 * The default loader. The native module is imported only here, lazily, so commands that never touch the
 * keychain (RIG_TOKEN set, `--version`, file store) never load it (Vercel's first keyring attempt was reverted
 * because an eagerly loaded native module broke unrelated paths).
 */
export const loadNapiKeytar: KeychainLoader = async () => {
  const keytar = await import('@napi-rs/keyring/keytar.js');
  return {
    getPassword: keytar.getPassword,
    setPassword: keytar.setPassword,
    deletePassword: keytar.deletePassword,
    findCredentials: keytar.findCredentials,
  };
};

/** Keychain service name under which every rig credential is stored. */
export const KEYCHAIN_SERVICE = 'rig';

/** Options of {@link createKeychainCredentialStore}. */
export interface KeychainCredentialStoreOptions {
  /** Default {@link loadNapiKeytar}. */
  loader?: KeychainLoader;
  /** Upper bound of every keychain call. Default 3000 ms. */
  timeoutMs?: number;
  /** Default `rig`. */
  service?: string;
  /** Used to explain failures (e.g. whether a D-Bus session bus is configured). Default `process.env`. */
  env?: AuthEnv;
}

/** Result of {@link KeychainCredentialStore.probe}. */
export type KeychainProbeResult = { available: true } | { available: false; reason: string };

/** The OS keychain store, with an availability probe. */
export interface KeychainCredentialStore extends CredentialStore {
  readonly kind: 'keychain';
  /**
   * Checks that the keychain really works by storing, reading back and deleting a probe entry. A plain read is
   * not enough: with no Secret Service reachable, reads answer "nothing stored" instead of failing.
   */
  probe(): Promise<KeychainProbeResult>;
}

/**
 * The OS keychain store (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * `@napi-rs/keyring`'s keytar-compatible API. Service `rig`, account = normalised API URL, value = the JSON
 * record. Every call is time-boxed so a wedged keyring daemon turns into a {@link CredentialStoreError}, never a
 * hang.
 *
 * @example
 * const keychain = createKeychainCredentialStore();
 * const probe = await keychain.probe();
 * if (probe.available) await keychain.set(record.apiUrl, record);
 */
export function createKeychainCredentialStore(options: KeychainCredentialStoreOptions = {}): KeychainCredentialStore {
  const loader = options.loader ?? loadNapiKeytar;
  const timeoutMs = options.timeoutMs ?? 3000;
  const service = options.service ?? KEYCHAIN_SERVICE;
  const env = options.env ?? process.env;
  let loaded: Promise<KeytarLike> | undefined;

  async function call<T>(operation: string, run: (keytar: KeytarLike) => Promise<T>): Promise<T> {
    let keytar: KeytarLike;
    try {
      loaded ??= loader();
      keytar = await withTimeout(loaded, timeoutMs, 'loading the keychain module');
    } catch (error) {
      throw asStoreError(error instanceof KeychainTimeoutError ? error : new KeychainLoadError(error), 'The keychain is unavailable', env);
    }
    try {
      return await withTimeout(run(keytar), timeoutMs, operation);
    } catch (error) {
      throw asStoreError(error, `Keychain ${operation} failed`, env);
    }
  }

  return {
    kind: 'keychain',
    notices: [],
    async get(apiUrl) {
      const account = normalizeApiUrl(apiUrl);
      const value = await call('read', (k) => k.getPassword(service, account));
      if (value === null) return null;
      return parseStored(value, account);
    },
    async set(apiUrl, record) {
      const account = normalizeApiUrl(apiUrl);
      const value = JSON.stringify({ ...record, apiUrl: account } satisfies CredentialRecord);
      await call('write', (k) => k.setPassword(service, account, value));
    },
    async delete(apiUrl) {
      const account = normalizeApiUrl(apiUrl);
      return call('delete', (k) => k.deletePassword(service, account));
    },
    async list() {
      const entries = await call('list', (k) => k.findCredentials(service));
      const records: CredentialRecord[] = [];
      for (const entry of entries) {
        if (entry.account.startsWith(PROBE_PREFIX)) continue;
        const record = parseCredentialRecord(safeJson(entry.password));
        if (record) records.push(record);
      }
      return records;
    },
    async probe() {
      const account = `${PROBE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
      const value = randomBytes(8).toString('hex');
      try {
        await call('probe write', (k) => k.setPassword(service, account, value));
        const read = await call('probe read', (k) => k.getPassword(service, account));
        await call('probe delete', (k) => k.deletePassword(service, account));
        if (read !== value) return { available: false, reason: 'the keychain did not return what was stored' };
        return { available: true };
      } catch (error) {
        return { available: false, reason: describeKeychainFailure(error, env) };
      }
    },
  };
}

const PROBE_PREFIX = 'rig-probe-';

function parseStored(value: string, account: string): CredentialRecord {
  const record = parseCredentialRecord(safeJson(value));
  if (!record) {
    throw new CredentialStoreError('keychain', `The keychain entry rig/${account} is not a valid rig credential.`, {
      code: 'credential_store_corrupt',
      hint: `Run \`rig logout --api-url ${account}\` and log in again.`,
    });
  }
  return record;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

class KeychainTimeoutError extends Error {
  constructor(readonly operation: string, readonly timeoutMs: number) {
    super(`the keychain did not answer within ${timeoutMs} ms (${operation})`);
  }
}

/**
 * Races `promise` against a timer. The native call itself cannot be cancelled; it keeps running on libuv's
 * thread pool, but the caller is released and the timer does not keep the process alive.
 */
class KeychainLoadError extends Error {
  constructor(cause: unknown) {
    super(`keychain module unavailable on this platform (${cause instanceof Error ? cause.message : String(cause)})`, { cause });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new KeychainTimeoutError(operation, ms)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function asStoreError(error: unknown, prefix: string, env: AuthEnv): CredentialStoreError {
  if (error instanceof CredentialStoreError) return error;
  return new CredentialStoreError('keychain', `${prefix}: ${describeKeychainFailure(error, env)}.`, {
    hint: 'Set RIG_CREDENTIAL_STORE=file to keep credentials in the config dir instead.',
    cause: error,
  });
}

/**
 * A short, human explanation of why the keychain is unusable, for `fallbackReason` and error messages
 * ("no D-Bus session bus", "keyring locked", …). Never includes stored values: native messages are redacted.
 */
export function describeKeychainFailure(error: unknown, env: AuthEnv = process.env): string {
  if (error instanceof CredentialStoreError && error.cause !== undefined) return describeKeychainFailure(error.cause, env);
  if (error instanceof KeychainTimeoutError || error instanceof KeychainLoadError) return redactTokens(error.message);
  const message = redactTokens(error instanceof Error ? error.message : String(error));
  if (process.platform === 'linux' && !env['DBUS_SESSION_BUS_ADDRESS']) {
    return 'no D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is not set)';
  }
  if (/locked/i.test(message)) return 'keyring locked';
  if (/no result found/i.test(message)) return 'no unlocked Secret Service keyring (is gnome-keyring or KeePassXC running?)';
  return `keychain unavailable (${message})`;
}
