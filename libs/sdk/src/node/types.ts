/**
 * File mode recorded in the manifest: only the executable bit survives (git does the same), so the manifest does
 * not depend on umask, owner or group bits. Symbolic links always record `0o777`.
 */
export type ManifestMode = 0o644 | 0o755 | 0o777;

/**
 * A regular file in the manifest. `sha256` names the blob the platform stores.
 *
 * @example
 * ```ts
 * const entry: ManifestFileEntry = { path: 'src/server.js', type: 'file', sha256: 'e3b0…', size: 0, mode: 0o644 };
 * ```
 */
export interface ManifestFileEntry {
  /** POSIX path relative to the deploy root, never starting with `/` or containing `..`. */
  path: string;
  type: 'file';
  /** Lowercase hex SHA-256 of the file's bytes. */
  sha256: string;
  /** Size in bytes. */
  size: number;
  mode: 0o644 | 0o755;
}

/**
 * A symbolic link kept as a link. Its target is relative and stays inside the tree (checked while walking).
 * `sha256`/`size` describe the UTF-8 bytes of `target`, so the manifest digest covers it; a link has no blob.
 *
 * @example
 * ```ts
 * const link: ManifestSymlinkEntry = {
 *   path: 'current', type: 'symlink', target: 'releases/v2', sha256: '…', size: 11, mode: 0o777,
 * };
 * ```
 */
export interface ManifestSymlinkEntry {
  path: string;
  type: 'symlink';
  /** The link's target exactly as `readlink` returns it (relative, POSIX). */
  target: string;
  sha256: string;
  size: number;
  mode: 0o777;
}

/**
 * One manifest entry: a file or a symbolic link.
 *
 * @example
 * ```ts
 * for (const entry of bundle.files) if (entry.type === 'file') console.log(entry.path, entry.size);
 * ```
 */
export type ManifestEntry = ManifestFileEntry | ManifestSymlinkEntry;

/**
 * Which rule family excluded a path.
 * - `gitignore` — a `.gitignore` line; `rigignore` — a `.rigignore` line;
 * - `builtin` — always excluded (`.git`, `node_modules`);
 * - `secret-like` — looks like credentials (`.env`, private keys, cloud credential files…).
 */
export type ExclusionKind = 'gitignore' | 'rigignore' | 'builtin' | 'secret-like';

/**
 * A path left out of the bundle, with the reason. An excluded directory is listed once; nothing under it is
 * walked (the same as git: a file cannot be re-included when its parent directory is excluded).
 *
 * @example
 * ```ts
 * // { path: 'dist', type: 'directory', kind: 'gitignore', reason: 'gitignore: .gitignore:3', pattern: 'dist/' }
 * for (const ex of bundle.excluded) console.error(`skipped ${ex.path} (${ex.reason})`);
 * ```
 */
export interface ExcludedEntry {
  path: string;
  type: 'file' | 'directory' | 'symlink';
  kind: ExclusionKind;
  /** Human-readable reason: `gitignore: <file>:<line>`, `rigignore: <file>:<line>`, `builtin: <name>`, `secret-like: <what>`. */
  reason: string;
  /** The pattern that matched, when a pattern did. */
  pattern?: string;
}

/**
 * Something skipped without failing the walk (sockets, FIFOs, device files).
 *
 * @example
 * ```ts
 * for (const w of bundle.warnings) console.error(`warning: ${w.path}: ${w.message}`);
 * ```
 */
export interface BundleWarning {
  path: string;
  code: 'special_file';
  message: string;
}

/**
 * The result of {@link walkSourceTree}: what will be uploaded, what was left out and why, and the digest that
 * identifies this exact content.
 *
 * @example
 * ```ts
 * const bundle: SourceTree = await walkSourceTree('.');
 * console.log(`${bundle.files.length} files, digest ${bundle.digest}`);
 * ```
 */
export interface SourceTree {
  /** Absolute, symlink-resolved deploy root. */
  root: string;
  /** Manifest entries sorted by path (UTF-8 byte order). */
  files: ManifestEntry[];
  /** Excluded paths sorted by path. */
  excluded: ExcludedEntry[];
  warnings: BundleWarning[];
  /** Lowercase hex SHA-256 of the canonical manifest serialisation (see {@link serializeManifest}). */
  digest: string;
}
