import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { constants as fsConstants, createReadStream, mkdirSync, readFileSync, renameSync, statSync, type BigIntStats } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser, type ReadEntry } from 'tar';
import { Database } from '../db/database.js';
import type { Migration } from '../db/migrations.js';
import { DigestMismatchError, InvalidBlobError, PayloadTooLargeError } from './deploy-errors.js';
import { forEachSliced } from './sliced.js';

/** Lowercase hex SHA-256, the only name a blob may have. */
export const DIGEST_PATTERN = /^[a-f0-9]{64}$/;

/** A byte source: a Node readable (an HTTP request body), any async iterable of chunks, or an array of them. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface BlobStoreLimits {
  /** Largest single blob, bytes (the API says 256 MiB). */
  maxBlobBytes: number;
  /** Largest pack body as received (compressed), bytes (the API says 64 MiB). */
  maxPackBytes: number;
  /** Largest sum of a pack's entry sizes once decompressed, bytes: a gzip bomb stops here. */
  maxPackExpandedBytes: number;
  /** Most entries in one pack. */
  maxPackEntries: number;
}

export const DEFAULT_BLOB_LIMITS: BlobStoreLimits = {
  maxBlobBytes: 256 * 1024 * 1024,
  maxPackBytes: 64 * 1024 * 1024,
  maxPackExpandedBytes: 512 * 1024 * 1024,
  maxPackEntries: 100_000,
};

export interface PutResult {
  digest: string;
  size: number;
  /** False when the store already held the blob (the route answers 200 instead of 201). */
  created: boolean;
}

/** The API's `BlobPackResult`: which blobs of the pack were new and which the store already held. */
export interface PackResult {
  stored: string[];
  already_present: string[];
}

/** Whether a stored blob still hashes to its name (`actual`: what it hashes to when it does not). */
export type IntactVerdict = { intact: true } | { intact: false; actual: string };

/** What `checkIntact` compares: enough of a `stat` to notice any change to the file since. */
type InodeStamp = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;
/** A file whose ctime is within this of the moment it was hashed is re-hashed next time (coarse kernel clocks tick every 1–10 ms). */
const RACY_MARGIN_NS = 100_000_000n;
/** Blobs up to this size are read in one call to be re-hashed (a stream costs more round trips than the read). */
const WHOLE_READ_BYTES = 1024 * 1024;
/** Stamps kept at most (~250 bytes each); the oldest go first. */
const MAX_STAMPS = 200_000;

function sameInode(a: InodeStamp, b: InodeStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

/** Pack entries up to this size are gathered in memory and written in one call (see `stagePack`). */
const SMALL_ENTRY_BYTES = 1024 * 1024;
/**
 * Blobs up to this size live as rows of the store's SQLite file, not as a file each (ADR 0018): a source tree's
 * thousands of few-KiB files then cost rows in a few transactions instead of a file creation and a rename each,
 * which on a busy disk made most of a 15,000-file deploy.
 */
export const SMALL_BLOB_BYTES = 64 * 1024;
/** Verified small pack entries are written to the staging table in batches of about this many bytes. */
const STAGE_BATCH_BYTES = 4 * 1024 * 1024;
/** The store's SQLite file (inside its root). */
const SMALL_BLOBS_FILE = 'small-blobs.db';
/** Digests looked up in one query. */
const LOOKUP_BATCH = 500;

/**
 * The small-blob database. `blobs`: verified blobs by digest. `staged`: verified entries of packs still being
 * received, moved into `blobs` in one transaction when the whole pack checked out (and dropped otherwise, or at
 * the next open after a crash).
 */
const smallBlobMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'small blobs',
    sql: `
      CREATE TABLE blobs (
        digest TEXT PRIMARY KEY,
        size   INTEGER NOT NULL,
        bytes  BLOB NOT NULL
      );
      CREATE TABLE staged (
        pack   TEXT NOT NULL,
        seq    INTEGER NOT NULL,
        digest TEXT NOT NULL,
        bytes  BLOB NOT NULL,
        PRIMARY KEY (pack, seq)
      );
    `,
  },
];
/** Staged small-entry writes in flight at once. */
const STAGE_WRITE_CONCURRENCY = 8;
/** Bytes of small entries waiting for their write before the body is read further: bounds a pack's memory. */
const STAGE_PENDING_BYTES = 16 * 1024 * 1024;
/** A new private file, never through a link. */
const CREATE_PRIVATE = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW;

