import type { CredentialRecord } from './credential-record.js';

/** Where credentials are kept. */
export type CredentialStoreKind = 'keychain' | 'file';

/**
 * A place that stores one {@link CredentialRecord} per normalised API URL. Implementations normalise the
 * `apiUrl` they are given, so callers may pass it as the user typed it.
 */
export interface CredentialStore {
  readonly kind: CredentialStoreKind;
  /** The record for `apiUrl`, or `null` when there is none. */
  get(apiUrl: string): Promise<CredentialRecord | null>;
  /** Stores (replaces) the record for `apiUrl`. */
  set(apiUrl: string, record: CredentialRecord): Promise<void>;
  /** Deletes the record for `apiUrl`; `true` when there was one. */
  delete(apiUrl: string): Promise<boolean>;
  /** Every stored record. */
  list?(): Promise<CredentialRecord[]>;
  /**
   * Things the user should be told that are not errors (e.g. "tightened permissions of credentials.json").
   * Front-ends print them on stderr.
   */
  readonly notices: readonly string[];
}
