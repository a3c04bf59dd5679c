import { lstat, readlink } from 'node:fs/promises';
import { join, posix } from 'node:path';

/** The kernel gives up after 40 links (ELOOP); a loop that never left the tree is only a dangling link. */
const MAX_LINK_HOPS = 40;

/** Why a link cannot be uploaded, or `ok`. */
export type SymlinkVerdict = 'ok' | 'absolute' | 'escapes';

/**
 * Decides whether the symlink at `linkPath` (POSIX, relative to `root`) with `target` stays inside the tree, by
 * resolving it the way the kernel would: component by component, following links found on the way (a lexical
 * check alone is fooled by `sub/../..` when `sub` is itself a link). Components that do not exist yet are resolved
 * lexically, so a dangling link is judged by where it would point. Absolute targets are refused even when they
 * point inside the tree today: on the platform the tree lives elsewhere, so they would dangle or escape there.
 */
export async function checkSymlink(root: string, linkPath: string, target: string): Promise<SymlinkVerdict> {
  if (posix.isAbsolute(target)) return 'absolute';
  const stack = linkPath.split('/').slice(0, -1);
  const queue = target.split('/');
  let hops = 0;
  let missing = false;
  while (queue.length > 0) {
    const part = queue.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (stack.length === 0) return 'escapes';
      stack.pop();
      continue;
    }
    stack.push(part);
    if (missing) continue;
    const absolute = join(root, ...stack);
    let isLink: boolean;
    try {
      isLink = (await lstat(absolute)).isSymbolicLink();
    } catch {
      // ENOENT/ENOTDIR: from here on the path does not exist, so the rest is lexical.
      missing = true;
      continue;
    }
    if (!isLink) continue;
    if (++hops > MAX_LINK_HOPS) return 'ok';
    const next = await readlink(absolute);
    if (posix.isAbsolute(next)) return 'escapes';
    stack.pop();
    queue.unshift(...next.split('/'));
  }
  return 'ok';
}
