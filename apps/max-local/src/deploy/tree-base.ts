import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, constants as fsConstants, lstatSync, mkdirSync, type BigIntStats } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { createFileSync } from './create-file-sync.js';
import { UnsafeManifestError } from './deploy-errors.js';
import type { FileEntry, ManifestEntry } from './manifest.js';
import { validateManifest } from './manifest.js';
import { forEachSliced } from './sliced.js';

/** What proves a base file is still exactly what was written into it (see {@link TreeBase}). */
export type FileStamp = Pick<BigIntStats, 'dev' | 'ino' | 'size' | 'mtimeNs' | 'ctimeNs'>;

/** A file of a base: the manifest's digest and mode, and the stamp it had right after it was made. */
export interface BaseFile {
  sha256: string;
  mode: number;
  stamp: FileStamp;
}

/**
 * A spare, never-used copy of an app's latest tree (its files and directories, no links), kept in a private
 * directory so that the next deployment of the app starts from it and copies only what changed
 * (docs/adr/0011-incremental-tree-assembly.md). No process ever runs in a base; each file was copied from a
 * verified blob, its mode set, and then stamped — any later change to it changes its ctime, so an unchanged
 * stamp when the base is used means the bytes are the verified ones.
 */
export interface TreeBase {
  dir: string;
  files: Map<string, BaseFile>;
  dirs: Set<string>;
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.dev === b.dev && a.ino === b.ino && a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs;
}

const toStamp = (s: BigIntStats): FileStamp => ({ dev: s.dev, ino: s.ino, size: s.size, mtimeNs: s.mtimeNs, ctimeNs: s.ctimeNs });

/** Files up to this size are checked and copied with synchronous calls, in slices. */
const SYNC_COPY_BYTES = 1024 * 1024;
/** Large files copied at once: the thread pool does the copies. */
const LARGE_CONCURRENCY = 4;
const COPY_FLAGS = fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE;
/**
 * Files up to this size are read into memory, hashed there and written with one open/write/close: on the ext4
 * disks measured, `copyFile` of a 1 KiB file cost 2.5–3× a read and a write (libuv's copy adds an fstat, an
 * fchmod, a clone attempt and sendfile), which made most of a 15,000-file deploy. Hashing the bytes actually
 * written also makes the store's intactness check for them unnecessary.
 */
const READ_WRITE_BYTES = 64 * 1024;
/** O_CREAT|O_EXCL never follows a link and never lands on anything that exists. */
const CREATE_NEW = fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL;

/**
 * Copies `files` from the store into `root` (whose directories exist), each a private copy created `O_EXCL`,
 * after its blob was checked intact (`BlobStore.checkIntact`, or for files up to 64 KiB by hashing the bytes read
 * for the copy), then sets the manifest's mode. Files up to 1 MiB go synchronously in slices on this thread while
 * larger ones copy in the thread pool. Both halves settle before
 * this returns or throws, so nothing writes into `root` afterwards. `onCopied` sees each file right after its chmod.
 */
