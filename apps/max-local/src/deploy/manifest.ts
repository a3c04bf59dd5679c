import { posix } from 'node:path';
import { DIGEST_PATTERN } from './blob-store.js';
import type { FieldError } from '../http/api-error.js';
import { PayloadTooLargeError, UnsafeManifestError } from './deploy-errors.js';

/**
 * One entry of a deployment manifest. The API's `ManifestEntry` describes regular files; `type: 'symlink'` with
 * a relative `target` carries a link inside the tree (the bundler keeps links that stay inside it). `type` defaults
 * to `'file'`. Anything else a client might send (`'device'`, `'fifo'`, a `mode` with file-type bits of a device)
 * is refused, never materialised.
 */
export interface ManifestEntry {
  path: string;
  sha256?: string;
  size?: number;
  mode?: number;
  type?: string;
  target?: string;
}

export interface ManifestLimits {
  maxEntries: number;
  /** Largest single file, bytes. */
  maxEntryBytes: number;
  /** Largest sum of file sizes, bytes. */
  maxTotalBytes: number;
  /** Longest path, bytes (the API says 4096). */
  maxPathBytes: number;
}

export const DEFAULT_MANIFEST_LIMITS: ManifestLimits = {
  maxEntries: 100_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxPathBytes: 4096,
};

export interface FileEntry {
  kind: 'file';
  path: string;
  sha256: string;
  size: number;
  /** 0o755 when any executable bit was set, else 0o644: only the executable bits are kept. */
  mode: number;
}

export interface LinkEntry {
  kind: 'symlink';
  path: string;
  target: string;
}

/** A manifest that passed every check that needs no I/O; `assembleTree` still re-checks links after creating them. */
export interface ValidatedManifest {
  files: FileEntry[];
  links: LinkEntry[];
  /** Every directory to create, parents before children. */
  dirs: string[];
  totalBytes: number;
}

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
/** Linux resolves at most 40 links in one path lookup; a manifest needing more is a loop or an attack. */
const MAX_LINK_HOPS = 40;

/**
 * Validates a manifest without touching the filesystem: the checks a route can run before accepting a deployment.
 * Throws `UnsafeManifestError` (400, `details: {path, reason}`) for the first offending entry, or
 * `PayloadTooLargeError` (413) when the manifest as a whole is too big.
 *
 * Reasons: `invalid_entry`, `invalid_path`, `absolute_path`, `backslash`, `nul_byte`, `empty_segment`,
 * `dot_segment`, `unsupported_type`, `invalid_digest`, `invalid_size`, `invalid_mode`, `entry_too_large`,
 * `duplicate_path`, `path_conflict`, `traverses_symlink`, `absolute_link`, `escaping_link`, `link_loop`.
 */
export function validateManifest(manifest: readonly ManifestEntry[], limits: ManifestLimits = DEFAULT_MANIFEST_LIMITS): ValidatedManifest {
  if (!Array.isArray(manifest)) throw new UnsafeManifestError('', 'invalid_entry', 'the manifest must be an array');
  if (manifest.length > limits.maxEntries) {
    throw new PayloadTooLargeError(`A manifest may list at most ${limits.maxEntries} entries.`, limits.maxEntries);
  }
  const files: FileEntry[] = [];
  const links: LinkEntry[] = [];
  const kinds = new Map<string, 'file' | 'symlink'>();
  let totalBytes = 0;

  for (const raw of manifest) {
    if (typeof raw !== 'object' || raw === null) throw new UnsafeManifestError('', 'invalid_entry', 'an entry is not an object');
    const path = checkPath(raw.path, limits);
    if (kinds.has(path)) throw new UnsafeManifestError(path, 'duplicate_path', 'the path is listed twice');
    const type = raw.type ?? 'file';
    if (type === 'file') {
      const mode = raw.mode ?? 0o644;
      if (!Number.isInteger(mode) || mode < 0) throw new UnsafeManifestError(path, 'invalid_mode', 'mode must be a non-negative integer');
      const format = mode & S_IFMT;
      if (format !== 0 && format !== S_IFREG) {
        throw new UnsafeManifestError(path, 'unsupported_type', 'only regular files and symlinks can be deployed (this mode is a device, FIFO, socket or directory)');
      }
      if (typeof raw.sha256 !== 'string' || !DIGEST_PATTERN.test(raw.sha256)) {
        throw new UnsafeManifestError(path, 'invalid_digest', 'sha256 must be a lowercase hex SHA-256 digest');
      }
      const size = raw.size;
      if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) {
        throw new UnsafeManifestError(path, 'invalid_size', 'size must be a non-negative integer');
      }
      if (size > limits.maxEntryBytes) {
        throw new UnsafeManifestError(path, 'entry_too_large', `the file is larger than ${limits.maxEntryBytes} bytes`);
      }
      totalBytes += size;
      if (totalBytes > limits.maxTotalBytes) {
        throw new PayloadTooLargeError(`The files of a manifest may sum to at most ${limits.maxTotalBytes} bytes.`, limits.maxTotalBytes);
      }
      files.push({ kind: 'file', path, sha256: raw.sha256, size, mode: mode & 0o111 ? 0o755 : 0o644 });
      kinds.set(path, 'file');
    } else if (type === 'symlink') {
      if (raw.mode !== undefined && (raw.mode & S_IFMT) !== 0 && (raw.mode & S_IFMT) !== S_IFLNK) {
        throw new UnsafeManifestError(path, 'unsupported_type', 'the mode of a symlink entry names another file type');
      }
      const target = raw.target;
      if (typeof target !== 'string' || target.length === 0 || Buffer.byteLength(target) > limits.maxPathBytes) {
        throw new UnsafeManifestError(path, 'invalid_path', 'a symlink needs a non-empty target');
      }
      if (target.includes('\0')) throw new UnsafeManifestError(path, 'nul_byte', 'the link target contains a NUL byte');
      if (target.includes('\\')) throw new UnsafeManifestError(path, 'backslash', 'the link target contains a backslash');
      if (target.startsWith('/')) throw new UnsafeManifestError(path, 'absolute_link', 'the link target is absolute');
      // Lexical check: the target, read as a path relative to the link's directory, must stay inside the tree.
      const lexical = posix.normalize(posix.join(posix.dirname(path), target));
      if (lexical === '..' || lexical.startsWith('../')) {
        throw new UnsafeManifestError(path, 'escaping_link', `the link target ${JSON.stringify(target)} points outside the tree`);
      }
      links.push({ kind: 'symlink', path, target });
      kinds.set(path, 'symlink');
    } else {
      throw new UnsafeManifestError(path, 'unsupported_type', `entries of type ${JSON.stringify(type)} cannot be deployed; only files and symlinks`);
    }
  }

  // A path whose parent is a file cannot exist; a path whose parent is a link would be written through the link.
  const dirs = new Set<string>();
  for (const path of kinds.keys()) {
    const segments = path.split('/');
    for (let i = 1; i < segments.length; i += 1) {
      const prefix = segments.slice(0, i).join('/');
      const kind = kinds.get(prefix);
      if (kind === 'symlink') throw new UnsafeManifestError(path, 'traverses_symlink', `the path goes through the symlink ${prefix}`);
      if (kind === 'file') throw new UnsafeManifestError(path, 'path_conflict', `${prefix} is a file, not a directory`);
      dirs.add(prefix);
    }
  }

  // Physical check: follow the target through the links of the manifest itself, as the kernel would; `a -> c/../x`
  // with `c -> .` is lexically inside but physically outside.
  const linkTargets = new Map(links.map((l) => [l.path, l.target]));
  for (const link of links) {
    const resolved = resolveInTree(link.path, linkTargets);
    if (resolved === 'escape') throw new UnsafeManifestError(link.path, 'escaping_link', `the link target ${JSON.stringify(link.target)} resolves outside the tree`);
    if (resolved === 'loop') throw new UnsafeManifestError(link.path, 'link_loop', 'the link resolves through too many links (a loop?)');
  }

  return { files, links, dirs: [...dirs].sort(byDepth), totalBytes };
}

