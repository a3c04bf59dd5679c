import { chmodSync, lstatSync, mkdirSync, rmdirSync, unlinkSync } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, realpath, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { BlobsMissingError, UnsafeManifestError } from './deploy-errors.js';
import { DEFAULT_MANIFEST_LIMITS, resolveInTree, validateManifest, type FileEntry, type ManifestEntry, type ManifestLimits, type ValidatedManifest } from './manifest.js';
import { forEachSliced } from './sliced.js';
import { copyFromStore, sameStamp, type TreeBase } from './tree-base.js';

export interface AssembleOptions {
  limits?: ManifestLimits;
  /**
   * Where the private staging directory is made; it must be on the same filesystem as `buildDir` (the tree is
   * renamed into place). Defaults to `buildDir`'s parent, which lives in the data dir.
   */
  stagingParent?: string;
  /**
   * A spare copy of the app's previous tree (see `TreeBases`): the new tree is made from it, copying only the
   * files that changed. The base is consumed either way; if it cannot be used the tree is assembled in full.
   */
  base?: TreeBase | undefined;
}

export interface AssembleResult {
  buildDir: string;
  files: number;
  links: number;
  totalBytes: number;
  /** Files copied from the store (all of them unless a base was used). */
  copied: number;
}

/**
 * Materialises a manifest from the blob store as a new directory `buildDir` — and nowhere else.
 *
 * 1. `validateManifest` refuses, before any write, `..`/absolute/backslash/NUL paths, duplicates, devices and
 *    FIFOs, oversized entries, links whose target escapes the tree (lexically and through the manifest's own
 *    links) and files that would be written through a link.
 * 2. Every blob must be stored with the manifest's size (`BlobsMissingError` lists the absent ones).
 * 3. The tree is built in a fresh private directory: directories, then files, then links last, so no write can
 *    ever pass through a link. Each file is its own copy of the blob (up to 64 KiB read, hashed and written;
 *    above, `copyFile` with `COPYFILE_FICLONE`: a copy-on-write clone where the filesystem can, else an
 *    in-kernel copy; never a hard link — see
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
  const { base } = options;
  // With a base, only the files it does not hold need their blobs.
  const needed = base === undefined ? plan.files : plan.files.filter((file) => base.files.get(file.path)?.sha256 !== file.sha256);
  // Sizes of the distinct blobs (one stat each).
  const sizes = await blobs.sizes(needed.map((file) => file.sha256));
  const absent: string[] = [];
  for (const file of needed) {
    const stored = sizes.get(file.sha256);
    if (stored === null || stored === undefined) {
      if (!absent.includes(file.sha256)) absent.push(file.sha256);
    } else if (stored !== file.size) {
      throw new UnsafeManifestError(file.path, 'size_mismatch', `the manifest says ${file.size} bytes but blob ${file.sha256} has ${stored}`);
    }
  }
  if (absent.length > 0) {
    if (base !== undefined) await rm(base.dir, { recursive: true, force: true });
    throw new BlobsMissingError(absent);
  }

  if (await exists(buildDir)) throw new Error(`Build directory ${buildDir} already exists.`);
  const stagingParent = options.stagingParent ?? dirname(buildDir);
  await mkdir(stagingParent, { recursive: true });
  if (base !== undefined) {
    const made = await fromBase(blobs, plan, base, stagingParent, buildDir).catch(() => undefined);
    if (made !== undefined) return made;
    // The base could not be used (changed under us, or the tree's shape changed too much): the full way.
  }
  const staging = await mkdtemp(join(stagingParent, '.assemble-'));
  try {
    const root = await realpath(staging);
    await forEachSliced(plan.dirs, (dir) => mkdirSync(join(root, dir), { mode: 0o755 }));
    // The copy carries the blob's private 0600 mode; the manifest's mode is what the app gets.
    await copyFromStore(blobs, root, plan.files);
    await finish(root, plan, buildDir);
    return { buildDir, files: plan.files.length, links: plan.links.length, totalBytes: plan.totalBytes, copied: plan.files.length };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/**
 * The tree from a base: the base directory becomes the staging directory; what the new manifest does not have (or
 * has with other bytes) is removed, every kept file must still carry the stamp it got when it was copied (else it
 * is copied again), the changed files are copied from the store, modes are set, and links are created last, as
 * in a full assembly. Throws when the base cannot serve (the caller then assembles in full).
 */
async function fromBase(blobs: BlobStore, plan: ValidatedManifest, base: TreeBase, stagingParent: string, buildDir: string): Promise<AssembleResult> {
  const staging = join(stagingParent, `.assemble-${Math.random().toString(36).slice(2, 10)}`);
  await rename(base.dir, staging);
  try {
    const root = await realpath(staging);
    // First of all every directory of the base must still be one (not a link): nothing below may pass through a link.
    await forEachSliced(base.dirs, (dir) => {
      if (lstatSync(join(root, dir), { throwIfNoEntry: false })?.isDirectory() !== true) throw new Error(`${dir} is no longer a directory in the base`);
    });
    const wanted = new Map(plan.files.map((file) => [file.path, file]));
    const copy: FileEntry[] = [];
    const keep: FileEntry[] = [];
    // Remove what goes; a file whose bytes changed goes too (a fresh O_EXCL copy replaces it, never a rewrite).
    await forEachSliced(base.files, ([path, held]) => {
      const file = wanted.get(path);
      if (file === undefined || file.sha256 !== held.sha256) {
        unlinkSync(join(root, path));
        if (file !== undefined) copy.push(file);
        return;
      }
      const now = lstatSync(join(root, path), { bigint: true, throwIfNoEntry: false });
      if (now === undefined || !now.isFile() || !sameStamp(now, held.stamp)) {
        // Changed since it was copied: its bytes prove nothing any more.
        if (now !== undefined) unlinkSync(join(root, path));
        copy.push(file);
        return;
      }
      keep.push(file);
      if (held.mode !== file.mode) chmodSync(join(root, path), file.mode);
    });
    for (const file of plan.files) if (!base.files.has(file.path)) copy.push(file);
    // Directories the new tree has no more, deepest first (they are empty now), then the new ones, parents first.
    const dirs = new Set(plan.dirs);
    const gone = [...base.dirs].filter((dir) => !dirs.has(dir)).sort((a, b) => b.length - a.length);
    await forEachSliced(gone, (dir) => rmdirSync(join(root, dir)));
    await forEachSliced(plan.dirs, (dir) => {
      const info = lstatSync(join(root, dir), { throwIfNoEntry: false });
      if (info === undefined) mkdirSync(join(root, dir), { mode: 0o755 });
      else if (!info.isDirectory()) throw new Error(`${dir} is not a directory in the base`);
    });
    await copyFromStore(blobs, root, copy);
    await finish(root, plan, buildDir);
    return { buildDir, files: plan.files.length, links: plan.links.length, totalBytes: plan.totalBytes, copied: copy.length };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}

/** Links last (each resolved by the kernel and required to land inside the tree), then the tree goes into place. */
async function finish(root: string, plan: ValidatedManifest, buildDir: string): Promise<void> {
  for (const link of plan.links) await symlink(link.target, join(root, link.path));
  const linkTargets = new Map(plan.links.map((l) => [l.path, l.target]));
  for (const link of plan.links) await checkLinkInside(root, link.path, linkTargets);
  await chmod(root, 0o755);
  await rename(root, buildDir);
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
