import type { AuthEnv } from './config-dir.js';
import type { CredentialStore } from './credential-store.js';
import { CredentialStoreError, InvalidCredentialStoreError } from './errors.js';
import { createFileCredentialStore } from './file-store.js';
import { createKeychainCredentialStore, type KeychainLoader } from './keychain-store.js';

/** Values of `RIG_CREDENTIAL_STORE`. */
export type CredentialStoreMode = 'auto' | 'keychain' | 'file';

/**
 * Reads `RIG_CREDENTIAL_STORE` (unset or empty = `auto`, case-insensitive).
 *
 * @throws {InvalidCredentialStoreError} for any other value.
 */
export function parseCredentialStoreMode(env: AuthEnv): CredentialStoreMode {
  const raw = env['RIG_CREDENTIAL_STORE']?.trim().toLowerCase();
  if (raw === undefined || raw === '') return 'auto';
  if (raw === 'auto' || raw === 'keychain' || raw === 'file') return raw;
  throw new InvalidCredentialStoreError(env['RIG_CREDENTIAL_STORE'] ?? '');
}

/** Keychain tuning shared by the functions that may open the keychain. */
export interface KeychainAccessOptions {
  /** Injected keychain binding loader (tests); default imports `@napi-rs/keyring/keytar` lazily. */
  keychainLoader?: KeychainLoader;
  /** Time box of every keychain call. Default 3000 ms. */
  keychainTimeoutMs?: number;
}

/** The store chosen for writing a new credential, and why the keychain was not used when it was not. */
export interface CredentialStoreSelection {
  store: CredentialStore;
  mode: CredentialStoreMode;
  /** Set when `auto` fell back to the file store: e.g. "no D-Bus session bus (…)", "keyring locked". */
  fallbackReason?: string;
}

/** Options of {@link openCredentialStore}. */
export interface OpenCredentialStoreOptions extends KeychainAccessOptions {
  env: AuthEnv;
  configDir: string;
}

/**
 * Chooses where a login is stored, per `RIG_CREDENTIAL_STORE`: `file`; `keychain` (must work, else an error);
 * `auto` = the keychain when a write/read/delete probe succeeds, else the file store with a `fallbackReason`.
 *
 * @throws {InvalidCredentialStoreError} for a bad `RIG_CREDENTIAL_STORE`.
 * @throws {CredentialStoreError} when `keychain` was asked for and does not work.
 * @example
 * const { store, fallbackReason } = await openCredentialStore({ env: process.env, configDir });
 */
export async function openCredentialStore(options: OpenCredentialStoreOptions): Promise<CredentialStoreSelection> {
  const mode = parseCredentialStoreMode(options.env);
  if (mode === 'file') return { store: createFileCredentialStore({ configDir: options.configDir }), mode };
  const keychain = createKeychainCredentialStore({
    ...(options.keychainLoader ? { loader: options.keychainLoader } : {}),
    ...(options.keychainTimeoutMs !== undefined ? { timeoutMs: options.keychainTimeoutMs } : {}),
    env: options.env,
  });
  const probe = await keychain.probe();
  if (probe.available) return { store: keychain, mode };
  if (mode === 'keychain') {
    throw new CredentialStoreError('keychain', `RIG_CREDENTIAL_STORE=keychain, but the keychain is unusable: ${probe.reason}.`, {
      hint: 'Unset RIG_CREDENTIAL_STORE (auto falls back to a 0600 file) or set it to file.',
    });
  }
  return { store: createFileCredentialStore({ configDir: options.configDir }), mode, fallbackReason: probe.reason };
}
