import { lstat, mkdir, readFile, readdir, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { assembleTree } from '../../src/deploy/assemble-tree.js';
import { BlobStore } from '../../src/deploy/blob-store.js';
import { BlobsMissingError, PayloadTooLargeError, UnsafeManifestError } from '../../src/deploy/deploy-errors.js';
import { validateManifest, type ManifestEntry } from '../../src/deploy/manifest.js';
import { TreeBases } from '../../src/deploy/tree-base.js';
import { damageSmallBlob, exists, fileEntry, isDirEmpty, listTree, sha256, tempDir } from './helpers.js';

let root: string;
let cleanup: () => Promise<void>;
let store: BlobStore;
let buildsDir: string;
let sentinel: string;
let buildDir: string;
let file: ManifestEntry;

beforeEach(async () => {
  ({ dir: root, cleanup } = await tempDir());
  store = await BlobStore.open(join(root, 'data', 'blobs'));
  // The build dir sits deep inside the data dir; the sentinel dir is what an escape would most likely hit.
  buildsDir = join(root, 'data', 'builds');
  sentinel = join(root, 'sentinel');
  await mkdir(sentinel);
  buildDir = join(buildsDir, 'dep-1');
  file = await fileEntry(store, 'index.js', 'console.log("hi")');
});
afterEach(() => cleanup());

describe('assembleTree', () => {
  it('materialises files, modes, nested dirs and in-tree links', async () => {
    const manifest: ManifestEntry[] = [
      file,
      await fileEntry(store, 'bin/run', '#!/bin/sh\necho run\n', 0o100755),
      await fileEntry(store, 'src/lib/util.js', 'module.exports = 1;'),
      await fileEntry(store, 'src/lib/copy.js', 'module.exports = 1;'), // same blob twice
      { path: 'main.js', type: 'symlink', target: 'index.js' },
      { path: 'lib', type: 'symlink', target: 'src/lib' },
      { path: 'src/lib/up.js', type: 'symlink', target: '../../index.js' },
      { path: 'later', type: 'symlink', target: 'dist/out.js' }, // dangling but inside: allowed
    ];
    const result = await assembleTree(store, manifest, buildDir);
    expect(result).toMatchObject({ buildDir, files: 4, links: 4 });
    expect(await readFile(join(buildDir, 'lib', 'util.js'), 'utf8')).toBe('module.exports = 1;');
    expect(await readFile(join(buildDir, 'src/lib/up.js'), 'utf8')).toBe('console.log("hi")');
    expect(await readlink(join(buildDir, 'main.js'))).toBe('index.js');
    expect((await stat(join(buildDir, 'bin/run'))).mode & 0o777).toBe(0o755);
    expect((await stat(join(buildDir, 'index.js'))).mode & 0o777).toBe(0o644);
    expect((await lstat(join(buildDir, 'later'))).isSymbolicLink()).toBe(true);
    expect(await listTree(buildsDir)).toEqual(expect.arrayContaining(['dep-1', 'dep-1/index.js']));
    expect((await listTree(buildsDir)).filter((p) => p.startsWith('.assemble-'))).toEqual([]);
  });

  const malicious: [string, string, () => ManifestEntry[]][] = [
    ['a ../ path', 'dot_segment', () => [file, { ...file, path: '../../sentinel/pwned.js' }]],
    ['a ../ segment in the middle', 'dot_segment', () => [{ ...file, path: 'a/../../sentinel/x' }]],
    ['an absolute path', 'absolute_path', () => [{ ...file, path: join(sentinel, 'pwned.js') }]],
    ['a backslash path', 'backslash', () => [{ ...file, path: '..\\..\\sentinel\\x' }]],
    ['a NUL byte', 'nul_byte', () => [{ ...file, path: 'a\0b' }]],
    ['an empty segment', 'empty_segment', () => [{ ...file, path: 'a//b' }]],
    ['a duplicate path', 'duplicate_path', () => [file, { ...file }]],
    ['a file under a file', 'path_conflict', () => [file, { ...file, path: 'index.js/x' }]],
    ['a link escaping lexically', 'escaping_link', () => [file, { path: 'out', type: 'symlink', target: '../../../sentinel' }]],
    ['an absolute link', 'absolute_link', () => [file, { path: 'out', type: 'symlink', target: sentinel }]],
    [
      'a link escaping through another link',
      'escaping_link',
      () => [file, { path: 'here', type: 'symlink', target: '.' }, { path: 'out', type: 'symlink', target: 'here/../../../sentinel' }],
    ],
    [
      'a link that escapes only physically',
      'escaping_link',
      // Lexically d1/d2/c/../../../sentinel is `sentinel`, inside the tree. Physically c -> ../.. is the tree's
      // root, so three `..` climb out of it: from <data>/builds/<staging>, that is exactly the sentinel dir.
      () => [file, { path: 'd1/d2/c', type: 'symlink', target: '../..' }, { path: 'd1/d2/k', type: 'symlink', target: 'c/../../../sentinel' }],
    ],
    ['link-then-traverse', 'traverses_symlink', () => [{ path: 'lib', type: 'symlink', target: 'src' }, { ...file, path: 'lib/pwned.js' }]],
    ['a link loop', 'link_loop', () => [{ path: 'a', type: 'symlink', target: 'b' }, { path: 'b', type: 'symlink', target: 'a' }]],
    ['a device entry', 'unsupported_type', () => [file, { ...file, path: 'dev', type: 'char-device' }]],
    ['a device by mode bits', 'unsupported_type', () => [file, { ...file, path: 'dev', mode: 0o020644 }]],
    ['a FIFO entry', 'unsupported_type', () => [{ ...file, path: 'pipe', type: 'fifo' }]],
    ['a size that disagrees with the blob', 'size_mismatch', () => [{ ...file, size: 3 }]],
    ['an oversized entry', 'entry_too_large', () => [{ ...file, size: 300 * 1024 * 1024 }]],
    ['a malformed digest', 'invalid_digest', () => [{ ...file, sha256: '../../../etc/passwd' }]],
  ];

  it.each(malicious)('rejects %s (reason %s) and writes nothing anywhere', async (_what, reason, manifest) => {
    const error = await assembleTree(store, manifest(), buildDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeManifestError);
    expect(error).toMatchObject({ status: 400, code: 'bad_request', reason, details: { reason } });
    expect(await isDirEmpty(sentinel)).toBe(true);
    expect(await exists(buildDir)).toBe(false);
    expect(await exists(join(root, 'pwned.js'))).toBe(false);
    expect((await exists(buildsDir)) ? await listTree(buildsDir) : []).toEqual([]);
  });

  it('names the missing blobs and writes nothing', async () => {
    const missing = { path: 'gone.js', sha256: sha256('never uploaded'), size: 14, mode: 0o644 };
    const error = await assembleTree(store, [file, missing], buildDir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BlobsMissingError);
    expect(error).toMatchObject({ status: 409, code: 'blobs_missing', missing: [sha256('never uploaded')] });
    expect(await exists(buildDir)).toBe(false);
  });

  it('re-hashes while copying: a damaged blob in the store is a digest mismatch, not a silent corruption', async () => {
    damageSmallBlob(store.root, file.sha256 as string, 'console.log("XX")'); // same size, other bytes
    const error = await assembleTree(store, [file], buildDir).catch((e: unknown) => e);
    expect(error).toMatchObject({ reason: 'digest_mismatch', path: 'index.js' });
    expect(await exists(buildDir)).toBe(false);
    expect(await listTree(buildsDir)).toEqual([]);
  });

  it('refuses manifests too large as a whole, and an existing build dir', async () => {
    expect(() => validateManifest([file, file], { maxEntries: 1, maxEntryBytes: 10, maxTotalBytes: 10, maxPathBytes: 10 })).toThrow(PayloadTooLargeError);
    await mkdir(buildDir, { recursive: true });
    await expect(assembleTree(store, [file], buildDir)).rejects.toThrow(/already exists/);
  });
});

describe('assembleTree from a base (the spare copy of the previous tree, ADR 0011)', () => {
  async function baseOf(manifest: ManifestEntry[]) {
    const bases = new TreeBases(join(buildsDir, '.bases'));
    bases.prepare('app_1', store, manifest);
    const base = await bases.take('app_1');
    expect(base).toBeDefined();
    return base;
  }

  it('copies only what changed and yields the same tree a full assembly would', async () => {
    const v1: ManifestEntry[] = [
      file,
      await fileEntry(store, 'src/a.js', 'a1'),
      await fileEntry(store, 'src/b.js', 'b1'),
      await fileEntry(store, 'old/gone.js', 'gone'),
      await fileEntry(store, 'bin/run', 'run', 0o644),
      await fileEntry(store, 'shape', 'a file that becomes a directory'),
    ];
    const base = await baseOf(v1);
    const v2: ManifestEntry[] = [
      file,
      await fileEntry(store, 'src/a.js', 'a2'), // changed bytes
      await fileEntry(store, 'src/b.js', 'b1'), // unchanged
      await fileEntry(store, 'bin/run', 'run', 0o755), // mode only
      await fileEntry(store, 'shape/inner.js', 'now a directory'),
      await fileEntry(store, 'new/deep/c.js', 'c'),
      { path: 'link.js', type: 'symlink', target: 'src/b.js' },
    ];
    const result = await assembleTree(store, v2, buildDir, { base });
    expect(result).toMatchObject({ files: 6, links: 1, copied: 3 });
    const full = join(buildsDir, 'full');
    await assembleTree(store, v2, full);
    expect(await listTree(buildDir)).toEqual(await listTree(full));
    for (const path of ['index.js', 'src/a.js', 'src/b.js', 'bin/run', 'shape/inner.js', 'new/deep/c.js', 'link.js']) {
      expect(await readFile(join(buildDir, path), 'utf8')).toBe(await readFile(join(full, path), 'utf8'));
      expect((await stat(join(buildDir, path))).mode & 0o777).toBe((await stat(join(full, path))).mode & 0o777);
    }
    expect(await exists(join(buildDir, 'old'))).toBe(false);
    expect(await exists(base?.dir as string)).toBe(false); // consumed
  });

  it('a base file written to after it was made is not trusted: it is copied again from the store', async () => {
    const data = await fileEntry(store, 'data.json', '{"n":1}');
    const base = await baseOf([file, data]);
    await writeFile(join(base?.dir as string, 'data.json'), '{"n":2}'); // same size, other bytes
    const result = await assembleTree(store, [file, data], buildDir, { base });
    expect(result.copied).toBe(1);
    expect(await readFile(join(buildDir, 'data.json'), 'utf8')).toBe('{"n":1}');
  });

  it('a base that cannot serve (a directory became a link) is dropped and the tree is assembled in full', async () => {
    const nested = await fileEntry(store, 'dir/x.js', 'x');
    const base = await baseOf([file, nested, await fileEntry(store, 'dir/old.js', 'old')]);
    const dir = join(base?.dir as string, 'dir');
    await rm(dir, { recursive: true });
    await writeFile(join(sentinel, 'old.js'), 'not to be touched');
    await symlink(sentinel, dir); // would lead a removal or a write outside the tree
    const result = await assembleTree(store, [file, nested, await fileEntry(store, 'dir/y.js', 'y')], buildDir, { base });
    expect(result.copied).toBe(3);
    expect((await lstat(join(buildDir, 'dir'))).isDirectory()).toBe(true);
    expect(await readdir(sentinel)).toEqual(['old.js']);
  });
});
