import { createHash } from 'node:crypto';
import { chmod, readFile, readdir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultHashCacheDir } from '../../src/node/hash-cache.js';
import { walkSourceTree } from '../../src/node/index.js';
import { makeTree, tempDir } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
/** Files changed within 100 ms of their hashing are never cached (racily clean): let the clock move on. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function setup(spec: Record<string, string>) {
  const tree = await makeTree(spec);
  const cache = await tempDir('rig-hash-cache-');
  cleanups.push(tree.cleanup, cache.cleanup);
  await settle();
  const walk = () => walkSourceTree(tree.dir, { hashCache: cache.dir });
  const cacheFile = async () => join(cache.dir, (await readdir(cache.dir))[0] as string);
  const cached = async (): Promise<Record<string, string[]>> => JSON.parse(await readFile(await cacheFile(), 'utf8')).files;
  const digestOf = async (path: string) => (await walk()).files.find((f) => f.path === path)?.sha256;
  return { dir: tree.dir, walk, cacheFile, cached, digestOf };
}

describe('hash cache (path + size + mtime + ctime + inode + device)', () => {
  it('a second walk takes unchanged files from the cache instead of reading them', async () => {
    const t = await setup({ 'a.js': 'one', 'b.js': 'two' });
    expect((await t.walk()).files.map((f) => f.sha256)).toEqual([sha('one'), sha('two')]);
    // Plant a digest the bytes do not have: if the walk reads the cache, it reports it (nothing re-read a.js).
    const file = await t.cacheFile();
    const doc = JSON.parse(await readFile(file, 'utf8'));
    doc.files['a.js'][5] = 'f'.repeat(64);
    await writeFile(file, JSON.stringify(doc));
    expect(await t.digestOf('a.js')).toBe('f'.repeat(64));
    expect(await t.digestOf('b.js')).toBe(sha('two'));
  });

  it('re-hashes a file whose bytes changed, even with the same size and its mtime put back', async () => {
    const t = await setup({ 'a.js': 'one' });
    await t.walk();
    const before = await stat(join(t.dir, 'a.js'));
    await writeFile(join(t.dir, 'a.js'), 'ONE');
    await utimes(join(t.dir, 'a.js'), before.atime, before.mtime); // mtime as it was; ctime cannot be put back
    expect(await t.digestOf('a.js')).toBe(sha('ONE'));
  });

  it('re-hashes on a new inode (file replaced by rename) and follows a chmod', async () => {
    const t = await setup({ 'a.sh': 'echo hi', 'other.sh': 'echo other' });
    await t.walk();
    await writeFile(join(t.dir, 'tmp'), 'echo bye');
    await rename(join(t.dir, 'tmp'), join(t.dir, 'a.sh'));
    await chmod(join(t.dir, 'other.sh'), 0o755);
    const files = (await t.walk()).files;
    expect(files.find((f) => f.path === 'a.sh')?.sha256).toBe(sha('echo bye'));
    expect(files.find((f) => f.path === 'other.sh')?.mode).toBe(0o755);
  });

  it('does not cache a file changed right before it was hashed (racily clean), and drops paths that are gone', async () => {
    const t = await setup({ 'old.js': 'old', 'keep.js': 'keep' });
    await t.walk();
    expect(Object.keys(await t.cached()).sort()).toEqual(['keep.js', 'old.js']);
    await writeFile(join(t.dir, 'fresh.js'), 'fresh');
    await rm(join(t.dir, 'old.js'));
    await t.walk();
    expect(Object.keys(await t.cached()).sort()).toEqual(['keep.js']);
  });

  it('ignores a damaged or foreign cache file and replaces it', async () => {
    const t = await setup({ 'a.js': 'one' });
    await t.walk();
    const file = await t.cacheFile();
    await writeFile(file, '{ not json');
    expect(await t.digestOf('a.js')).toBe(sha('one'));
    const doc = JSON.parse(await readFile(file, 'utf8'));
    expect(doc.format).toBe('rig-hash-cache/1');
    await writeFile(file, JSON.stringify({ ...doc, root: '/somewhere/else', files: { 'a.js': [...doc.files['a.js'].slice(0, 5), 'f'.repeat(64)] } }));
    expect(await t.digestOf('a.js')).toBe(sha('one'));
  });

  it('hashCache: false reads every file and writes no cache; the default lives in the user cache dir', async () => {
    const tree = await makeTree({ 'a.js': 'one' });
    const cache = await tempDir('rig-hash-cache-');
    cleanups.push(tree.cleanup, cache.cleanup);
    await walkSourceTree(tree.dir, { hashCache: false });
    expect(await readdir(cache.dir)).toEqual([]);
    expect(defaultHashCacheDir({ RIG_CACHE_DIR: '/c' })).toBe('/c/hash-cache');
    expect(defaultHashCacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/rig/hash-cache');
  });
});