export async function copyFromStore(
  blobs: BlobStore,
  root: string,
  files: readonly FileEntry[],
  onCopied: (file: FileEntry, target: string) => void = () => undefined,
): Promise<void> {
  const refuse = (path: string, digest: string, actual: string): UnsafeManifestError =>
    new UnsafeManifestError(path, 'digest_mismatch', `the stored blob ${digest} hashes to ${actual}; the blob store is damaged`);
  // Each distinct blob is checked once, however many paths share it.
  const checks = new Map<string, Promise<void>>();
  const intact = (digest: string, path: string): Promise<void> => {
    let check = checks.get(digest);
    if (check === undefined) {
      check = blobs.checkIntact(digest).then((verdict) => {
        if (!verdict.intact) throw refuse(path, digest, verdict.actual);
      });
      checks.set(digest, check);
    }
    return check;
  };
  const checkedSync = new Set<string>();
  const large = files.filter((file) => file.size > SYNC_COPY_BYTES);
  const small = files.filter((file) => file.size <= SYNC_COPY_BYTES);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (!failed && next < large.length) {
      const file = large[next++] as FileEntry;
      try {
        await intact(file.sha256, file.path);
        const target = join(root, file.path);
        await copyFile(blobs.pathOf(file.sha256), target, COPY_FLAGS);
        await chmod(target, file.mode);
        onCopied(file, target);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const settled = await Promise.allSettled([
    ...Array.from({ length: Math.min(LARGE_CONCURRENCY, large.length) }, worker),
    forEachSliced(small, (file) => {
      if (failed) return;
      if (file.size <= READ_WRITE_BYTES) {
        const data = blobs.readSync(file.sha256);
        const actual = createHash('sha256').update(data).digest('hex');
        if (actual !== file.sha256) {
          failed = true;
          throw refuse(file.path, file.sha256, actual);
        }
        const target = join(root, file.path);
        createFileSync(target, data, CREATE_NEW, file.mode, true);
        onCopied(file, target);
        return;
      }
      if (!checkedSync.has(file.sha256)) {
        const verdict = blobs.checkIntactSync(file.sha256);
        if (verdict === undefined || !verdict.intact) {
          failed = true;
          throw refuse(file.path, file.sha256, verdict?.actual ?? 'something else (it grew)');
        }
        checkedSync.add(file.sha256);
      }
      const target = join(root, file.path);
      // COPYFILE_EXCL opens the target O_CREAT|O_EXCL, which never follows a link.
      copyFileSync(blobs.pathOf(file.sha256), target, COPY_FLAGS);
      chmodSync(target, file.mode);
      onCopied(file, target);
    }),
  ]);
  for (const result of settled) if (result.status === 'rejected') throw result.reason;
}

/**
 * Spare trees per app, under `<dataDir>/builds/.bases`: at most one ready or in preparation per app. A base is
 * made after a release went live (off the deploy's critical path) and taken — once — by the app's next
 * deployment. Bases live only as long as this process: their stamps are in memory, so whatever a previous
 * process left under the root is removed.
 */
export class TreeBases {
  readonly #root: string;
  readonly #bases = new Map<string, Promise<TreeBase | undefined>>();
  readonly #cleared: Promise<void>;

  constructor(root: string) {
    this.#root = root;
    this.#cleared = rm(root, { recursive: true, force: true }).then(
      () => undefined,
      () => undefined,
    );
  }

  /** Starts making the base of `appId` from `manifest` (replacing its previous one). Never throws. */
  prepare(appId: string, blobs: BlobStore, manifest: readonly ManifestEntry[]): void {
    const previous = this.#bases.get(appId);
    const made = (async () => {
      const old = await previous?.catch(() => undefined);
      if (old) await rm(old.dir, { recursive: true, force: true });
      await this.#cleared;
      return makeBase(blobs, manifest, this.#root);
    })().catch(() => undefined);
    this.#bases.set(appId, made);
  }

  /** Claims the base of `appId` (waiting for it if it is still being made); undefined when there is none. */
  async take(appId: string): Promise<TreeBase | undefined> {
    const base = this.#bases.get(appId);
    if (base === undefined) return undefined;
    this.#bases.delete(appId);
    return base;
  }

  /** Removes the base of an app that is gone. */
  async drop(appId: string): Promise<void> {
    const base = await this.take(appId);
    if (base) await rm(base.dir, { recursive: true, force: true });
  }

  /** Waits for bases in preparation (so nothing writes into the data dir after close). */
  async close(): Promise<void> {
    await Promise.all([...this.#bases.values()]);
  }
}

/** Makes a base: directories, then every file as a private copy of its verified blob, each stamped when done. */
async function makeBase(blobs: BlobStore, manifest: readonly ManifestEntry[], parent: string): Promise<TreeBase> {
  const plan = validateManifest(manifest);
  await mkdir(parent, { recursive: true, mode: 0o700 });
  const dir = await mkdtemp(join(parent, 'base-'));
  try {
    await forEachSliced(plan.dirs, (d) => mkdirSync(join(dir, d), { mode: 0o755 }));
    const files = new Map<string, BaseFile>();
    await copyFromStore(blobs, dir, plan.files, (file, target) => {
      // The stamp is taken after the chmod, which set ctime after the last byte was written.
      files.set(file.path, { sha256: file.sha256, mode: file.mode, stamp: toStamp(lstatSync(target, { bigint: true })) });
    });
    return { dir, files, dirs: new Set(plan.dirs) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
