import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/deploy/blob-store.js';
import { DigestMismatchError, InvalidBlobError, PayloadTooLargeError } from '../../src/deploy/deploy-errors.js';
import { chunked, listTree, makePack, sha256, smallBlobRows, stageLeftover, tempDir } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
let store: BlobStore;

beforeEach(async () => {
  ({ dir, cleanup } = await tempDir());
  store = await BlobStore.open(join(dir, 'blobs'), { maxBlobBytes: 64 * 1024, maxPackExpandedBytes: 256 * 1024 });
});
afterEach(() => {
  store.close();
  return cleanup();
});

/** Blobs in the store, files and rows, ignoring the temp dir and the staged rows (which must be empty too). */
async function storedBlobs(): Promise<string[]> {
  const tmp = await readdir(join(dir, 'blobs', '.tmp'));
  expect(tmp).toEqual([]);
  const rows = smallBlobRows(join(dir, 'blobs'));
  expect(rows.staged).toBe(0);
  return [...(await listTree(join(dir, 'blobs'))).filter((p) => p.length === 65), ...rows.blobs];
}

describe('BlobStore.put', () => {
  it('stores a small blob as a row, only when its bytes hash to the digest', async () => {
    const data = Buffer.from('hello blob');
    const digest = sha256(data);
    expect(await store.missing([digest])).toEqual([digest]);
    await expect(store.put(digest, chunked(data, 3))).resolves.toEqual({ digest, size: data.length, created: true });
    expect(smallBlobRows(join(dir, 'blobs')).blobs).toEqual([digest]);
    expect(store.readSync(digest).toString()).toBe('hello blob');
    expect(await store.has(digest)).toBe(true);
    expect(await store.sizeOf(digest)).toBe(data.length);
    expect(await store.missing([digest])).toEqual([]);
    expect(store.checkIntactSync(digest)).toEqual({ intact: true });
    // Uploading again is harmless and reported as not new.
    await expect(store.put(digest, [data])).resolves.toMatchObject({ created: false });
  });

  it('stores a blob over 64 KiB as a file under ab/cdef…', async () => {
    const large = await BlobStore.open(join(dir, 'large'));
    const data = randomBytes(64 * 1024 + 1);
    const digest = sha256(data);
    await expect(large.put(digest, chunked(data, 10_000))).resolves.toEqual({ digest, size: data.length, created: true });
    expect(await readFile(join(dir, 'large', digest.slice(0, 2), digest.slice(2)))).toEqual(data);
    expect(smallBlobRows(join(dir, 'large')).blobs).toEqual([]);
    expect(large.readSync(digest)).toEqual(data);
    expect(await large.sizes([digest])).toEqual(new Map([[digest, data.length]]));
    large.close();
  });

  it('still reads small blobs a store kept as files before it had rows, and drops staged rows a crash left', async () => {
    const data = Buffer.from('from an older max-local');
    const digest = sha256(data);
    await mkdir(join(dir, 'blobs', digest.slice(0, 2)), { recursive: true });
    await writeFile(store.pathOf(digest), data);
    expect(await store.sizes([digest, sha256('absent')])).toEqual(new Map([[digest, data.length], [sha256('absent'), null]]));
    expect(store.readSync(digest)).toEqual(data);
    expect(await store.checkIntact(digest)).toEqual({ intact: true });
    await expect(store.put(digest, [data])).resolves.toMatchObject({ created: false });
    store.close();
    stageLeftover(join(dir, 'blobs'), sha256('half a pack'), 'half a pack');
    store = await BlobStore.open(join(dir, 'blobs'));
    expect(smallBlobRows(join(dir, 'blobs')).staged).toBe(0);
    expect(await store.has(sha256('half a pack'))).toBe(false);
  });

  it('rejects a digest mismatch with a typed error and stores nothing', async () => {
    const claimed = sha256('what the client said');
    const error = await store.put(claimed, [Buffer.from('something else')]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect(error).toMatchObject({ status: 422, code: 'digest_mismatch', expected: claimed, actual: sha256('something else') });
    expect(await store.has(claimed)).toBe(false);
    expect(await storedBlobs()).toEqual([]);
  });

  it('refuses malformed digests and blobs over the size limit', async () => {
    await expect(store.put('../../etc/passwd', [Buffer.from('x')])).rejects.toBeInstanceOf(InvalidBlobError);
    await expect(store.put('A'.repeat(64), [Buffer.from('x')])).rejects.toMatchObject({ status: 400, code: 'bad_request' });
    await expect(store.missing(['abc'])).rejects.toBeInstanceOf(InvalidBlobError);
    const big = Buffer.alloc(64 * 1024 + 1, 1);
    await expect(store.put(sha256(big), chunked(big, 4096))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await storedBlobs()).toEqual([]);
  });

  it('answers missing() in request order, each digest once', async () => {
    const a = sha256('a');
    const b = sha256('b');
    const c = sha256('c');
    await store.put(b, [Buffer.from('b')]);
    expect(await store.missing([c, b, a, c])).toEqual([c, a]);
  });
});

describe('BlobStore.ingestPack', () => {
  const blob = (text: string) => ({ name: sha256(text), data: text });

  it('stores every verified blob of a streamed tar.gz pack and reports what was already present', async () => {
    const empty = blob('');
    await store.put(sha256('one'), [Buffer.from('one')]);
    const pack = makePack([blob('one'), blob('two'), empty, blob('x'.repeat(20_000))]);
    const result = await store.ingestPack(chunked(pack, 700));
    expect(result).toEqual({ stored: [sha256('two'), empty.name, sha256('x'.repeat(20_000))], already_present: [sha256('one')] });
    expect(await store.missing([sha256('two'), empty.name])).toEqual([]);
    expect(store.readSync(sha256('x'.repeat(20_000))).toString()).toBe('x'.repeat(20_000));
    expect(smallBlobRows(join(dir, 'blobs'))).toEqual({ blobs: [sha256('one'), sha256('two'), empty.name, sha256('x'.repeat(20_000))].sort(), staged: 0 });
  });

  it.each([
    ['a name that is not a digest', [blob('ok'), { name: 'evil.txt', data: 'x' }]],
    ['a path with a directory', [blob('ok'), { name: `../${sha256('x')}`, data: 'x' }]],
    ['a symlink', [blob('ok'), { name: sha256('l'), type: '2', linkname: '/etc/passwd' }]],
    ['a hard link', [blob('ok'), { name: sha256('h'), type: '1', linkname: sha256('ok') }]],
    ['a character device', [blob('ok'), { name: sha256('d'), type: '3' }]],
    ['a block device', [blob('ok'), { name: sha256('b'), type: '4' }]],
    ['a FIFO', [blob('ok'), { name: sha256('f'), type: '6' }]],
    ['a directory', [blob('ok'), { name: `${sha256('dir')}/`, type: '5' }]],
  ])('rejects a pack with %s and stores nothing of it', async (_what, entries) => {
    const error = await store.ingestPack([makePack(entries)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBlobError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request' });
    expect(await storedBlobs()).toEqual([]);
  });

  it('is all-or-nothing: one mismatching entry rejects the whole pack', async () => {
    const pack = makePack([blob('first'), blob('second'), { name: sha256('claimed'), data: 'actual' }, blob('fourth')]);
    const error = await store.ingestPack(chunked(pack, 100)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DigestMismatchError);
    expect(await storedBlobs()).toEqual([]);
  });

  it('is all-or-nothing past the first staged batch too: rows written before the bad entry are dropped', async () => {
    const roomy = await BlobStore.open(join(dir, 'roomy'));
    const good = Array.from({ length: 72 }, () => {
      const data = randomBytes(60 * 1024);
      return { name: sha256(data), data };
    });
    const pack = makePack([...good, { name: sha256('claimed'), data: 'actual' }]);
    await expect(roomy.ingestPack(chunked(pack, 64 * 1024))).rejects.toBeInstanceOf(DigestMismatchError);
    expect(smallBlobRows(join(dir, 'roomy'))).toEqual({ blobs: [], staged: 0 });
    expect(await roomy.missing(good.map((g) => g.name))).toHaveLength(72);
    // The same blobs without the bad entry: all stored, in pack order.
    const result = await roomy.ingestPack(chunked(makePack(good), 64 * 1024));
    expect(result).toEqual({ stored: good.map((g) => g.name), already_present: [] });
    expect(smallBlobRows(join(dir, 'roomy')).blobs).toHaveLength(72);
    roomy.close();
  });

  it('enforces the per-entry, expanded-total and body limits', async () => {
    const big = 'y'.repeat(64 * 1024 + 1);
    await expect(store.ingestPack([makePack([{ name: sha256(big), data: big }])])).rejects.toBeInstanceOf(PayloadTooLargeError);
    const many = Array.from({ length: 5 }, (_, i) => blob(`${i}`.repeat(60 * 1024)));
    await expect(store.ingestPack([makePack(many)])).rejects.toMatchObject({ status: 413, code: 'payload_too_large' });
    const small = await BlobStore.open(join(dir, 'small'), { maxPackBytes: 100 });
    await expect(small.ingestPack([makePack([blob('a'.repeat(5000))])])).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await storedBlobs()).toEqual([]);
  });

  it('rejects bytes that are not a tar archive, and an empty pack', async () => {
    await expect(store.ingestPack([Buffer.from('this is not a tarball at all, not even close'.repeat(20))])).rejects.toBeInstanceOf(InvalidBlobError);
    await expect(store.ingestPack([makePack([])])).rejects.toBeInstanceOf(InvalidBlobError);
  });
});

describe('BlobStore.ingestPack with a body that stops mid-entry', () => {
  const noise = randomBytes(40_000); // incompressible, so the body limit falls inside the entry

  it('rejects a body over the limit while an entry is half written, without hanging', async () => {
    const limited = await BlobStore.open(join(dir, 'limited'), { maxPackBytes: 20_000 });
    const pack = makePack([{ name: sha256(noise), data: noise }]);
    await expect(limited.ingestPack(chunked(pack, 1000))).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(await readdir(join(dir, 'limited', '.tmp'))).toEqual([]);
    expect(await limited.has(sha256(noise))).toBe(false);
  });

  it('rejects a truncated pack and keeps nothing of it', async () => {
    const pack = makePack([{ name: sha256('whole'), data: 'whole' }, { name: sha256(noise), data: noise }]);
    const error = await store.ingestPack([pack.subarray(0, 30_000)]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidBlobError);
    expect(await storedBlobs()).toEqual([]);
    // A tar cut at an entry boundary but still validly gzipped is truncated too.
    const { gunzipSync, gzipSync } = await import('node:zlib');
    const raw = gunzipSync(pack);
    await expect(store.ingestPack([gzipSync(raw.subarray(0, 1024 + 512 + 10_000))])).rejects.toBeInstanceOf(InvalidBlobError);
    expect(await storedBlobs()).toEqual([]);
  });

  it('keeps nothing when the upload breaks off (client gone)', async () => {
    const pack = makePack([{ name: sha256('whole'), data: 'whole' }, { name: sha256(noise), data: noise }]);
    async function* cut(): AsyncGenerator<Buffer> {
      yield pack.subarray(0, 20_000);
      throw new Error('aborted');
    }
    await expect(store.ingestPack(cut())).rejects.toThrow('aborted');
    expect(await storedBlobs()).toEqual([]);
  });
});
