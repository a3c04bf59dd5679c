import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { gunzipSync } from 'node:zlib';
import * as tar from 'tar';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_MAX_CHUNK_BYTES,
  MaxBundleError,
  createChunkStream,
  packBlobs,
  walkSourceTree,
  type BlobChunk,
} from '../../src/node/index.js';
import { BufferPool } from '../../src/node/buffer-pool.js';
import { PACK_BUFFER_BYTES, createPackBody } from '../../src/node/pack-blobs.js';
import { tempDir, writeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function dirWith(spec: TreeSpec): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  await writeTree(t.dir, spec);
  return t.dir;
}

const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function chunkBytes(chunk: BlobChunk): Promise<{ gz: Buffer; bytesOut: number; blobBytesRead: number }> {
  const stream = createChunkStream(chunk);
  const parts: Buffer[] = [];
  for await (const part of stream.readable) parts.push(part as Buffer);
  return { gz: Buffer.concat(parts), bytesOut: stream.bytesOut, blobBytesRead: stream.blobBytesRead };
}

/** Source-like text that deflate shrinks, distinct per seed. */
const text = (seed: number, bytes: number) =>
  Array.from({ length: Math.ceil(bytes / 40) }, (_, i) => `export const v${seed}_${i} = ${i * seed};\n`).join('').slice(0, bytes);

