import { createHash } from 'node:crypto';
import type { ManifestEntry } from './types.js';

/** First line of the canonical form; bump it if the serialisation ever changes. */
const MANIFEST_FORMAT = 'rig-manifest-v1';

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Compares paths by their UTF-8 bytes — the order a server in any language reproduces without locale or UTF-16
 * surprises (JavaScript's default string order differs from byte order above U+FFFF).
 *
 * @example
 * ```ts
 * entries.sort((a, b) => comparePaths(a.path, b.path));
 * ```
 */
export function comparePaths(a: string, b: string): number {
  // Without surrogates (every character below U+10000), UTF-16 code unit order is code point order, which is UTF-8
  // byte order: compare the strings as they are. Sorting 5,000 paths made ~120,000 Buffers otherwise (a tenth of
  // the walk of a redeploy, most of it garbage collection).
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/**
 * Sorts `items` in place into {@link comparePaths} order of `pathOf(item)`. The same order as sorting with
 * `comparePaths`, with one surrogate test per item instead of two per comparison: the walk sorts every directory
 * and the whole manifest, ~400,000 comparisons for 15,000 files.
 *
 * @internal
 */
export function sortByPath<T>(items: T[], pathOf: (item: T) => string): T[] {
  if (items.some((item) => SURROGATE.test(pathOf(item)))) return items.sort((a, b) => comparePaths(pathOf(a), pathOf(b)));
  return items.sort((a, b) => {
    const x = pathOf(a);
    const y = pathOf(b);
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * The canonical serialisation the manifest digest is computed over: the line `rig-manifest-v1`, then one JSON
 * array per entry, `[path, type, mode, size, sha256, target|null]`, each line ending in `\n`, entries in
 * {@link comparePaths} order. JSON escapes any newline or tab in a path, so every path is one unambiguous line.
 * Entries are sorted here, so the input order does not matter.
 *
 * @example
 * ```ts
 * const text = serializeManifest(bundle.files);
 * // rig-manifest-v1
 * // ["server.js","file",420,120,"9f86d0…",null]
 * ```
 */
export function serializeManifest(entries: readonly ManifestEntry[]): string {
  const sorted = sortByPath([...entries], (e) => e.path);
  let text = `${MANIFEST_FORMAT}\n`;
  for (const e of sorted) {
    text += `${JSON.stringify([e.path, e.type, e.mode, e.size, e.sha256, e.type === 'symlink' ? e.target : null])}\n`;
  }
  return text;
}

/**
 * The manifest digest: lowercase hex SHA-256 of {@link serializeManifest}. Equal digests mean equal trees
 * (paths, contents, exec bits, link targets); mtimes, owners and walk order never enter into it.
 *
 * @example
 * ```ts
 * if (manifestDigest(bundle.files) === lastDeployed) console.log('Nothing changed since the last deploy.');
 * ```
 */
export function manifestDigest(entries: readonly ManifestEntry[]): string {
  return createHash('sha256').update(serializeManifest(entries), 'utf8').digest('hex');
}