/** Tar entry types that are plain file contents; everything else (links, dirs, devices, FIFOs) is refused. */
const REGULAR_FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);

/**
 * A content-addressed blob store: blobs up to {@link SMALL_BLOB_BYTES} as rows of `<root>/small-blobs.db`,
 * larger ones as files `<root>/ab/cdef…` for digest `abcdef…` (a store written before the database existed
 * keeps its small blobs as files; both are read).
 *
 * Every write goes to a private temp file under `<root>/.tmp` while it is hashed, and is renamed into place only
 * when the hash equals the claimed digest, so the store never holds a blob whose name lies about its bytes — not
 * even for a moment, and not after a crash mid-upload. Renames are atomic and same-filesystem (the temp dir lives
 * inside the root), and two uploads of the same blob racing each other both end with the same correct file.
 *
 * @example
 * const store = await BlobStore.open(join(dataDir, 'blobs'));
 * const missing = await store.missing(manifest.map((e) => e.sha256));
 * await store.put(digest, request.raw);
 */
export class BlobStore {
  readonly root: string;
  readonly limits: BlobStoreLimits;
  private readonly tmpDir: string;
  /** Inode state of blobs re-hashed and found intact, by digest (see `checkIntact`). */
  private readonly stamps = new Map<string, InodeStamp>();
  /** Fan-out directories known to exist (at most 256): one mkdir each per process instead of one per blob. */
  private readonly prefixes = new Set<string>();
  /** The small blobs (see {@link SMALL_BLOB_BYTES}). */
  private readonly db: Database;

  private constructor(root: string, limits: BlobStoreLimits, db: Database) {
    this.root = root;
    this.limits = limits;
    this.tmpDir = join(root, '.tmp');
    this.db = db;
  }

  /**
   * Opens (creating when needed) the store at `root`. Leftovers of an earlier crash (temp files, staged pack
   * entries) are removed.
   */
  static async open(root: string, limits: Partial<BlobStoreLimits> = {}): Promise<BlobStore> {
    const tmpDir = join(root, '.tmp');
    await rm(tmpDir, { recursive: true, force: true });
    await mkdir(tmpDir, { recursive: true, mode: 0o700 });
    const db = Database.open(root, { file: SMALL_BLOBS_FILE, migrations: smallBlobMigrations });
    db.run('DELETE FROM staged');
    return new BlobStore(root, { ...DEFAULT_BLOB_LIMITS, ...limits }, db);
  }

  /** Closes the small-blob database (the store is unusable afterwards). */
  close(): void {
    this.db.close();
  }

  /**
   * Where a blob lives as a file (whether or not it is stored; blobs up to {@link SMALL_BLOB_BYTES} are rows
   * instead: read them with {@link readSync}). Throws for anything that is not a digest.
   */
  pathOf(digest: string): string {
    assertDigest(digest);
    return join(this.root, digest.slice(0, 2), digest.slice(2));
  }

  async has(digest: string): Promise<boolean> {
    return (await this.sizeOf(digest)) !== null;
  }

  /** {@link sizeOf} without a thread-pool round trip (a lookup, then one `stat` call; for loops, in slices). */
  sizeOfSync(digest: string): number | null {
    const row = this.db.get<{ size: number }>('SELECT size FROM blobs WHERE digest = ?', [digest]);
    if (row !== undefined) return row.size;
    return this.fileSizeSync(digest);
  }

  private fileSizeSync(digest: string): number | null {
    const info = statSync(this.pathOf(digest), { throwIfNoEntry: false });
    return info?.isFile() === true ? info.size : null;
  }

