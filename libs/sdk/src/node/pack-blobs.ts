import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, Transform, addAbortSignal, pipeline, type TransformCallback } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { createGzip } from 'node:zlib';
import { MaxBundleError } from './bundle-error.js';
import { looksIncompressible } from './compressibility.js';
import { describe } from './hash-file.js';
import { TAR_TRAILER, tarFileHeader, tarMemberBytes, tarPadding } from './tar-header.js';
import type { ManifestEntry } from './types.js';

/** Default upper bound of a chunk's uncompressed tar size. */
export const DEFAULT_MAX_CHUNK_BYTES = 8 * 1024 * 1024;
/**
 * Default zlib level for compressible blobs. Measured on 32 MiB of JS/TS/JSON sources: level 1 runs at 146 MB/s
 * for a ratio of 0.251, level 6 (gzip's default) at 65 MB/s for 0.209 — 2.2× the CPU for 17 % fewer bytes.
 */
export const DEFAULT_COMPRESSION_LEVEL = 1;

/**
 * One blob in a chunk: the tar member is named `sha256`; `path` is a manifest path with that content, read when
 * the chunk is streamed.
 *
 * @example
 * ```ts
 * const blob: ChunkBlob = { sha256: '9f86d0…', size: 4, path: 'src/a.txt' };
 * ```
 */
export interface ChunkBlob {
  sha256: string;
  size: number;
  path: string;
}

/**
 * A planned upload chunk: plain, serialisable data (log it, retry it). Call {@link createChunkStream} for its
 * bytes — every call makes a fresh stream, so a retry re-reads the files instead of buffering the chunk.
 *
 * @example
 * ```ts
 * for await (const chunk of packBlobs(bundle.root, missing)) console.log(chunk.index, chunk.blobs.length, chunk.tarBytes);
 * ```
 */
export interface BlobChunk {
  /** 0-based position in the sequence {@link packBlobs} yields. */
  index: number;
  /** Absolute deploy root the blob paths are relative to. */
  root: string;
  blobs: ChunkBlob[];
  /** Exact size of the uncompressed tar stream (headers, content, padding, trailer). */
  tarBytes: number;
  /** Sum of blob sizes: the unit of upload progress. */
  blobBytes: number;
  /** zlib level: 0 (stored) for already-compressed data, else the configured level. */
  level: number;
}

/**
 * Options for {@link packBlobs}.
 *
 * @example
 * ```ts
 * packBlobs(root, missing, { maxChunkBytes: 16 * 1024 * 1024, level: 6 });
 * ```
 */
export interface PackOptions {
  /** Upper bound of a chunk's uncompressed tar size (default 8 MiB); a bigger blob gets a chunk of its own. */
  maxChunkBytes?: number;
  /** zlib level for compressible blobs (default {@link DEFAULT_COMPRESSION_LEVEL}). */
  level?: number;
  /** Override the compressibility guess (e.g. always compress). */
  isIncompressible?: (entry: ChunkBlob, absolutePath: string) => boolean | Promise<boolean>;
}

/** A chunk being filled. */
interface OpenChunk {
  blobs: ChunkBlob[];
  tarBytes: number;
  blobBytes: number;
}

const emptyChunk = (): OpenChunk => ({ blobs: [], tarBytes: TAR_TRAILER, blobBytes: 0 });

/**
 * Plans the blobs of `entries` into bounded tar.gz chunks, in manifest order. Links carry no blob and identical
 * contents are packed once. Already-compressed blobs (by extension, or a sampled 64 KiB for big unknown files) go
 * into separate chunks stored without deflate, so no CPU is spent on them. Nothing is read but those samples; the
 * bytes flow only when a chunk is streamed with {@link createChunkStream}.
 *
 * @example
 * ```ts
 * const bundle = await walkSourceTree('.');
 * const missing = bundle.files.filter((e) => lacking.has(e.sha256)); // what the platform asked for
 * for await (const chunk of packBlobs(bundle.root, missing)) {
 *   const body = createChunkStream(chunk);
 *   await fetch(uploadUrl, { method: 'PUT', body: body.toWeb(), duplex: 'half' } as RequestInit);
 * }
 * ```
 */
export async function* packBlobs(
  root: string,
  entries: Iterable<ManifestEntry> | AsyncIterable<ManifestEntry>,
  options: PackOptions = {},
): AsyncGenerator<BlobChunk, void, undefined> {
  const maxChunkBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
  const level = options.level ?? DEFAULT_COMPRESSION_LEVEL;
  const isIncompressible =
    options.isIncompressible ?? ((blob: ChunkBlob, absolute: string) => looksIncompressible(absolute, blob.path, blob.size));
  const seen = new Set<string>();
  const filling: Record<'stored' | 'deflated', OpenChunk> = { stored: emptyChunk(), deflated: emptyChunk() };
  let index = 0;
  const seal = (chunk: OpenChunk, chunkLevel: number): BlobChunk => ({ index: index++, root, ...chunk, level: chunkLevel });

  for await (const entry of entries) {
    if (entry.type !== 'file' || seen.has(entry.sha256)) continue;
    seen.add(entry.sha256);
    const blob: ChunkBlob = { sha256: entry.sha256, size: entry.size, path: entry.path };
    const kind = (await isIncompressible(blob, join(root, entry.path))) ? 'stored' : 'deflated';
    const member = tarMemberBytes(blob.size);
    const current = filling[kind];
    if (current.blobs.length > 0 && current.tarBytes + member > maxChunkBytes) {
      yield seal(current, kind === 'stored' ? 0 : level);
      filling[kind] = emptyChunk();
    }
    const target = filling[kind];
    target.blobs.push(blob);
    target.tarBytes += member;
    target.blobBytes += blob.size;
  }
  if (filling.deflated.blobs.length > 0) yield seal(filling.deflated, level);
  if (filling.stored.blobs.length > 0) yield seal(filling.stored, 0);
}

