import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Libsql from 'libsql';
import { Platform } from '../src/platform.js';
import { SecretCipher, SecretDecryptionError } from '../src/secrets/secret-cipher.js';
import { startTestPlatform, type ApiResponse, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';

// A distinctive value, and variants of it, must never leave the request that set it: not in any
// response, event, export, request log line, or byte of the data dir.
const SECRET = 'zq-SECRET-hygiene-7f3a9c41e2';
const ROTATED = 'zq-SECRET-rotated-0b8d55aa19';
const needles = [SECRET, ROTATED, Buffer.from(SECRET).toString('base64'), Buffer.from(SECRET).toString('hex')];

let t: TestPlatform;
let token: string;
const logLines: string[] = [];
const bodies: string[] = [];

async function call<T>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
  const res = await t.call<T>(method, path, { token, ...(body === undefined ? {} : { body }) });
  bodies.push(res.text);
  return res;
}

function expectClean(text: string, where: string): void {
  for (const needle of needles) {
    if (text.includes(needle)) throw new Error(`secret value found in ${where}`);
  }
}

beforeAll(async () => {
  t = await startTestPlatform({ log: { write: (chunk: string) => logLines.push(chunk) } });
  token = (await deviceLogin(t.max, t.call)).access_token;
});

afterAll(async () => {
  await t.stop();
});

describe('secret hygiene', () => {
  it('never returns, logs, records or stores the value in clear; the digest is right', async () => {
    await call('POST', '/api/v1/networks', { name: 'vault' });
    await call('POST', '/api/v1/networks/vault/apps', { name: 'api' });
    const set = await call<{ data: { digest: string }[] }>('POST', '/api/v1/networks/vault/apps/api/secrets', { secrets: { API_KEY: SECRET } });
    expect(set.body.data[0]?.digest).toBe(`sha256:${createHash('sha256').update(SECRET).digest('hex')}`);
    await call('POST', '/api/v1/networks/vault/secrets', { secrets: { SHARED: SECRET } });
    // Every read path there is.
    await call('GET', '/api/v1/networks/vault/apps/api/secrets');
    await call('GET', '/api/v1/networks/vault/apps/api/secrets/API_KEY');
    await call('GET', '/api/v1/networks/vault/secrets');
    await call('GET', '/api/v1/networks/vault/secrets/SHARED');
    await call('GET', '/api/v1/networks/vault/apps/api/env');
    await call('GET', '/api/v1/dashboard?events=100');
    const exported = await call<{ networks: unknown[] }>('GET', '/api/v1/config/export');
    await call('POST', '/api/v1/config/plan', { document: exported.body });
    await call('POST', '/api/v1/config/apply', { document: exported.body });
    // Config as code with values: drift through the API, a refused value (wrong digest, platform key, bad key,
    // unknown scope), a plan and an apply that restore it. Values go in; only digests come out.
    await call('POST', '/api/v1/networks/vault/apps/api/secrets', { secrets: { API_KEY: ROTATED } });
    const drift = await call<{ changes: unknown[] }>('POST', '/api/v1/config/plan', { document: exported.body });
    expect(drift.body.changes).toHaveLength(1);
    const refused = [
      { 'vault/api': { API_KEY: ROTATED } },
      { 'vault/api': { PORT: SECRET } },
      { 'vault/api': { 'bad key': SECRET } },
      { 'vault/nope': { API_KEY: SECRET } },
    ];
    for (const secret_values of refused) {
      expect((await call('POST', '/api/v1/config/plan', { document: exported.body, secret_values })).status).toBe(422);
      expect((await call('POST', '/api/v1/config/apply', { document: exported.body, secret_values })).status).toBe(422);
    }
    const secret_values = { 'vault/api': { API_KEY: SECRET }, vault: { SHARED: SECRET } };
    const planned = await call<{ digest: string; blockers: unknown[] }>('POST', '/api/v1/config/plan', { document: exported.body, secret_values });
    expect(planned.body.blockers).toEqual([]);
    const restored = await call('POST', '/api/v1/config/apply', { document: exported.body, secret_values, plan_digest: planned.body.digest });
    expect(restored.status).toBe(200);
    const after = await call<{ digest: string }>('GET', '/api/v1/networks/vault/apps/api/secrets/API_KEY');
    expect(after.body.digest).toBe(`sha256:${createHash('sha256').update(SECRET).digest('hex')}`);
    // Rotation, revert and error paths.
    await call('POST', '/api/v1/networks/vault/apps/api/secrets', { secrets: { API_KEY: ROTATED } });
    const history = await call<{ data: { id: string; action: string }[] }>('GET', '/api/v1/events?limit=200');
    const rotation = history.body.data.find((e) => e.action === 'secret.set');
    await call('POST', `/api/v1/events/${rotation?.id}/revert`);
    await call('POST', `/api/v1/events/${rotation?.id}/revert`); // 409: changed since
    await call('POST', '/api/v1/networks/vault/apps/api/secrets', { secrets: { API_KEY: SECRET, PORT: SECRET } }); // 422
    await call('POST', '/api/v1/networks/vault/apps/api/secrets', { secrets: { 'bad key': SECRET } }); // 422 (schema)
    await call('POST', '/api/v1/networks/nope/secrets', { secrets: { K: SECRET } }); // 404
    await call('GET', '/api/v1/events?limit=200');
    for (const event of history.body.data) await call('GET', `/api/v1/events/${event.id}`);

    bodies.forEach((body, i) => expectClean(body, `response body #${i}`));
    expect(logLines.length).toBeGreaterThan(10);
    expectClean(logLines.join(''), 'the request log');

    await t.max.close();
    for (const file of await readdir(t.dataDir)) {
      const bytes = await readFile(join(t.dataDir, file));
      for (const needle of needles) {
        if (bytes.includes(Buffer.from(needle))) throw new Error(`secret value found in clear in ${file}`);
      }
    }
  });
});