  /** The stored blob's size in bytes, or null when it is not stored. */
  async sizeOf(digest: string): Promise<number | null> {
    assertDigest(digest);
    const row = this.db.get<{ size: number }>('SELECT size FROM blobs WHERE digest = ?', [digest]);
    if (row !== undefined) return row.size;
    try {
      const info = await stat(this.pathOf(digest));
      return info.isFile() ? info.size : null;
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return null;
      throw error;
    }
  }

  /** A small blob's bytes from the database, or undefined when it is not a row. */
  private smallBytes(digest: string): Buffer | undefined {
    return this.db.get<{ bytes: Buffer }>('SELECT bytes FROM blobs WHERE digest = ?', [digest])?.bytes;
  }

  /**
   * A stored blob's bytes, read in one call (for blobs up to a few MiB: tree assembly of small files). Throws
   * ENOENT when the blob is not stored. The bytes are not re-hashed here: callers that copy them check them.
   */
  readSync(digest: string): Buffer {
    assertDigest(digest);
    return this.smallBytes(digest) ?? readFileSync(this.pathOf(digest));
  }

  /**
   * Whether the stored blob still hashes to its name. A blob re-hashed earlier is trusted without reading it again
   * while its inode is unchanged since then: same device, inode, size, mtime and ctime (nanoseconds). The kernel
   * sets ctime on every write, chmod or rename and no process can set it back, so an unchanged ctime means unchanged
   * bytes — git's index relies on the same fact. A stamp is kept only when the file's last change was clearly older
   * than the hash ({@link RACY_MARGIN_NS}, more than a timestamp tick): a write in the same tick as the hash could
   * otherwise leave ctime as it was ("racily clean" in git). Stamps live in memory; a restarted max-local re-hashes
   * once. Returns the actual digest when it differs (the store is damaged).
   */
  async checkIntact(digest: string): Promise<IntactVerdict> {
    const quick = this.checkIntactSync(digest);
    if (quick !== undefined) return quick;
    const file = this.pathOf(digest);
    const before = await stat(file, { bigint: true });
    const startedAt = BigInt(Date.now()) * 1_000_000n;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
    const actual = hash.digest('hex');
    if (actual !== digest) return { intact: false, actual };
    this.#stamp(digest, before, await stat(file, { bigint: true }), startedAt);
    return { intact: true };
  }

  /**
   * The synchronous part of {@link checkIntact}: the stamp comparison (one `stat`), and for blobs up to 1 MiB the
   * whole re-hash (one read). Undefined: a larger blob needs re-hashing — call `checkIntact`.
   */
  checkIntactSync(digest: string): IntactVerdict | undefined {
    const row = this.smallBytes(digest);
    if (row !== undefined) {
      const actual = createHash('sha256').update(row).digest('hex');
      return actual === digest ? { intact: true } : { intact: false, actual };
    }
    const file = this.pathOf(digest);
    const before = statSync(file, { bigint: true });
    const stamp = this.stamps.get(digest);
    if (stamp !== undefined && sameInode(stamp, before)) return { intact: true };
    this.stamps.delete(digest);
    if (before.size > BigInt(WHOLE_READ_BYTES)) return undefined;
    const startedAt = BigInt(Date.now()) * 1_000_000n;
    const actual = createHash('sha256').update(readFileSync(file)).digest('hex');
    if (actual !== digest) return { intact: false, actual };
    this.#stamp(digest, before, statSync(file, { bigint: true }), startedAt);
    return { intact: true };
  }

