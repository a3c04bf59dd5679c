import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { CredentialRecord } from '../src/credential-record.js';
import type { CredentialStore } from '../src/credential-store.js';
import type { KeytarLike } from '../src/keychain-store.js';
import { MaxAuthenticationError, MaxConnectionError } from '@max/rig-sdk';
import type { TokenResponse } from '../src/sdk-contract.js';

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temp dir, removed after the test. */
export async function tempDir(prefix = 'rig-auth-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

/** An in-memory credential store that counts calls. */
export function memoryStore(kind: 'keychain' | 'file' = 'file'): CredentialStore & { data: Map<string, CredentialRecord>; calls: string[] } {
  const data = new Map<string, CredentialRecord>();
  const calls: string[] = [];
  return {
    kind,
    data,
    calls,
    notices: [],
    async get(apiUrl) {
      calls.push(`get ${apiUrl}`);
      return data.get(apiUrl) ?? null;
    },
    async set(apiUrl, record) {
      calls.push(`set ${apiUrl}`);
      data.set(apiUrl, structuredClone(record));
    },
    async delete(apiUrl) {
      calls.push(`delete ${apiUrl}`);
      return data.delete(apiUrl);
    },
    async list() {
      return [...data.values()];
    },
  };
}

/** An in-memory keytar that behaves like a working Secret Service. */
export function fakeKeytar(): KeytarLike & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  const key = (service: string, account: string) => `${service}\u0000${account}`;
  return {
    entries,
    async getPassword(service, account) {
      return entries.get(key(service, account)) ?? null;
    },
    async setPassword(service, account, password) {
      entries.set(key(service, account), password);
    },
    async deletePassword(service, account) {
      return entries.delete(key(service, account));
    },
    async findCredentials(service) {
      return [...entries]
        .filter(([k]) => k.startsWith(`${service}\u0000`))
        .map(([k, password]) => ({ account: k.slice(service.length + 1), password }));
    },
  };
}

/** A keytar like `@napi-rs/keyring` without a reachable Secret Service: reads say "nothing", writes fail. */
export function unreachableKeytar(message = "Couldn't access platform storage: AccessDenied"): KeytarLike {
  return {
    async getPassword() {
      return null;
    },
    async setPassword() {
      throw new Error(message);
    },
    async deletePassword() {
      return false;
    },
    async findCredentials() {
      return [];
    },
  };
}

export const API = 'http://127.0.0.1:4000';

/** A stored session, expiring `expiresInMs` from `now`. */
export function session(overrides: Partial<CredentialRecord> = {}, expiresInMs = 3_600_000, now = Date.now()): CredentialRecord {
  return {
    apiUrl: API,
    kind: 'session',
    accessToken: 'mxa_old',
    refreshToken: 'mxr_old',
    expiresAt: new Date(now + expiresInMs).toISOString(),
    user: { id: 'usr_1', email: 'ada@example.com' },
    scope: 'admin',
    ...overrides,
  };
}

/** A token response as the platform sends it. */
export function tokenResponse(n: number, expiresIn = 3600): TokenResponse {
  return { access_token: `mxa_new${n}`, refresh_token: `mxr_new${n}`, token_type: 'Bearer', expires_in: expiresIn, scope: 'admin' };
}

/** What the SDK throws when the token endpoint answers 401 (e.g. a reused refresh token). */
export function authError(message = 'Refresh token is invalid'): MaxAuthenticationError {
  return new MaxAuthenticationError({ code: 'unauthenticated', message, status: 401 });
}

/** What the SDK throws when the platform cannot be reached. */
export function connectionError(message = `Could not connect to ${API}`): MaxConnectionError {
  return new MaxConnectionError({ code: 'connection_error', message });
}
