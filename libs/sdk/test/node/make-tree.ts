import { chmod, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A file with content (string or bytes) and optional mode, or a symbolic link. */
export type TreeNode = string | Buffer | { content: string | Buffer; mode?: number; mtime?: Date } | { link: string } | { dir: true };

/** Paths (POSIX, relative) to nodes. Parent directories are created as needed. */
export type TreeSpec = Record<string, TreeNode>;

/**
 * Creates `spec` under `root` in the given key order (tests reverse it to prove order independence).
 */
export async function writeTree(root: string, spec: TreeSpec, order: string[] = Object.keys(spec)): Promise<void> {
  for (const path of order) {
    const node = spec[path] as TreeNode;
    const absolute = join(root, path);
    await mkdir(dirname(absolute), { recursive: true });
    if (typeof node === 'string' || Buffer.isBuffer(node)) {
      await writeFile(absolute, node);
    } else if ('link' in node) {
      await symlink(node.link, absolute);
    } else if ('dir' in node) {
      await mkdir(absolute, { recursive: true });
    } else {
      await writeFile(absolute, node.content);
      if (node.mode !== undefined) await chmod(absolute, node.mode);
      if (node.mtime !== undefined) await utimes(absolute, node.mtime, node.mtime);
    }
  }
}

/** A fresh temp directory; `cleanup` removes it. */
export async function tempDir(prefix = 'rig-bundle-'): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Creates a temp tree from `spec`. */
export async function makeTree(spec: TreeSpec): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const temp = await tempDir();
  await writeTree(temp.dir, spec);
  return temp;
}