/**
 * The file entries of a (validated) manifest whose `size` is not the size of the stored blob they name, as 422
 * fields (`/manifest/<index>/size`). Blobs not stored yet (absent from `stored` or null) are not judged.
 */
export function sizeMismatches(manifest: readonly ManifestEntry[], stored: ReadonlyMap<string, number | null>): FieldError[] {
  const fields: FieldError[] = [];
  manifest.forEach((entry, index) => {
    if ((entry.type ?? 'file') !== 'file' || entry.sha256 === undefined) return;
    const size = stored.get(entry.sha256);
    if (size === undefined || size === null || size === entry.size) return;
    fields.push({ path: `/manifest/${index}/size`, message: `is ${String(entry.size)}, but blob ${entry.sha256} has ${size} bytes` });
  });
  return fields;
}

/**
 * Resolves the link at `linkPath` inside a tree whose only links are `links` (path → target), following every link
 * met on the way. Returns the resolved path's segments, `'escape'` when it leaves the root, `'loop'` past 40 hops.
 */
export function resolveInTree(linkPath: string, links: ReadonlyMap<string, string>): string[] | 'escape' | 'loop' {
  const target = links.get(linkPath);
  if (target === undefined) return linkPath.split('/');
  const stack = linkPath.split('/').slice(0, -1);
  const queue = target.split('/');
  let hops = 1;
  while (queue.length > 0) {
    const segment = queue.shift() as string; // length checked by the loop condition
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (stack.length === 0) return 'escape';
      stack.pop();
      continue;
    }
    stack.push(segment);
    const next = links.get(stack.join('/'));
    if (next !== undefined) {
      hops += 1;
      if (hops > MAX_LINK_HOPS) return 'loop';
      if (next.startsWith('/')) return 'escape';
      stack.pop();
      queue.unshift(...next.split('/'));
    }
  }
  return stack;
}

function checkPath(value: unknown, limits: ManifestLimits): string {
  if (typeof value !== 'string' || value.length === 0) throw new UnsafeManifestError(String(value ?? ''), 'invalid_path', 'path must be a non-empty string');
  const path = value;
  if (path.includes('\0')) throw new UnsafeManifestError(path, 'nul_byte', 'the path contains a NUL byte');
  if (path.includes('\\')) throw new UnsafeManifestError(path, 'backslash', 'the path contains a backslash');
  if (path.startsWith('/')) throw new UnsafeManifestError(path, 'absolute_path', 'the path is absolute');
  if (Buffer.byteLength(path) > limits.maxPathBytes) throw new UnsafeManifestError(path, 'invalid_path', `the path is longer than ${limits.maxPathBytes} bytes`);
  for (const segment of path.split('/')) {
    if (segment === '') throw new UnsafeManifestError(path, 'empty_segment', 'the path has an empty segment');
    if (segment === '.' || segment === '..') throw new UnsafeManifestError(path, 'dot_segment', `the path has a "${segment}" segment`);
    if (Buffer.byteLength(segment) > 255) throw new UnsafeManifestError(path, 'invalid_path', 'a path segment is longer than 255 bytes');
  }
  return path;
}

function byDepth(a: string, b: string): number {
  return a.split('/').length - b.split('/').length || (a < b ? -1 : a > b ? 1 : 0);
}
