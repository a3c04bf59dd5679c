import { chmodSync, copyFileSync, constants as fsConstants, mkdirSync } from 'node:fs';
import { chmod, copyFile, lstat, mkdir, mkdtemp, realpath, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { BlobsMissingError, UnsafeManifestError } from './deploy-errors.js';
import { forEachSliced } from './sliced.js';
import { DEFAULT_MANIFEST_LIMITS, resolveInTree, validateManifest, type ManifestEntry, type ManifestLimits } from './manifest.js';

export interface AssembleOptions {
  limits?: ManifestLimits;
  /**
   * Where the private staging directory is made; it must be on the same filesystem as `buildDir` (the tree is
   * renamed into place). Defaults to `buildDir`'s parent, which lives in the data dir.
   */
  stagingParent?: string;
  /** Files copied at once (small trees are dominated by per-file latency). */
  concurrency?: number;
}

export interface AssembleResult {
  buildDir: string;
  files: number;
  links: number;
  totalBytes: number;
}

/**
 * Materialises a manifest from the blob store as a new directory `buildDir` — and nowhere else.
 *
 * 1. `validateManifest` refuses, before any write, `..`/absolute/backslash/NUL paths, duplicates, devices and
 *    FIFOs, oversized entries, links whose target escapes the tree (lexically and through the manifest's own
 *    links) and files that would be written through a link.
 * 2. Every blob must be stored with the manifest's size (`BlobsMissingError` lists the absent ones).
 * 3. The tree is built in a fresh private directory: directories, then files, then links last, so no write can
 *    ever pass through a link. Each file is its own copy of the blob (`copyFile` with `COPYFILE_FICLONE`: a
 *    copy-on-write clone where the filesystem can, else an in-kernel copy; never a hard link — see
 *    docs/adr/0005-deploy-tree-assembly.md), created `O_EXCL` so it cannot land on anything that exists. Every
 *    distinct blob is checked against its digest first (`BlobStore.checkIntact`: re-hashed, unless its inode is
 *    provably unchanged since an earlier hash), so a damaged store cannot slip wrong bytes into a build. Each link
 *    is then resolved by the kernel (`realpath`) and must land inside the tree.
 * 4. Only then is the directory renamed to `buildDir`. On any failure the staging directory is removed and
 *    `buildDir` is never created.
 */
export async function assembleTree(
  blobs: BlobStore,
  manifest: readonly ManifestEntry[],
  buildDir: string,
  options: AssembleOptions = {},
): Promise<AssembleResult> {
  const plan = validateManifest(manifest, options.limits ?? DEFAULT_MANIFEST_LIMITS);
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);

  // Sizes of the distinct blobs (one stat each).
  const sizes = await blobs.sizes(plan.files.map((file) => file.sha256));
  const absent: string[] = [];
  for (const file of plan.files) {
    const stored = sizes.get(file.sha256);
    if (stored === null || stored === undefined) {
      if (!absent.includes(file.sha256)) absent.push(file.sha256);
    } else if (stored !== file.size) {
      throw new UnsafeManifestError(file.path, 'size_mismatch', `the manifest says ${file.size} bytes but blob ${file.sha256} has ${stored}`);
    }
  }
  if (absent.length > 0) throw new BlobsMissingError(absent);

  if (await exists(buildDir)) throw new Error(`Build directory ${buildDir} already exists.`);
  const stagingParent = options.stagingParent ?? dirname(buildDir);
  await mkdir(stagingParent, { recursive: true });
  const staging = await mkdtemp(join(stagingParent, '.assemble-'));
  try {
    const root = await realpath(staging);
    await forEachSliced(plan.dirs, (dir) => mkdirSync(join(root, dir), { mode: 0o755 }));

    // Each distinct blob is checked once, however many paths share it; its copies wait for the verdict.
    const checks = new Map<string, Promise<void>>();
    const refuse = (path: string, digest: string, actual: string): UnsafeManifestError =>
      new UnsafeManifestError(path, 'digest_mismatch', `the stored blob ${digest} hashes to ${actual}; the blob store is damaged`);
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
    const flags = fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE;
    // COPYFILE_EXCL opens the target O_CREAT|O_EXCL, which never follows a link; no link exists yet anyway. The
    // copy carries the blob's private 0600 mode; the manifest's mode is what the app gets.
    const small = plan.files.filter((file) => file.size <= SYNC_COPY_BYTES);
    const large = plan.files.filter((file) => file.size > SYNC_COPY_BYTES);
    const copied = await Promise.allSettled([
      // Big files in the thread pool (in-kernel copies), while this thread does the small ones synchronously:
      // three calls of ~10 µs each instead of three thread-pool round trips (see forEachSliced).
      mapLimit(large, concurrency, async (file) => {
        await intact(file.sha256, file.path);
        const target = join(root, file.path);
        await copyFile(blobs.pathOf(file.sha256), target, flags);
        await chmod(target, file.mode);
      }),
      forEachSliced(small, (file) => {
        if (!checkedSync.has(file.sha256)) {
          const verdict = blobs.checkIntactSync(file.sha256);
          if (verdict === undefined || !verdict.intact) throw refuse(file.path, file.sha256, verdict?.actual ?? 'something else (it grew)');
          checkedSync.add(file.sha256);
        }
        const target = join(root, file.path);
        copyFileSync(blobs.pathOf(file.sha256), target, flags);
        chmodSync(target, file.mode);
      }),
    ]);
    // Both halves settled, so nothing writes into the staging directory any more if it has to be removed.
    for (const result of copied) if (result.status === 'rejected') throw result.reason;

    for (const link of plan.links) await symlink(link.target, join(root, link.path));
    const linkTargets = new Map(plan.links.map((l) => [l.path, l.target]));
    for (const link of plan.links) await checkLinkInside(root, link.path, linkTargets);

    await chmod(root, 0o755);
    await rename(root, buildDir);
    return { buildDir, files: plan.files.length, links: plan.links.length, totalBytes: plan.totalBytes };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Large files copied at once: the thread pool does the copies, so a few in flight keep it and the disk busy. */
const DEFAULT_CONCURRENCY = 4;
/** Files up to this size are checked and copied with synchronous calls, in slices. */
const SYNC_COPY_BYTES = 1024 * 1024;

/** Maps `items` through `fn`, at most `limit` at a time, keeping order; the first rejection is rethrown after all settled. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await fn(items[index] as T);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure.error;
  return results;
}

/**
 * After creation, asks the kernel where a link leads: the answer must be inside `root`. For a dangling link the
 * nearest existing ancestor of its (in-tree) resolution is checked instead.
 */
async function checkLinkInside(root: string, linkPath: string, links: ReadonlyMap<string, string>): Promise<void> {
  let resolved: string;
  try {
    resolved = await realpath(join(root, linkPath));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new UnsafeManifestError(linkPath, 'link_loop', 'the link resolves through a loop');
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw error;
    const segments = resolveInTree(linkPath, links);
    if (!Array.isArray(segments)) throw new UnsafeManifestError(linkPath, 'escaping_link', 'the link resolves outside the tree');
    resolved = await nearestExistingRealpath(root, segments);
  }
  const rel = relative(root, resolved);
  if (rel === '..' || rel.startsWith(`..${sep}`) || rel.startsWith(sep)) {
    throw new UnsafeManifestError(linkPath, 'escaping_link', 'the link resolves outside the tree');
  }
}

async function nearestExistingRealpath(root: string, segments: string[]): Promise<string> {
  for (let n = segments.length; n >= 0; n -= 1) {
    try {
      return await realpath(join(root, ...segments.slice(0, n)));
    } catch {
      // keep walking up: this prefix does not exist (yet)
    }
  }
  return root;
}

async function exists(path: string): Promise<boolean> {
  try {
    await lstat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
