import { MaxError } from '../errors/max-error.js';

/**
 * Why bundling a source tree failed.
 * - `not_a_directory` — the deploy root is missing or is not a directory.
 * - `symlink_escape` — a symbolic link points outside the tree (or is absolute), so the platform could not
 *   rebuild it inside the build directory.
 * - `unreadable` — a file or directory could not be read (permissions, I/O error).
 * - `file_changed` — a file changed between hashing and packing, so its bytes no longer match the manifest.
 */
export type BundleErrorCode = 'not_a_directory' | 'symlink_escape' | 'unreadable' | 'file_changed';

/**
 * A source tree could not be bundled. Carries the offending path (POSIX, relative to the deploy root) so the CLI
 * can print one precise line. It is a {@link MaxError}, so `isMaxError` and `toJSON()` work on it too.
 *
 * @example
 * ```ts
 * try {
 *   await walkSourceTree('./app');
 * } catch (err) {
 *   if (err instanceof MaxBundleError && err.code === 'symlink_escape') {
 *     console.error(`${err.path}: links outside the app; copy the target in or remove the link.`);
 *   } else throw err;
 * }
 * ```
 */
export class MaxBundleError extends MaxError {
  override readonly name: string = 'MaxBundleError';
  override readonly code: BundleErrorCode;
  /** The path the error is about, relative to the deploy root (POSIX separators); `.` for the root itself. */
  readonly path: string;

  constructor(code: BundleErrorCode, path: string, message: string, cause?: unknown) {
    super({ code, message, details: { path }, cause });
    this.code = code;
    this.path = path;
  }
}
