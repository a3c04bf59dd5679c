// Malicious uploads sent straight to the API are refused, and nothing is written outside a build dir: no
// deployment starts, no build tree appears, and no blob whose bytes lie about their digest is stored.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMaxLocal, type MaxLocal } from '../src/index.js';
import { apiClient, type Call } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';
import { packOf, sendRaw, sha256 } from './helpers/deploy-client.js';
import { exists, makePack } from './deploy/helpers.js';

let dataDir: string;
let max: MaxLocal;
let call: Call;
let token: string;
const base = '/api/v1/networks/sec/apps/web/deployments';
const canary = `escape-${Date.now()}`;

type ErrorBody = { error: { code: string; details?: { reason?: string; fields?: { path: string }[] } } };

const file = (path: string, data = 'x') => ({ path, sha256: sha256(data), size: Buffer.byteLength(data), mode: 420 });
const link = (path: string, target: string) => ({ path, type: 'symlink', target, sha256: sha256(target), size: Buffer.byteLength(target), mode: 511 });

async function anywhereCanary(): Promise<boolean> {
  // Where a `../` or absolute path could have landed: the data dir, its parent, the builds dir's neighbours, /tmp.
  for (const dir of [dataDir, dirname(dataDir), join(dataDir, 'builds'), tmpdir(), '/tmp']) {
    if (await exists(join(dir, canary))) return true;
  }
  return false;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'max-deploy-sec-'));
  max = await startMaxLocal({ port: 0, dataDir, stabilizationSeconds: 0 });
  call = apiClient(max.url);
  token = (await deviceLogin(max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'sec' } });
  await call('POST', '/api/v1/networks/sec/apps', { token, body: { name: 'web' } });
  // Every blob the manifests below name is present, so only the manifest itself can be the reason for a refusal.
  const blobs = new Map([[sha256('x'), Buffer.from('x')]]);
  await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, packOf(blobs, [sha256('x')]), 'application/gzip');
});

afterAll(async () => {
  await max.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('malicious manifests', () => {
  it.each([
    ['a ../ path', [file(`../../${canary}`)], 422],
    ['a ../ segment in the middle', [file(`a/../../${canary}`)], 422],
    ['an absolute path', [file(`/tmp/${canary}`)], 422],
    ['a backslash path', [file(`..\\..\\${canary}`)], 422],
    ['a device entry', [{ ...file(canary), type: 'device' }], 422],
    ['a character-device mode', [{ ...file(canary), mode: 0o020644 }], 422],
    ['a link escaping the tree', [link('up', `../../../${canary}`)], 400],
    ['an absolute link', [link('abs', '/tmp')], 400],
    ['a link that escapes through another link', [link('here', '.'), link('out', `here/../../${canary}`)], 400],
    ['a file written through a link', [link('dir', 'sub'), file('dir/evil')], 400],
  ])('refuses %s, and nothing is created', async (_label, manifest, status) => {
    const res = await call<ErrorBody>('POST', base, { token, body: { manifest } });
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(status === 422 ? 'validation_failed' : 'bad_request');
    expect((await call<{ data: unknown[] }>('GET', base, { token })).body.data).toEqual([]);
    expect(await exists(join(dataDir, 'builds'))).toBe(false);
    expect(await anywhereCanary()).toBe(false);
  });

  it('a manifest whose size lies about a stored blob is refused at create, before anything is assembled', async () => {
    const created = await call<ErrorBody>('POST', base, { token, body: { manifest: [{ ...file('server.js'), size: 5 }] } });
    expect(created.status).toBe(422);
    expect(created.body.error.details?.fields?.map((f) => f.path)).toEqual(['/manifest/0/size']);
    expect(await readdir(join(dataDir, 'builds')).catch(() => [])).toEqual([]);
  });
});

describe('malicious blobs and packs', () => {
  it('a blob whose bytes do not match its digest is refused and not stored', async () => {
    const claimed = sha256('the real content');
    const res = await sendRaw(max.url, 'PUT', `/api/v1/blobs/${claimed}`, token, Buffer.from('something else'), 'application/octet-stream');
    expect(res.status).toBe(422);
    expect(res.body.error?.code).toBe('digest_mismatch');
    const missing = await call<{ missing: string[] }>('POST', '/api/v1/blobs/missing', { token, body: { digests: [claimed, sha256('something else')] } });
    expect(missing.body.missing).toEqual([claimed, sha256('something else')]);
  });

  it.each([
    ['a digest mismatch (the good entry is not stored either: all or nothing)', [{ name: sha256('good'), data: 'good' }, { name: sha256('a'), data: 'b' }], 422],
    ['a ../ entry name', [{ name: `../../${canary}`, data: 'x' }], 400],
    ['an absolute entry name', [{ name: `/tmp/${canary}`, data: 'x' }], 400],
    ['a symlink entry', [{ name: sha256('l'), type: '2', linkname: '/etc/passwd' }], 400],
    ['a character device entry', [{ name: sha256('d'), type: '3' }], 400],
    ['a FIFO entry', [{ name: sha256('f'), type: '6' }], 400],
  ])('a pack with %s is refused and stores nothing', async (_label, entries, status) => {
    const res = await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, makePack(entries), 'application/gzip');
    expect(res.status).toBe(status);
    const names = entries.map((e) => e.name).filter((n) => /^[a-f0-9]{64}$/.test(n));
    if (names.length > 0) {
      expect((await call<{ missing: string[] }>('POST', '/api/v1/blobs/missing', { token, body: { digests: names } })).body.missing).toEqual(names);
    }
    expect(await anywhereCanary()).toBe(false);
  });

  it('a body that is not gzip at all is a 400', async () => {
    const res = await sendRaw(max.url, 'POST', '/api/v1/blobs/packs', token, Buffer.from('not a tarball'), 'application/gzip');
    expect(res.status).toBe(400);
  });
});