/**
 * Progress of one chunk stream.
 *
 * @example
 * ```ts
 * createChunkStream(chunk, { onProgress: (p) => bar.update(done + p.blobBytesRead) });
 * ```
 */
export interface ChunkProgress {
  /** Blob bytes read from disk so far (out of `chunk.blobBytes`). Backpressure keeps it close to what was sent. */
  blobBytesRead: number;
  /** Compressed bytes handed to the consumer so far. */
  bytesOut: number;
}

/**
 * Options for {@link createChunkStream}.
 *
 * @example
 * ```ts
 * createChunkStream(chunk, { signal: AbortSignal.timeout(60_000) });
 * ```
 */
export interface ChunkStreamOptions {
  /** Aborting destroys the stream (and closes the file being read). */
  signal?: AbortSignal;
  onProgress?: (progress: ChunkProgress) => void;
}

/**
 * A chunk's tar.gz bytes, produced on demand.
 *
 * @example
 * ```ts
 * const body = createChunkStream(chunk);
 * const res = await fetch(url, { method: 'PUT', body: body.toWeb(), duplex: 'half' } as RequestInit);
 * console.log(`sent ${body.bytesOut} bytes for ${body.blobBytesRead} bytes of files`);
 * ```
 */
export interface ChunkStream {
  /** The gzip'd tar as a Node stream. Errors with a `file_changed`/`unreadable` {@link MaxBundleError}. */
  readonly readable: Readable;
  /** The same bytes as a web stream, for `fetch(url, { body, duplex: 'half' })`; use one of the two, not both. */
  toWeb(): WebReadableStream<Uint8Array>;
  readonly blobBytesRead: number;
  readonly bytesOut: number;
}

/** Read size while packing: large enough for few syscalls, small enough to keep memory flat. */
const PACK_READ_BYTES = 256 * 1024;

/**
 * Streams one chunk as tar.gz: each blob is a tar member named by its SHA-256 digest, so the server can store by
 * digest and verify. Memory stays bounded by stream buffers whatever the chunk size. Every blob is re-hashed while
 * it streams; if a file no longer matches the manifest the stream fails with `file_changed` before the archive is
 * complete, so the server never accepts a wrong blob.
 *
 * @example
 * ```ts
 * import { pipeline } from 'node:stream/promises';
 * import { createWriteStream } from 'node:fs';
 *
 * await pipeline(createChunkStream(chunk).readable, createWriteStream('chunk-0.tar.gz'));
 * ```
 */
export function createChunkStream(chunk: BlobChunk, options: ChunkStreamOptions = {}): ChunkStream {
  const progress: ChunkProgress = { blobBytesRead: 0, bytesOut: 0 };
  const report = () => options.onProgress?.({ ...progress });
  const source = Readable.from(tarMembers(chunk, progress, report), { objectMode: false });
  const counter = new Transform({
    transform(data: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      progress.bytesOut += data.length;
      report();
      callback(null, data);
    },
  });
  // pipeline destroys every stage on error; making sure the consumer's end carries the error is what matters.
  pipeline(source, createGzip({ level: chunk.level }), counter, (error) => {
    if (error && !counter.destroyed) counter.destroy(error);
  });
  if (options.signal !== undefined) addAbortSignal(options.signal, counter);
  return {
    readable: counter,
    toWeb: () => Readable.toWeb(counter) as WebReadableStream<Uint8Array>,
    get blobBytesRead() {
      return progress.blobBytesRead;
    },
    get bytesOut() {
      return progress.bytesOut;
    },
  };
}

/** The uncompressed tar stream of a chunk, read file by file and verified against the manifest digests. */
async function* tarMembers(chunk: BlobChunk, progress: ChunkProgress, report: () => void): AsyncGenerator<Buffer> {
  for (const blob of chunk.blobs) {
    yield tarFileHeader(blob.sha256, blob.size);
    let handle;
    try {
      handle = await open(join(chunk.root, blob.path), 'r');
    } catch (error) {
      throw new MaxBundleError('unreadable', blob.path, `Cannot read ${blob.path}: ${describe(error)}`, error);
    }
    const hash = createHash('sha256');
    let read = 0;
    try {
      // Read exactly `size` bytes: a file that grew still yields the bytes the manifest hashed, or a mismatch.
      while (read < blob.size) {
        const want = Math.min(PACK_READ_BYTES, blob.size - read);
        // A fresh buffer per read: the consumer may still hold the previous one.
        const buffer = Buffer.allocUnsafe(want);
        const { bytesRead } = await handle.read(buffer, 0, want, read);
        if (bytesRead === 0) break;
        const data = bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
        hash.update(data);
        read += bytesRead;
        progress.blobBytesRead += bytesRead;
        report();
        yield data;
      }
    } finally {
      await handle.close();
    }
    if (read !== blob.size || hash.digest('hex') !== blob.sha256) {
      throw new MaxBundleError('file_changed', blob.path, `${blob.path} changed after it was hashed; run the deploy again`);
    }
    const padding = tarPadding(blob.size);
    if (padding > 0) yield Buffer.alloc(padding);
  }
  yield Buffer.alloc(TAR_TRAILER);
}
