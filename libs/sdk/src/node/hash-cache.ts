import { createHash, randomBytes } from 'node:crypto';
import type { BigIntStats } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bumped whenever the file format or the meaning of a key changes; other versions are ignored. */
const FORMAT = 'rig-hash-cache/1';
/**
 * A file whose ctime is this close to the moment its hashing started is not cached: kernel timestamps tick every
 * 1–10 ms, so a write in the same tick as the hash would leave size, mtime and ctime as they were ("racily clean"
 * in git). Such a file is simply hashed again next time.
 */
const RACY_MARGIN_NS = 100_000_000n;

/** `[size, mtimeNs, ctimeNs, ino, dev, sha256]`, numbers as decimal strings (they are 64-bit). */
type Row = [string, string, string, string, string, string];

/**
 * Where {@link HashCache} files live by default: `$RIG_CACHE_DIR/hash-cache`, else `$XDG_CACHE_HOME/rig/hash-cache`,
 * else `~/.cache/rig/hash-cache` — never inside the source tree (which may be read-only, and is uploaded).
 *
 * @example
 * ```ts
 * const dir = defaultHashCacheDir(process.env); // e.g. /home/me/.cache/rig/hash-cache
 * ```
 */
export function defaultHashCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env['RIG_CACHE_DIR']) return join(env['RIG_CACHE_DIR'], 'hash-cache');
  if (env['XDG_CACHE_HOME']) return join(env['XDG_CACHE_HOME'], 'rig', 'hash-cache');
  return join(homedir(), '.cache', 'rig', 'hash-cache');
}

/** The cache file of one deploy root inside `dir`: named by a digest of the root's real path. */
export function hashCacheFile(dir: string, root: string): string {
  return join(dir, `${createHash('sha256').update(root).digest('hex').slice(0, 32)}.json`);
}

/**
 * The SHA-256 of each file of a source tree as of the last walk, keyed by its path and by what a change to the
 * file always changes: size, mtime, ctime (nanoseconds), inode and device. A later walk re-hashes only the files
 * whose `stat` differs — git's index, for the same reason: a redeploy of a big tree after one edit should cost a
 * `stat` per file, not a read. The kernel sets ctime on every write, truncate, chmod or rename and no process can
 * set it back, so an unchanged stamp means unchanged bytes; files changed too recently to tell are never cached.
 *
 * Invalidation: any stamp difference re-hashes that file; paths the walk no longer sees are dropped when the cache
 * is saved; a file of another format version, another root, or one that does not parse is ignored (and replaced).
 * What a cached digest claims is still checked where it matters: every uploaded blob is re-hashed as it streams
 * (`file_changed` if it differs), and the platform verifies every blob it stores.
 *
 * @internal
 */
export class HashCache {
  readonly #file: string;
  readonly #root: string;
  readonly #previous: Map<string, Row>;
  readonly #next = new Map<string, Row>();
  #changed = false;

  private constructor(file: string, root: string, previous: Map<string, Row>) {
    this.#file = file;
    this.#root = root;
    this.#previous = previous;
  }

  /** Reads the cache of `root` from `file`; anything unreadable or foreign is an empty cache. */
  static async load(file: string, root: string): Promise<HashCache> {
    let previous = new Map<string, Row>();
    try {
      const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
      if (isCacheDocument(parsed) && parsed.root === root) previous = new Map(Object.entries(parsed.files));
    } catch {
      // Absent or damaged: start empty; the save at the end writes a good one.
    }
    return new HashCache(file, root, previous);
  }

  /** Whether the last walk recorded `path` at all: when not, {@link lookup} cannot hit, so the walk skips its `lstat`. */
  has(path: string): boolean {
    return this.#previous.has(path);
  }

  /** The cached digest of `path` if its stamp is exactly the one recorded, else undefined. */
  lookup(path: string, stat: BigIntStats): string | undefined {
    const row = this.#previous.get(path);
    if (row === undefined || !sameStamp(row, stat)) return undefined;
    this.#next.set(path, row);
    return row[5];
  }

  /**
   * Records the digest of `path`, hashed from its bytes after `stat` was taken at `hashStartedNs` (epoch ns). Not
   * kept when the file changed too recently for its stamp to prove anything (see {@link RACY_MARGIN_NS}).
   */
  record(path: string, stat: BigIntStats, sha256: string, hashStartedNs: bigint): void {
    this.#changed = true;
    if (stat.ctimeNs + RACY_MARGIN_NS >= hashStartedNs) return;
    this.#next.set(path, [String(stat.size), String(stat.mtimeNs), String(stat.ctimeNs), String(stat.ino), String(stat.dev), sha256]);
  }

  /**
   * Writes what this walk saw (only when something changed), atomically and private to the user. A cache that
   * cannot be written (read-only home, full disk) costs the next walk its speed, never its correctness: ignored.
   */
  async save(): Promise<void> {
    if (!this.#changed && this.#next.size === this.#previous.size) return;
    const document: CacheDocument = { format: FORMAT, root: this.#root, files: Object.fromEntries(this.#next) };
    const dir = join(this.#file, '..');
    const tmp = `${this.#file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFile(tmp, JSON.stringify(document), { mode: 0o600, flag: 'wx' });
      await rename(tmp, this.#file);
    } catch {
      await rm(tmp, { force: true }).catch(() => undefined);
    }
  }
}

interface CacheDocument {
  format: typeof FORMAT;
  root: string;
  files: Record<string, Row>;
}

function isCacheDocument(value: unknown): value is CacheDocument {
  if (typeof value !== 'object' || value === null) return false;
  const doc = value as Partial<CacheDocument>;
  if (doc.format !== FORMAT || typeof doc.root !== 'string' || typeof doc.files !== 'object' || doc.files === null) return false;
  return Object.values(doc.files).every(
    (row) => Array.isArray(row) && row.length === 6 && row.every((cell) => typeof cell === 'string') && /^[a-f0-9]{64}$/.test(row[5]),
  );
}

function sameStamp(row: Row, stat: BigIntStats): boolean {
  return (
    row[0] === String(stat.size) &&
    row[1] === String(stat.mtimeNs) &&
    row[2] === String(stat.ctimeNs) &&
    row[3] === String(stat.ino) &&
    row[4] === String(stat.dev)
  );
}