describe('packBlobs', () => {
  it('plans bounded chunks covering each distinct blob once; a blob above the bound gets its own chunk', async () => {
    const spec: TreeSpec = { 'huge.txt': text(999, 600 * 1024), link: { link: 'huge.txt' }, 'dup-a.txt': 'same', 'dup-b.txt': 'same' };
    for (let i = 0; i < 120; i++) spec[`src/f${i}.js`] = text(i, 5_000 + i * 10);
    const bundle = await walkSourceTree(await dirWith(spec));
    const max = 64 * 1024;
    const chunks = await collect(packBlobs(bundle.root, bundle.files, { maxChunkBytes: max }));

    expect(chunks.map((c) => c.index)).toEqual(chunks.map((_, i) => i));
    expect(chunks.length).toBeGreaterThan(8);
    for (const chunk of chunks) {
      if (chunk.blobs.length > 1) expect(chunk.tarBytes).toBeLessThanOrEqual(max);
      expect(chunk.blobBytes).toBe(chunk.blobs.reduce((s, b) => s + b.size, 0));
    }
    const huge = bundle.files.find((f) => f.path === 'huge.txt');
    expect(chunks.filter((c) => c.blobs.some((b) => b.path === 'huge.txt'))).toMatchObject([{ blobs: [{ sha256: huge?.sha256 }] }]);
    const packed = chunks.flatMap((c) => c.blobs.map((b) => b.sha256)).sort();
    const distinct = [...new Set(bundle.files.filter((f) => f.type === 'file').map((f) => f.sha256))].sort();
    expect(packed).toEqual(distinct); // every blob once: duplicates collapsed, the link carries none
    expect(DEFAULT_MAX_CHUNK_BYTES).toBe(8 * 1024 * 1024);
  });

  it('streams tar.gz chunks that node-tar and GNU tar extract into files named by digest', async () => {
    const spec: TreeSpec = { 'a.txt': 'alpha', 'empty': '', 'odd.bin': randomBytes(513), 'exact.bin': randomBytes(1024) };
    for (let i = 0; i < 30; i++) spec[`lib/m${i}.js`] = text(i, 3_000);
    const bundle = await walkSourceTree(await dirWith(spec));
    const chunks = await collect(packBlobs(bundle.root, bundle.files, { maxChunkBytes: 32 * 1024 }));
    const out = await dirWith({});
    let extracted = 0;
    for (const chunk of chunks) {
      const { gz, bytesOut, blobBytesRead } = await chunkBytes(chunk);
      expect(bytesOut).toBe(gz.length);
      expect(blobBytesRead).toBe(chunk.blobBytes);
      expect(gunzipSync(gz).length).toBe(chunk.tarBytes); // the planned size is exact

      const file = join(out, `chunk-${chunk.index}.tar.gz`);
      await writeFile(file, gz);
      const viaNodeTar = join(out, `node-${chunk.index}`);
      const viaGnuTar = join(out, `gnu-${chunk.index}`);
      await mkdir(viaNodeTar);
      await mkdir(viaGnuTar);
      await pipeline(createReadStream(file), tar.x({ cwd: viaNodeTar, strict: true }));
      execFileSync('tar', ['-xzf', file, '-C', viaGnuTar]);
      for (const dir of [viaNodeTar, viaGnuTar]) {
        const names = (await readdir(dir)).sort();
        expect(names).toEqual(chunk.blobs.map((b) => b.sha256).sort());
        for (const name of names) expect(sha(await readFile(join(dir, name)))).toBe(name);
      }
      extracted += chunk.blobs.length;
    }
    expect(extracted).toBe(new Set(bundle.files.map((f) => f.sha256)).size);
  });

  it('stores already-compressed data without deflating it and compresses text', async () => {
    const random = randomBytes(400 * 1024);
    const bundle = await walkSourceTree(
      await dirWith({ 'logo.png': randomBytes(2048), 'data.bin': random, 'app.js': text(1, 400 * 1024) }),
    );
    const chunks = await collect(packBlobs(bundle.root, bundle.files));
    const byPath = (p: string) => chunks.find((c) => c.blobs.some((b) => b.path === p));
    expect(byPath('logo.png')?.level).toBe(0); // by extension
    expect(byPath('data.bin')?.level).toBe(0); // by sampling: no extension hint
    expect(byPath('app.js')?.level).toBe(1);
    expect(byPath('app.js')).not.toBe(byPath('data.bin'));
    const textChunk = await chunkBytes(byPath('app.js') as BlobChunk);
    expect(textChunk.gz.length).toBeLessThan(400 * 1024 * 0.3);
    const stored = await chunkBytes(byPath('data.bin') as BlobChunk);
    expect(gunzipSync(stored.gz).includes(random)).toBe(true);
    // Level 0 adds only stored-block framing (5 bytes per 64 KiB block) plus headers.
    expect(stored.gz.length).toBeLessThan((byPath('data.bin') as BlobChunk).tarBytes + 1024);

    const forced = await collect(packBlobs(bundle.root, bundle.files, { isIncompressible: () => false, level: 6 }));
    expect(forced.map((c) => c.level)).toEqual([6]);
  });

  it('fails the stream with file_changed when a file no longer matches its digest', async () => {
    const dir = await dirWith({ 'a.txt': 'before', 'b.txt': 'other' });
    const bundle = await walkSourceTree(dir);
    await writeFile(join(dir, 'a.txt'), 'after!');
    const [chunk] = await collect(packBlobs(bundle.root, bundle.files));
    const error: unknown = await chunkBytes(chunk as BlobChunk).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MaxBundleError);
    expect(error).toMatchObject({ code: 'file_changed', path: 'a.txt' });
  });

  it('streams a 50 MB file with bounded memory, reading from disk only as fast as the consumer reads', async () => {
    const dir = await dirWith({});
    const size = 50 * 1024 * 1024;
    // Written in pieces so the test itself never holds 50 MB.
    const writer = createWriteStream(join(dir, 'big.dat'));
    for (let written = 0; written < size; written += 1024 * 1024) {
      if (!writer.write(randomBytes(1024 * 1024))) await new Promise<void>((r) => writer.once('drain', () => r()));
    }
    await new Promise<void>((resolve, reject) => writer.end((err?: Error | null) => (err ? reject(err) : resolve())));
    const bundle = await walkSourceTree(dir);
    const [chunk] = await collect(packBlobs(bundle.root, bundle.files));
    expect(chunk?.blobs).toHaveLength(1);
    expect(chunk?.level).toBe(0);

    global.gc?.();
    const before = process.memoryUsage();
    let peak = 0;
    const stream = createChunkStream(chunk as BlobChunk);
    const reader = stream.toWeb().getReader();
    let received = 0;
    let pausedAt: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.length;
      const now = process.memoryUsage();
      peak = Math.max(peak, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
      if (pausedAt === undefined && received >= 1024 * 1024) {
        // Stop consuming for a moment: backpressure must stop the disk reads too.
        await new Promise<void>((r) => setTimeout(r, 100));
        pausedAt = stream.blobBytesRead;
      }
    }
    expect(received).toBe(stream.bytesOut);
    expect(stream.blobBytesRead).toBe(size);
    expect(pausedAt).toBeLessThan(4 * 1024 * 1024);
    // Loose on purpose (GC timing varies): buffering the file would need > 50 MB.
    expect(peak).toBeLessThan(40 * 1024 * 1024);
    console.info(`pack 50 MB: peak heap+arrayBuffers growth ${(peak / 1048576).toFixed(1)} MiB; read ahead while paused ${((pausedAt ?? 0) / 1048576).toFixed(2)} MiB`);
  });

  it('a pack body makes the same bytes from two pooled buffers, reused piece after piece and body after body', async () => {
    const spec: TreeSpec = { 'big.bin': randomBytes(700 * 1024), 'big.txt': text(7, 900 * 1024) };
    for (let i = 0; i < 300; i++) spec[`src/f${i}.js`] = text(i, 3_000 + i);
    const bundle = await walkSourceTree(await dirWith(spec));
    const chunks = await collect(packBlobs(bundle.root, bundle.files, { maxChunkBytes: 2 * 1024 * 1024 }));
    expect(new Set(chunks.map((c) => c.level))).toEqual(new Set([0, 1]));
    const pool = new BufferPool(PACK_BUFFER_BYTES, 2);

    const owners = new Set<ArrayBufferLike>();
    for (const chunk of chunks) {
      const body = createPackBody(chunk, pool);
      const reader = body.stream.getReader();
      const copies: Buffer[] = [];
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        // Borrowed: copied before the next read may overwrite it.
        copies.push(Buffer.from(value));
        if (value.byteLength > 64 * 1024) owners.add(value.buffer);
      }
      expect(Buffer.concat(copies).equals((await chunkBytes(chunk)).gz)).toBe(true);
      expect(body.blobBytesRead).toBe(chunk.blobBytes);
      expect(pool.freeCount).toBe(2);
    }
    // Every stored piece of every chunk came out of the same pooled buffer.
    expect(owners.size).toBe(1);
  });

  it('a pack body that fails keeps its file_changed error and gives its buffers back; so does a cancelled one', async () => {
    const dir = await dirWith({ 'a.txt': text(1, 300 * 1024), 'b.txt': text(2, 300 * 1024) });
    const bundle = await walkSourceTree(dir);
    const [chunk] = await collect(packBlobs(bundle.root, bundle.files));
    const pool = new BufferPool(PACK_BUFFER_BYTES, 2);

    const cancelled = createPackBody(chunk as BlobChunk, pool);
    const first = cancelled.stream.getReader();
    await first.read();
    expect(pool.freeCount).toBe(0);
    await first.cancel();
    expect(pool.freeCount).toBe(2);

    await writeFile(join(dir, 'b.txt'), text(3, 300 * 1024));
    const failing = createPackBody(chunk as BlobChunk, pool);
    const reader = failing.stream.getReader();
    const error = await (async () => {
      for (;;) if ((await reader.read()).done) return undefined;
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxBundleError);
    expect(failing.error).toBe(error);
    expect(error).toMatchObject({ code: 'file_changed', path: 'b.txt' });
    expect(pool.freeCount).toBe(2);
  });

  it('aborts a chunk stream through its signal', async () => {
    const bundle = await walkSourceTree(await dirWith({ 'a.txt': text(1, 2 * 1024 * 1024) }));
    const [chunk] = await collect(packBlobs(bundle.root, bundle.files));
    const controller = new AbortController();
    const stream = createChunkStream(chunk as BlobChunk, { signal: controller.signal });
    const error: unknown = await (async () => {
      for await (const _part of stream.readable) controller.abort();
    })().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ name: 'AbortError' });
    expect(stream.blobBytesRead).toBeLessThan(2 * 1024 * 1024);
  });
});
