import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { lstatSync, readdirSync } from 'node:fs';
import { readFile, readlink, realpath, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { MaxBundleError } from './bundle-error.js';
import { describe, hashFile, hashSmallFileSync, type FileDigest } from './hash-file.js';
import { HashCache, defaultHashCacheDir, hashCacheFile } from './hash-cache.js';
import { IgnoreRules } from './ignore-rules.js';
import { joinRoot } from './join-root.js';
import { manifestDigest, sortByPath } from './manifest-digest.js';
import { mapLimit } from './map-limit.js';
import { needsContentCheck, secretContentReason, secretNameReason } from './secret-files.js';
import { checkSymlink } from './symlink-check.js';
import type { BundleWarning, ExcludedEntry, ManifestEntry, SourceTree } from './types.js';

/**
 * Options for {@link walkSourceTree}.
 *
 * @example
 * ```ts
 * const options: WalkOptions = { gitignore: false, concurrency: 4 };
 * ```
 */
export interface WalkOptions {
  /** Honour `.gitignore` files (default true). `.rigignore`, built-ins and secret rules always apply. */
  gitignore?: boolean;
  /**
   * Large files (over 256 KiB) hashed at once (default 4): a few reads in flight keep the disk busy. Smaller files
   * are hashed one after another with synchronous reads, which is faster for them.
   */
  concurrency?: number;
  /** Stops the walk between files; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * Directory of the hash cache: files whose size, mtime, ctime, inode and device are unchanged since the last
   * walk of the same root are not read again (see `HashCache`). Default {@link defaultHashCacheDir} (under
   * `$RIG_CACHE_DIR`, `$XDG_CACHE_HOME/rig` or `~/.cache/rig`); `false` hashes every file.
   */
  hashCache?: string | false;
}

/** A file found by the walk, waiting to be hashed. */
interface PendingFile {
  path: string;
  absolute: string;
}

/** Longest stretch of synchronous directory reading or hashing before the walk yields to the event loop. */
const SYNC_SLICE_MS = 10;

/** `.git` is never uploaded and cannot be re-included: it holds history and often credentials in its config. */
const ALWAYS_SKIPPED = '.git';

/**
 * Walks a source tree the way `rig deploy` bundles it and returns the manifest.
 *
 * Rules, in order: `.git` is never included; then the `.gitignore` files (each relative to its own directory,
 * with git's negation, anchoring and directory-only semantics), the built-in `node_modules` exclude and the
 * `.rigignore` files (same syntax, evaluated last so `!pattern` re-includes anything the others excluded).
 * Files that look like credentials (`.env*`, private keys, cloud credential files, `.npmrc` with a token) are
 * excluded unless a `.rigignore` `!pattern` names them. Symbolic links are kept as links; one pointing outside
 * the tree (or absolute) fails the walk with a `symlink_escape` {@link MaxBundleError}. Sockets, FIFOs and device
 * files are skipped with a warning. An unreadable file or directory fails with `unreadable`.
 *
 * The same tree always yields the same manifest and digest, whatever the walk order, mtimes or owners.
 *
 * @example
 * ```ts
 * import { walkSourceTree, summarizeBundle } from '@max/rig-sdk/node';
 *
 * const bundle = await walkSourceTree('./my-app');
 * console.log(bundle.digest, bundle.files.length);
 * for (const ex of bundle.excluded) if (ex.kind === 'secret-like') console.warn(`not uploading ${ex.path}`);
 * ```
 */
export async function walkSourceTree(dir: string, options: WalkOptions = {}): Promise<SourceTree> {
  const root = await openRoot(dir);
  const rules = new IgnoreRules();
  const useGitignore = options.gitignore ?? true;
  const signal = options.signal;
  const pending: PendingFile[] = [];
  const links: ManifestEntry[] = [];
  const excluded: ExcludedEntry[] = [];
  const warnings: BundleWarning[] = [];
  // Directories are read and files hashed with synchronous calls, in slices of at most SYNC_SLICE_MS that give the
  // event loop a turn, so timers, progress output and the abort signal are served while a tree of 100k files is
  // walked. For thousands of small files this beats a thread-pool round trip (and a promise) per call.
  let sliceStart = performance.now();
  const sliceDue = (): boolean => performance.now() - sliceStart > SYNC_SLICE_MS;
  const nextSlice = async (): Promise<void> => {
    await new Promise<void>((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
    sliceStart = performance.now();
  };

  const walkDirectory = async (relDir: string): Promise<void> => {
    signal?.throwIfAborted();
    if (sliceDue()) await nextSlice();
    const absDir = relDir === '' ? root : joinRoot(root, relDir);
    let entries: Dirent[];
    try {
      // The entry types come with the names: no stat per entry.
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (error) {
      const shown = relDir === '' ? '.' : relDir;
      throw new MaxBundleError('unreadable', shown, `Cannot read directory ${shown}: ${describe(error)}`, error);
    }
    // Ignore files first: their rules apply to their siblings.
    for (const [name, kind] of [['.gitignore', 'gitignore'], ['.rigignore', 'rigignore']] as const) {
      if (kind === 'gitignore' && !useGitignore) continue;
      if (!entries.some((e) => e.name === name && e.isFile())) continue;
      const file = relDir === '' ? name : `${relDir}/${name}`;
      rules.addFile(kind, file, await readText(join(absDir, name), file));
    }
    sortByPath(entries, (e) => e.name);
    for (const entry of entries) {
      if (sliceDue()) await nextSlice();
      const path = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
      const absolute = joinRoot(absDir, entry.name);
      const isDirectory = entry.isDirectory();
      const type = isDirectory ? 'directory' : entry.isSymbolicLink() ? 'symlink' : 'file';
      if (entry.name === ALWAYS_SKIPPED) {
        excluded.push({ path, type, kind: 'builtin', reason: `builtin: ${ALWAYS_SKIPPED}` });
        continue;
      }
      const verdict = rules.test(path, isDirectory);
      if (verdict.excluded) {
        const { origin } = verdict;
        const reason = origin.kind === 'builtin' ? `builtin: ${origin.pattern}` : `${origin.kind}: ${origin.file}:${origin.line}`;
        excluded.push({ path, type, kind: origin.kind, reason, pattern: origin.pattern });
        continue;
      }
      if (isDirectory) {
        await walkDirectory(path);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) {
        warnings.push({ path, code: 'special_file', message: `skipped ${specialKind(entry)} (only files and links are uploaded)` });
        continue;
      }
      // By name, synchronously; only the few names whose content decides (`.npmrc`, …) are read.
      let secret = secretNameReason(path);
      if (secret === undefined && entry.isFile() && needsContentCheck(path)) secret = await secretContentReason(path, absolute);
      if (secret !== undefined && !rules.rigReincludes(path)) {
        excluded.push({ path, type, kind: 'secret-like', reason: `secret-like: ${secret}` });
        continue;
      }
      if (entry.isSymbolicLink()) links.push(await linkEntry(root, path, absolute));
      else pending.push({ path, absolute });
    }
  };

  await walkDirectory('');
  const toEntry = (path: string, digest: FileDigest): ManifestEntry => ({
    path,
    type: 'file',
    sha256: digest.sha256,
    size: digest.size,
    mode: digest.executable ? 0o755 : 0o644,
  });
  // Small files synchronously (see hashSmallFileSync), in slices (see nextSlice).
  const manifest: ManifestEntry[] = links;
  const large: PendingFile[] = [];
  const cache = options.hashCache === false ? undefined : await HashCache.load(hashCacheFile(options.hashCache ?? defaultHashCacheDir(), root), root);
  const nowNs = (): bigint => BigInt(Date.now()) * 1_000_000n;
  for (const file of pending) {
    if (sliceDue()) await nextSlice();
    // An unchanged file (same size, mtime, ctime, inode, device as when it was hashed) costs one lstat. A path the
    // cache has no row for cannot hit: it is only hashed (whose fstat gives the stamp to record), not lstat'ed too.
    const stat = cache?.has(file.path) === true ? lstatSync(file.absolute, { bigint: true, throwIfNoEntry: false }) : undefined;
    const cached = stat?.isFile() === true ? cache?.lookup(file.path, stat) : undefined;
    if (stat !== undefined && cached !== undefined) {
      manifest.push({ path: file.path, type: 'file', sha256: cached, size: Number(stat.size), mode: (stat.mode & 0o111n) !== 0n ? 0o755 : 0o644 });
      continue;
    }
    const started = nowNs();
    const digest = hashSmallFileSync(file.absolute, file.path);
    if (digest === undefined) large.push(file);
    else {
      manifest.push(toEntry(file.path, digest));
      cache?.record(file.path, digest.stat, digest.sha256, started);
    }
  }
  const hashedLarge = await mapLimit(large, options.concurrency ?? 4, async ({ path, absolute }): Promise<ManifestEntry> => {
    signal?.throwIfAborted();
    const started = nowNs();
    const digest = await hashFile(absolute, path);
    cache?.record(path, digest.stat, digest.sha256, started);
    return toEntry(path, digest);
  });
  manifest.push(...hashedLarge);
  await cache?.save();
  const byPath = (e: { path: string }): string => e.path;
  sortByPath(manifest, byPath);
  sortByPath(excluded, byPath);
  sortByPath(warnings, byPath);
  return { root, files: manifest, excluded, warnings, digest: manifestDigest(manifest) };
}

/** Resolves the root through any symlinks (links inside are judged against the real location) and checks it. */
async function openRoot(dir: string): Promise<string> {
  const absolute = resolve(dir);
  try {
    const real = await realpath(absolute);
    if ((await stat(real)).isDirectory()) return real;
  } catch (error) {
    throw new MaxBundleError('not_a_directory', '.', `${absolute} does not exist or cannot be read: ${describe(error)}`, error);
  }
  throw new MaxBundleError('not_a_directory', '.', `${absolute} is not a directory`);
}

async function readText(absolute: string, path: string): Promise<string> {
  try {
    return await readFile(absolute, 'utf8');
  } catch (error) {
    throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
  }
}

/** Builds the manifest entry of a link after checking it cannot lead outside the tree. */
async function linkEntry(root: string, path: string, absolute: string): Promise<ManifestEntry> {
  let target: string;
  try {
    target = await readlink(absolute);
  } catch (error) {
    throw new MaxBundleError('unreadable', path, `Cannot read link ${path}: ${describe(error)}`, error);
  }
  const verdict = await checkSymlink(root, path, target);
  if (verdict === 'absolute') {
    throw new MaxBundleError('symlink_escape', path, `${path} is a link to the absolute path ${target}; only relative links inside the app can be deployed`);
  }
  if (verdict === 'escapes') {
    throw new MaxBundleError('symlink_escape', path, `${path} is a link to ${target}, which is outside the app directory`);
  }
  const bytes = Buffer.from(target, 'utf8');
  return { path, type: 'symlink', target, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length, mode: 0o777 };
}

function specialKind(entry: Dirent): string {
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  if (entry.isBlockDevice()) return 'block device';
  if (entry.isCharacterDevice()) return 'character device';
  return 'special file';
}
