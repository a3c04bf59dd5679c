import type { BundleWarning, ExclusionKind, SourceTree } from './types.js';

/**
 * Options for {@link summarizeBundle}.
 *
 * @example
 * ```ts
 * summarizeBundle(bundle, { largest: 5 });
 * ```
 */
export interface SummarizeOptions {
  /** How many of the largest files to list (default 10). */
  largest?: number;
}

/**
 * Excluded paths that share one reason, e.g. everything `.gitignore` line 3 excluded.
 *
 * @example
 * ```ts
 * // { kind: 'gitignore', reason: 'gitignore: .gitignore:3', pattern: 'dist/', paths: ['dist'] }
 * ```
 */
export interface ExclusionGroup {
  kind: ExclusionKind;
  reason: string;
  pattern?: string;
  paths: string[];
}

/**
 * What `rig deploy --dry-run` prints: the counts, the biggest contributors and what was left out and why.
 *
 * @example
 * ```ts
 * const s: BundleSummary = summarizeBundle(bundle);
 * console.log(`${s.fileCount} files, ${s.totalBytes} bytes`);
 * ```
 */
export interface BundleSummary {
  /** Regular files that will be uploaded (links not counted). */
  fileCount: number;
  symlinkCount: number;
  /** Sum of regular file sizes, bytes. */
  totalBytes: number;
  /** Distinct blobs (identical files are uploaded once). */
  uniqueBlobs: number;
  /** Largest files, biggest first (ties by path). */
  largest: { path: string; size: number }[];
  excludedCount: number;
  /** Groups ordered secret-like first (what the user most needs to see), then builtin, gitignore, rigignore. */
  excluded: ExclusionGroup[];
  /** Paths excluded because they look like credentials — the CLI says so even without `--dry-run`. */
  secretLike: string[];
  warnings: BundleWarning[];
  digest: string;
}

const KIND_ORDER: ExclusionKind[] = ['secret-like', 'builtin', 'gitignore', 'rigignore'];

/**
 * Summarises a walked tree for display. Pure: no I/O, deterministic ordering.
 *
 * @example
 * ```ts
 * const summary = summarizeBundle(await walkSourceTree('.'), { largest: 5 });
 * for (const group of summary.excluded) console.error(`${group.reason}: ${group.paths.join(', ')}`);
 * ```
 */
export function summarizeBundle(tree: SourceTree, options: SummarizeOptions = {}): BundleSummary {
  const files = tree.files.filter((e) => e.type === 'file');
  const largest = files
    .map(({ path, size }) => ({ path, size }))
    .sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .slice(0, options.largest ?? 10);
  const groups = new Map<string, ExclusionGroup>();
  for (const ex of tree.excluded) {
    let group = groups.get(ex.reason);
    if (group === undefined) {
      group = { kind: ex.kind, reason: ex.reason, paths: [] };
      if (ex.pattern !== undefined) group.pattern = ex.pattern;
      groups.set(ex.reason, group);
    }
    group.paths.push(ex.path);
  }
  const excluded = [...groups.values()].sort(
    // `numeric` so `.gitignore:2` comes before `.gitignore:10`.
    (a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.reason.localeCompare(b.reason, 'en', { numeric: true }),
  );
  return {
    fileCount: files.length,
    symlinkCount: tree.files.length - files.length,
    totalBytes: files.reduce((sum, e) => sum + e.size, 0),
    uniqueBlobs: new Set(files.map((e) => e.sha256)).size,
    largest,
    excludedCount: tree.excluded.length,
    excluded,
    secretLike: tree.excluded.filter((e) => e.kind === 'secret-like').map((e) => e.path),
    warnings: tree.warnings,
    digest: tree.digest,
  };
}
