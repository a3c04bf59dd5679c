// A manifest entry's `size` must be the size of the blob it names (issue 11): a deployment whose manifest lies about
// sizes is refused with 422 — at create when the blob is already stored, at finalize when it was uploaded since —
// so `total_size` and `file_count` of every deployment that goes ahead describe the bytes it really builds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, startTestPlatform, type Call, type TestPlatform } from './helpers/api.js';
import { deviceLogin } from './helpers/login.js';
import { packOf, sendRaw, sha256, type WireDeployment } from './helpers/deploy-client.js';

let platform: TestPlatform;
let call: Call;
let token: string;
const base = '/api/v1/networks/sizes/apps/web/deployments';

type ErrorBody = { error: { code: string; message: string; details?: { fields?: { path: string; message: string }[] } } };

const stored = Buffer.from('console.log("stored")\n');
const later = Buffer.from('console.log("uploaded later")\n');
const entry = (data: Buffer, size: number, path = 'index.js') => ({ path, sha256: sha256(data), size, mode: 0o644 });

const deployments = async (): Promise<WireDeployment[]> => (await call<{ data: WireDeployment[] }>('GET', base, { token })).body.data;

beforeAll(async () => {
  platform = await startTestPlatform();
  call = apiClient(platform.max.url);
  token = (await deviceLogin(platform.max, call)).access_token;
  await call('POST', '/api/v1/networks', { token, body: { name: 'sizes' } });
  await call('POST', '/api/v1/networks/sizes/apps', { token, body: { name: 'web' } });
  const pack = await sendRaw(platform.max.url, 'POST', '/api/v1/blobs/packs', token, packOf(new Map([[sha256(stored), stored]]), [sha256(stored)]), 'application/gzip');
  expect(pack.status).toBe(200);
}, 30_000);

afterAll(async () => {
  await platform.stop();
});

describe('manifest sizes', () => {
  it.each([
    ['larger', stored.length + 1000],
    ['smaller', stored.length - 1],
    ['zero', 0],
  ])('an entry claiming a %s size than its stored blob is refused at create with 422, nothing created', async (_label, size) => {
    const res = await call<ErrorBody>('POST', base, {
      token,
      body: { manifest: [{ path: 'rig.json', sha256: sha256(stored), size: stored.length, mode: 0o644 }, entry(stored, size, 'b/index.js')] },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details?.fields).toEqual([
      { path: '/manifest/1/size', message: `is ${size}, but blob ${sha256(stored)} has ${stored.length} bytes` },
    ]);
    expect(await deployments()).toEqual([]);
  });

  it('an entry whose blob is uploaded later with another size is refused at finalize; the deployment is cancelled', async () => {
    const created = await call<WireDeployment & { total_size: number }>('POST', base, {
      token,
      body: { manifest: [entry(stored, stored.length, 'a.js'), entry(later, 1_000_000, 'b.js')] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'uploading', missing_blobs: [sha256(later)] });
    const pack = await sendRaw(platform.max.url, 'POST', '/api/v1/blobs/packs', token, packOf(new Map([[sha256(later), later]]), [sha256(later)]), 'application/gzip');
    expect(pack.status).toBe(200);

    const finalized = await call<ErrorBody>('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token });
    expect(finalized.status).toBe(422);
    expect(finalized.body.error.code).toBe('validation_failed');
    expect(finalized.body.error.details?.fields).toEqual([
      { path: '/manifest/1/size', message: `is 1000000, but blob ${sha256(later)} has ${later.length} bytes` },
    ]);
    const after = await call<WireDeployment>('GET', `/api/v1/deployments/${created.body.id}`, { token });
    expect(after.body.state).toBe('cancelled');
    // A retry (finalize is idempotent) finds it cancelled and builds nothing.
    const retried = await call<WireDeployment>('POST', `/api/v1/deployments/${created.body.id}/finalize`, { token });
    expect(retried.status).toBe(200);
    expect(retried.body.state).toBe('cancelled');
  });

  it('a manifest with the right sizes is accepted and its total_size is the sum of the blobs', async () => {
    const created = await call<WireDeployment & { total_size: number; file_count: number }>('POST', base, {
      token,
      body: { manifest: [entry(stored, stored.length, 'a.js'), entry(later, later.length, 'b.js')] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ state: 'queued', file_count: 2, total_size: stored.length + later.length });
  });
});