  /** Keeps the stamp of a blob just hashed intact, unless it changed meanwhile or is racily clean. */
  #stamp(digest: string, before: BigIntStats, after: BigIntStats, startedAt: bigint): void {
    if (sameInode(before, after) && after.ctimeNs + RACY_MARGIN_NS < startedAt) {
      if (this.stamps.size >= MAX_STAMPS) this.stamps.delete(this.stamps.keys().next().value as string);
      this.stamps.set(digest, { dev: after.dev, ino: after.ino, size: after.size, mtimeNs: after.mtimeNs, ctimeNs: after.ctimeNs });
    }
  }

  /** The digests the store lacks, in request order, each once. Throws `InvalidBlobError` for a malformed digest. */
  async missing(digests: readonly string[]): Promise<string[]> {
    return [...(await this.sizes(digests))].filter(([, size]) => size === null).map(([digest]) => digest);
  }

  /**
   * The stored size of each distinct digest (null when absent), in request order. Throws `InvalidBlobError` for a
   * malformed digest.
   */
  async sizes(digests: readonly string[]): Promise<Map<string, number | null>> {
    digests.forEach(assertDigest);
    const unique = [...new Set(digests)];
    const result = new Map<string, number | null>();
    for (const digest of unique) result.set(digest, null);
    // The rows in batches of queries, then one synchronous stat for each digest not found, in slices (15,000
    // thread-pool round trips took seconds on a busy machine).
    const notRows: string[] = [];
    await forEachSliced(batches(unique, LOOKUP_BATCH), (batch) => {
      const rows = this.db.all<{ digest: string; size: number }>('SELECT digest, size FROM blobs WHERE digest IN (SELECT value FROM json_each(?))', [
        JSON.stringify(batch),
      ]);
      for (const row of rows) result.set(row.digest, row.size);
      for (const digest of batch) if (result.get(digest) === null) notRows.push(digest);
    });
    await forEachSliced(notRows, (digest) => result.set(digest, this.fileSizeSync(digest)));
    return result;
  }

  /**
   * Stores one blob from a byte stream. Hashes while writing to a temp file; renames into place only when the
   * SHA-256 equals `digest`. Throws `DigestMismatchError` (nothing stored) or `PayloadTooLargeError` past
   * `maxBlobBytes` (the stream is abandoned at that point, not read to its end).
   */
  async put(digest: string, source: ByteSource): Promise<PutResult> {
    assertDigest(digest);
    const tmp = this.tempPath();
    try {
      const { sha256, size } = await writeHashed(tmp, source, this.limits.maxBlobBytes);
      if (sha256 !== digest) throw new DigestMismatchError(digest, sha256);
      if (size <= SMALL_BLOB_BYTES) {
        if ((await this.sizeOf(digest)) !== null) return { digest, size, created: false };
        this.db.run('INSERT OR IGNORE INTO blobs (digest, size, bytes) VALUES (?, ?, ?)', [digest, size, readFileSync(tmp)]);
        return { digest, size, created: true };
      }
      const created = await this.commit(tmp, digest);
      return { digest, size, created };
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Ingests a tar.gz pack of blobs, each a regular file named by its digest, streaming (one entry in flight, no
   * archive in memory). The pack is all-or-nothing, as the API promises: entries are staged and verified first and
   * renamed into the store only when every one of them checked out. Refuses links, directories, devices, FIFOs,
   * names that are not digests, entries over `maxBlobBytes`, more than `maxPackEntries` entries, a body over
   * `maxPackBytes` and a decompressed total over `maxPackExpandedBytes`.
   */
  async ingestPack(source: ByteSource): Promise<PackResult> {
    const pack = randomBytes(8).toString('hex');
    const stageDir = join(this.tmpDir, `pack-${pack}`);
    await mkdir(stageDir, { mode: 0o700 });
    try {
      const staged = await this.stagePack(source, stageDir, pack);
      const result: PackResult = { stored: [], already_present: [] };
      // Small blobs: which are new, then all of them into `blobs` in one transaction.
      const present = new Set<string>();
      const small = [...staged].filter(([, file]) => file === SMALL).map(([digest]) => digest);
      await forEachSliced(small, (digest) => {
        if (this.sizeOfSync(digest) !== null) present.add(digest);
      });
      this.db.transaction(() => {
        this.db.run('INSERT OR IGNORE INTO blobs (digest, size, bytes) SELECT digest, length(bytes), bytes FROM staged WHERE pack = ? ORDER BY seq', [pack]);
        this.db.run('DELETE FROM staged WHERE pack = ?', [pack]);
      });
      // Larger ones: a stat and a rename each, synchronously in slices (see forEachSliced).
      await forEachSliced(staged, ([digest, file]) => {
        const stored = file === SMALL ? !present.has(digest) : this.commitSync(file, digest);
        (stored ? result.stored : result.already_present).push(digest);
      });
      return result;
    } finally {
      this.db.run('DELETE FROM staged WHERE pack = ?', [pack]);
      await rm(stageDir, { recursive: true, force: true });
    }
  }

  /**
   * Reads a pack, verifying every entry: small ones into the `staged` rows of `pack`, larger ones into files of
   * `stageDir`. Returns digest → staged file (or {@link SMALL}), in pack order.
   */
  private async stagePack(source: ByteSource, stageDir: string, pack: string): Promise<Map<string, string>> {
    const { limits } = this;
    const staged = new Map<string, string>();
    /** Verified small entries not yet written to `staged`: flushed in batches, each one short transaction. */
    let batch: { seq: number; digest: string; data: Buffer }[] = [];
    let batchBytes = 0;
    const flush = (): void => {
      const rows = batch;
      batch = [];
      batchBytes = 0;
      if (rows.length === 0) return;
      this.db.transaction(() => {
        for (const row of rows) this.db.run('INSERT INTO staged (pack, seq, digest, bytes) VALUES (?, ?, ?, ?)', [pack, row.seq, row.digest, row.data]);
      });
    };
    let failure: unknown;
    let entries = 0;
    let expanded = 0;
    // Entries are handled one after another (the parser emits the next only when this one has ended); the chain
    // keeps their async work ordered and lets the feed loop below observe the first failure.
    let chain: Promise<void> = Promise.resolve();

    /** Staged entries in pack order: [digest, file] once written (small entries fill their slot when written). */
    const order: ([string, string] | null)[] = [];
    const writes = new BoundedTasks(STAGE_WRITE_CONCURRENCY, STAGE_PENDING_BYTES, (error) => fail(error));
    const parser = new Parser({ strict: true, maxMetaEntrySize: 64 * 1024 });
    let signalFailed: () => void = () => undefined;
    const failed = new Promise<void>((resolve) => (signalFailed = resolve));
    const fail = (error: unknown): void => {
      failure ??= error;
      signalFailed();
    };
    parser.on('error', (error: unknown) => fail(new InvalidBlobError(`The pack is not a valid tar.gz archive: ${errorMessage(error)}`)));
    let current: ReadEntry | null = null;
    parser.on('entry', (entry: ReadEntry) => {
      current = entry;
      const check = (): void => {
        entries += 1;
        if (entries > limits.maxPackEntries) {
          throw new PayloadTooLargeError(`A pack may hold at most ${limits.maxPackEntries} entries.`, limits.maxPackEntries);
        }
        if (!REGULAR_FILE_TYPES.has(entry.type)) {
          throw new InvalidBlobError(`Pack entry ${JSON.stringify(entry.path)} is a ${entry.type}; only regular files named by their SHA-256 are allowed.`, {
            entry: entry.path,
            type: entry.type,
          });
        }
        if (!DIGEST_PATTERN.test(entry.path)) {
          throw new InvalidBlobError(`Pack entry ${JSON.stringify(entry.path)} is not named by a lowercase hex SHA-256 digest.`, {
            entry: entry.path,
          });
        }
        if (entry.size > limits.maxBlobBytes) {
          throw new PayloadTooLargeError(`Pack entry ${entry.path} is larger than ${limits.maxBlobBytes} bytes.`, limits.maxBlobBytes);
        }
        expanded += entry.size;
        if (expanded > limits.maxPackExpandedBytes) {
          throw new PayloadTooLargeError(`The pack expands to more than ${limits.maxPackExpandedBytes} bytes.`, limits.maxPackExpandedBytes);
        }
      };
      try {
        if (failure) throw failure;
        check();
      } catch (error) {
        fail(error);
        entry.resume(); // drain it so the parser is not stuck; the feed loop stops at the next chunk anyway
        return;
      }
      const file = join(stageDir, String(entries));
      const digest = entry.path;
      if (entry.size <= SMALL_ENTRY_BYTES) {
        // Small entries are gathered right here, so the parser moves on at once; only the file write is async.
        // A stage per entry (open → write → close awaited before the next entry) cost ~0.4 ms each: 2 s for the
        // 5,000 sources of a typical app. The slot keeps pack order for the result.
        const slot = order.push(null) - 1;
        const data = Buffer.allocUnsafe(entry.size);
        const hash = createHash('sha256');
        let size = 0;
        entry.on('data', (chunk: Buffer) => {
          if (size + chunk.length <= data.length) chunk.copy(data, size);
          size += chunk.length;
          hash.update(chunk);
        });
        entry.on('end', () => {
          if (failure) return;
          if (size !== entry.size) return fail(new InvalidBlobError(`Pack entry ${digest} is truncated.`, { entry: digest }));
          const actual = hash.digest('hex');
          if (actual !== digest) return fail(new DigestMismatchError(digest, actual));
          if (data.length <= SMALL_BLOB_BYTES) {
            // A source file's few KiB: a row (in a batch), no file.
            batch.push({ seq: slot, digest, data });
            batchBytes += data.length;
            order[slot] = [digest, SMALL];
            if (batchBytes >= STAGE_BATCH_BYTES) {
              try {
                flush();
              } catch (error) {
                fail(error);
              }
            }
            return;
          }
          writes.add(async () => {
            await writeFile(file, data, { flag: CREATE_PRIVATE, mode: 0o600 });
            order[slot] = [digest, file];
          }, data.length);
        });
        return;
      }
      chain = chain.then(async () => {
        try {
          if (failure) {
            entry.resume();
            return;
          }
          const slot = order.push(null) - 1;
          const { sha256, size } = await writeHashed(file, entry, limits.maxBlobBytes, failed);
          if (size !== entry.size) throw new InvalidBlobError(`Pack entry ${digest} is truncated.`, { entry: digest });
          if (sha256 !== digest) throw new DigestMismatchError(digest, sha256);
          order[slot] = [digest, file];
        } catch (error) {
          fail(error);
          entry.resume();
        }
      });
    });

    let received = 0;
    try {
      for await (const bytes of detached(source)) {
        received += bytes.byteLength;
        if (received > limits.maxPackBytes) {
          fail(new PayloadTooLargeError(`A pack body may be at most ${limits.maxPackBytes} bytes.`, limits.maxPackBytes));
          break;
        }
        // After a failure the rest of the (bounded) body is read and dropped, so the client gets to read the error
        // response instead of a reset connection.
        if (failure) continue;
        if (!parser.write(bytes)) await Promise.race([once(parser, 'drain'), failed]);
        // Bounded memory: small entries wait in memory for their write; stop reading while too many bytes do.
        if (writes.overLimit) await Promise.race([writes.belowLimit(), failed]);
      }
    } catch (error) {
      fail(error); // the body broke off (client gone): nothing of it is kept
    }
    // An entry cut off mid-body never ends: its writer stops on `failed` (see writeHashed) and the chain settles.
    if (failure) (current as ReadEntry | null)?.resume();
    if (!failure) {
      const ended = new Promise<void>((resolve) => {
        parser.once('end', () => resolve());
        parser.once('close', () => resolve());
      });
      parser.end();
      // A truncated archive makes the parser fail instead of ending.
      await Promise.race([ended, failed]);
    }
    await chain;
    await writes.settled();
    if (failure) throw failure;
    flush();
    for (const item of order) if (item !== null) staged.set(item[0], item[1]);
    if (staged.size === 0) throw new InvalidBlobError('The pack holds no blobs.');
    return staged;
  }

  /** {@link commit} in synchronous calls. */
  private commitSync(tmp: string, digest: string): boolean {
    const target = this.pathOf(digest);
    if (this.sizeOfSync(digest) !== null) return false;
    const prefix = digest.slice(0, 2);
    if (!this.prefixes.has(prefix)) {
      mkdirSync(join(this.root, prefix), { recursive: true });
      this.prefixes.add(prefix);
    }
    renameSync(tmp, target);
    return true;
  }

  /** Renames a verified temp file into place. Returns false when the blob was already stored. */
  private async commit(tmp: string, digest: string): Promise<boolean> {
    const target = this.pathOf(digest);
    if (await this.has(digest)) return false;
    const prefix = digest.slice(0, 2);
    if (!this.prefixes.has(prefix)) {
      await mkdir(join(this.root, prefix), { recursive: true });
      this.prefixes.add(prefix);
    }
    await rename(tmp, target);
    return true;
  }

  private tempPath(): string {
    return join(this.tmpDir, `put-${randomBytes(8).toString('hex')}`);
  }
}

/** A staged pack entry that is a row of `staged`, not a file (see `stagePack`). */
const SMALL = '';

function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Throws `InvalidBlobError` unless `digest` is a lowercase hex SHA-256. */
export function assertDigest(digest: string): void {
  if (typeof digest !== 'string' || !DIGEST_PATTERN.test(digest)) {
    throw new InvalidBlobError(`${JSON.stringify(digest)} is not a lowercase hex SHA-256 digest.`, { digest });
  }
}

/** Streams `source` into a new file at `file` (mode 0600, never following a link), hashing on the way. */
async function writeHashed(
  file: string,
  source: ByteSource,
  maxBytes: number,
  stop?: Promise<void>,
): Promise<{ sha256: string; size: number }> {
  const hash = createHash('sha256');
  let size = 0;
  const handle = await open(file, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW, 0o600);
  try {
    for await (const bytes of detached(source, stop)) {
      size += bytes.byteLength;
      if (size > maxBytes) throw new PayloadTooLargeError(`A blob may be at most ${maxBytes} bytes.`, maxBytes);
      hash.update(bytes);
      await handle.write(bytes);
    }
  } finally {
    await handle.close();
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Iterates `source` as Buffers without ever closing it: leaving the loop early (a limit, a mismatch) must not
 * destroy an HTTP request body, or the error response could never reach the client. The caller owns the source.
 * When `stop` resolves, a pending read ends the iteration with an error (a source that will never continue).
 */
function detached(source: ByteSource, stop?: Promise<void>): AsyncIterable<Buffer> {
  const stopped = stop?.then((): never => {
    throw new Error('Stopped reading: the upload failed.');
  });
  stopped?.catch(() => undefined); // observed here so an unused stop never reports an unhandled rejection
  return {
    [Symbol.asyncIterator]() {
      const inner: AsyncIterator<Uint8Array | string> | Iterator<Uint8Array | string> =
        Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
      return {
        async next(): Promise<IteratorResult<Buffer>> {
          const step = await (stopped ? Promise.race([inner.next(), stopped]) : inner.next());
          if (step.done) return { done: true, value: undefined };
          const chunk = step.value;
          const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
          return { done: false, value: bytes };
        },
        async return(): Promise<IteratorResult<Buffer>> {
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs async tasks at most `concurrency` at a time and tracks the bytes they hold, so a producer can pause while
 * more than `maxPendingBytes` wait. The first failure goes to `onError`; later tasks still run (each is cheap) so
 * that `settled()` means no write is left touching the staging directory.
 */
class BoundedTasks {
  private running = 0;
  private pendingBytes = 0;
  private readonly queue: { task: () => Promise<void>; bytes: number }[] = [];
  private waiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxPendingBytes: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get overLimit(): boolean {
    return this.pendingBytes > this.maxPendingBytes;
  }

  add(task: () => Promise<void>, bytes: number): void {
    this.pendingBytes += bytes;
    this.queue.push({ task, bytes });
    this.pump();
  }

  /** Resolves once the pending bytes are within the limit (or nothing is pending). */
  belowLimit(): Promise<void> {
    return this.overLimit ? new Promise((resolve) => this.waiters.push(resolve)) : Promise.resolve();
  }

  /** Resolves once every task added so far has finished. */
  async settled(): Promise<void> {
    while (this.running > 0 || this.queue.length > 0) await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const next = this.queue.shift() as { task: () => Promise<void>; bytes: number };
      this.running += 1;
      next
        .task()
        .catch((error: unknown) => this.onError(error))
        .finally(() => {
          this.running -= 1;
          this.pendingBytes -= next.bytes;
          this.pump();
          const waiters = this.waiters;
          this.waiters = [];
          for (const wake of waiters) wake();
        });
    }
  }
}
