import { createHash } from 'node:crypto';
import { constants as fsConstants, createReadStream } from 'node:fs';
import { chmod, lstat, mkdir, mkdtemp, open, realpath, rename, rm, symlink } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { BlobStore } from './blob-store.js';
import { BlobsMissingError, UnsafeManifestError } from './deploy-errors.js';
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
 * 3. The tree is built in a fresh private directory: directories, then files (opened `O_EXCL|O_NOFOLLOW`, bytes
 *    re-hashed while copied, so a damaged store cannot slip wrong bytes into a build), then links last, so no
 *    write can ever pass through a link. Each link is then resolved by the kernel (`realpath`) and must land
 *    inside the tree.
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

  const absent: string[] = [];
  const sizes = new Map<string, number | null>();
  for (const file of plan.files) {
    if (!sizes.has(file.sha256)) sizes.set(file.sha256, await blobs.sizeOf(file.sha256));
    const stored = sizes.get(file.sha256);
    if (stored === null) {
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
    for (const dir of plan.dirs) await mkdir(join(root, dir), { mode: 0o755 });

    const queue = [...plan.files];
    const worker = async (): Promise<void> => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        await copyVerified(blobs.pathOf(file.sha256), join(root, file.path), file.sha256, file.mode, file.path);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 8) }, worker));

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

/** Copies a blob to a new file, hashing the bytes on the way; a mismatch means the store is damaged. */
async function copyVerified(from: string, to: string, digest: string, mode: number, path: string): Promise<void> {
  const hash = createHash('sha256');
  const out = await open(to, fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW, mode);
  try {
    for await (const chunk of createReadStream(from, { highWaterMark: 1024 * 1024 })) {
      const bytes = chunk as Buffer; // no encoding was given, so the stream yields Buffers
      hash.update(bytes);
      await out.write(bytes);
    }
    // The umask may have narrowed the mode given to open().
    await out.chmod(mode);
  } finally {
    await out.close();
  }
  const actual = hash.digest('hex');
  if (actual !== digest) {
    throw new UnsafeManifestError(path, 'digest_mismatch', `the stored blob ${digest} hashes to ${actual}; the blob store is damaged`);
  }
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