describe('encryption at rest', () => {
  let dataDir = '';
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates secret.key with mode 0600 and 32 bytes; a tampered ciphertext fails to decrypt clearly', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'max-local-secrets-'));
    const platform = Platform.open({ dataDir });
    const keyFile = join(dataDir, 'secret.key');
    try {
      const info = await stat(keyFile);
      expect(info.mode & 0o777).toBe(0o600);
      expect(info.size).toBe(32);
      const owner = platform.users.ensureOwner();
      const actor = { type: 'user' as const, id: owner.id, email: owner.email };
      platform.networks.create(owner.id, actor, { name: 'enc' });
      platform.apps.create(owner.id, actor, 'enc', { name: 'web' });
      const scope = platform.envScopes.resolve(owner.id, 'enc', 'web');
      platform.secrets.set(owner.id, actor, scope, { API_KEY: SECRET });
      expect(platform.env.forProcess(owner.id, 'enc', 'web', { port: 5000 })).toMatchObject({ API_KEY: SECRET, PORT: '5000', MAX_APP: 'web' });
    } finally {
      platform.close();
    }

    // Flip one bit of the stored ciphertext, behind max-local's back.
    const raw = new Libsql(join(dataDir, 'max.db'));
    const row = raw.prepare('SELECT id, ciphertext FROM secret_versions').get([]) as { id: string; ciphertext: ArrayBuffer };
    const tampered = Buffer.from(new Uint8Array(row.ciphertext));
    tampered[0] = (tampered[0] as number) ^ 0x01;
    raw.prepare('UPDATE secret_versions SET ciphertext = ? WHERE id = ?').run([tampered, row.id]);
    raw.close();

    const reopened = Platform.open({ dataDir });
    try {
      const owner = reopened.users.ensureOwner();
      let caught: unknown;
      try {
        reopened.env.forProcess(owner.id, 'enc', 'web', { port: 5000 });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SecretDecryptionError);
      expect((caught as Error).message).toMatch(/API_KEY .*failed authentication.*modified or moved, or secret\.key is not the key/);
      expect((caught as Error).message).not.toContain(SECRET);
    } finally {
      reopened.close();
    }
  });

  it('the AAD binds a ciphertext to its scope, key and version', () => {
    const cipher = new SecretCipher(Buffer.alloc(32, 7));
    const binding = { scopeId: 'app_a', key: 'K', versionId: 'sv_1' };
    const sealed = cipher.seal('value', binding);
    expect(cipher.open(sealed, binding)).toBe('value');
    expect(sealed.iv).toHaveLength(12);
    expect(cipher.seal('value', binding).iv.equals(sealed.iv)).toBe(false);
    expect(() => cipher.open(sealed, { ...binding, scopeId: 'app_b' })).toThrow(SecretDecryptionError);
    expect(() => cipher.open(sealed, { ...binding, key: 'OTHER' })).toThrow(SecretDecryptionError);
    expect(() => cipher.open(sealed, { ...binding, versionId: 'sv_2' })).toThrow(SecretDecryptionError);
    expect(() => new SecretCipher(Buffer.alloc(32, 8)).open(sealed, binding)).toThrow(SecretDecryptionError);
  });

  it('refuses to start with a key file readable by others, of the wrong size, or not the one secrets were sealed with', async () => {
    const keyFile = join(dataDir, 'secret.key');
    const original = await readFile(keyFile);
    await chmod(keyFile, 0o644);
    expect(() => Platform.open({ dataDir })).toThrow(/has mode 0644; it must be readable by its owner only.*chmod 600/);
    await expect(startTestPlatform({ dataDir })).rejects.toThrow(/chmod 600/);
    await chmod(keyFile, 0o600);

    await writeFile(keyFile, original.subarray(0, 16));
    expect(() => Platform.open({ dataDir })).toThrow(/is 16 bytes long; it must be exactly 32/);

    await writeFile(keyFile, Buffer.alloc(32, 1));
    expect(() => Platform.open({ dataDir })).toThrow(/is not the key this data dir's 1 stored secret value\(s\) were encrypted with/);

    await writeFile(keyFile, original);
    Platform.open({ dataDir }).close();
  });
});
