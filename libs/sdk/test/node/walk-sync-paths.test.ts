import { createHash, randomBytes } from 'node:crypto';
import { lstatSync, readFileSync, readlinkSync } from 'node:fs';
import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sortByPath } from '../../src/node/manifest-digest.js';
import { comparePaths, walkSourceTree, type ManifestEntry } from '../../src/node/index.js';
import { makeTree, tempDir, type TreeSpec } from './make-tree.js';

// The walk reads directories and hashes small files with synchronous calls in time slices, checks secret-like
// names without a promise per file, skips the cache's lstat for paths the cache has never seen and stops reading
// a small file at the size its fstat gave. These tests hold it to what an independent, plain reading of the same
// tree says, at the edges those shortcuts have: the 256 KiB boundary of the synchronous path, empty files, names
// whose byte order differs from their UTF-16 order, content-checked config files, links and excluded paths.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const KiB = 1024;
const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

async function tree(spec: TreeSpec): Promise<string> {
  const t = await makeTree(spec);
  cleanups.push(t.cleanup);
  return t.dir;
}

/** The manifest entry of `path` as read directly from disk, without any of the walk's code. */
function readEntry(root: string, path: string): ManifestEntry {
  const absolute = join(root, path);
  const stat = lstatSync(absolute);
  if (stat.isSymbolicLink()) {
    const target = readlinkSync(absolute);
    return { path, type: 'symlink', target, sha256: sha(Buffer.from(target)), size: Buffer.byteLength(target), mode: 0o777 };
  }
  const bytes = readFileSync(absolute);
  return { path, type: 'file', sha256: sha(bytes), size: bytes.length, mode: (stat.mode & 0o111) !== 0 ? 0o755 : 0o644 };
}

describe('walkSourceTree on its synchronous paths', () => {
  it('gives exactly the manifest and exclusions a plain reading of the tree gives', async () => {
    const sizes = [0, 1, 4 * KiB, 64 * KiB, 256 * KiB - 1, 256 * KiB, 256 * KiB + 1, 300 * KiB];
    const spec: TreeSpec = {
      '.gitignore': 'dist/\n*.log\n',
      '.rigignore': '!keep.log\n!deploy/.env.ci\n',
      'server.js': 'require("http")',
      'run.sh': { content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      'a-b': 'dash',
      'a.b': 'dot',
      'a/b': 'slash: after a-b and a.b in byte order, though the walk reads directory a first',
      'a0/x': 'digit',
      'deep/er/and/deeper/still.js': 'nested',
      'deep/er/.gitignore': '*.tmp\n',
      'deep/er/scratch.tmp': 'ignored by a nested .gitignore',
      'deep/other.tmp': 'not ignored: the nested rule is anchored below deep/er',
      'names/é.txt': 'accent',
      'names/\uffff.txt': 'U+FFFF',
      'names/😀.txt': 'astral',
      'dist/bundle.js': 'ignored directory',
      'debug.log': 'ignored',
      'keep.log': 're-included by .rigignore',
      'node_modules/left-pad/index.js': 'builtin exclude',
      '.env': 'SECRET=1',
      'deploy/.env.ci': 'named by a .rigignore !pattern: uploaded',
      '.npmrc': '//registry.npmjs.org/:_authToken=abc\n',
      'pkg/.npmrc': 'registry=https://registry.npmjs.org/\n',
      'certs/server.pem': '-----BEGIN PRIVATE KEY-----',
      'links/to-server': { link: '../server.js' },
      'links/npmrc': { link: '../.npmrc' },
      'links/.npmrc': { link: '../pkg/.npmrc' },
      'links/dangling': { link: '../nowhere/at/all' },
      'empty-dir': { dir: true },
    };
    for (const size of sizes) spec[`sizes/${size}.bin`] = randomBytes(size);
    const dir = await tree(spec);

    const excluded = ['.env', '.npmrc', 'certs/server.pem', 'debug.log', 'deep/er/scratch.tmp', 'dist', 'node_modules'];
    const expectedPaths = Object.keys(spec)
      .filter((path) => !('dir' in Object(spec[path])))
      .filter((path) => !excluded.some((ex) => path === ex || path.startsWith(`${ex}/`)))
      .sort(byBytes);

    for (const options of [{ hashCache: false as const }, { concurrency: 1, hashCache: false as const }]) {
      const walked = await walkSourceTree(dir, options);
      expect(walked.files.map((f) => f.path)).toEqual(expectedPaths);
      expect(walked.files).toEqual(expectedPaths.map((path) => readEntry(dir, path)));
      expect(walked.excluded.map(({ path, kind, reason }) => ({ path, kind, reason }))).toEqual([
        { path: '.env', kind: 'secret-like', reason: 'secret-like: environment file' },
        { path: '.npmrc', kind: 'secret-like', reason: 'secret-like: package registry credentials' },
        { path: 'certs/server.pem', kind: 'secret-like', reason: 'secret-like: private key' },
        { path: 'debug.log', kind: 'gitignore', reason: 'gitignore: .gitignore:2' },
        { path: 'deep/er/scratch.tmp', kind: 'gitignore', reason: 'gitignore: deep/er/.gitignore:1' },
        { path: 'dist', kind: 'gitignore', reason: 'gitignore: .gitignore:1' },
        { path: 'node_modules', kind: 'builtin', reason: 'builtin: node_modules' },
      ]);
      expect(walked.warnings).toEqual([]);
    }
  });

  it('records the stamp of every file a cold walk hashes, so the next walk reads none of them', async () => {
    const spec: TreeSpec = { 'big.bin': randomBytes(300 * KiB) };
    for (let i = 0; i < 20; i++) spec[`src/f${i}.js`] = `export const v = ${i};\n`;
    const dir = await tree(spec);
    const cache = await tempDir('rig-hash-cache-');
    cleanups.push(cache.cleanup);
    await new Promise((resolve) => setTimeout(resolve, 150)); // past the racily-clean margin

    const first = await walkSourceTree(dir, { hashCache: cache.dir });
    const cacheFile = join(cache.dir, (await readdir(cache.dir))[0] as string);
    const rows = JSON.parse(await readFile(cacheFile, 'utf8')).files as Record<string, string[]>;
    expect(Object.keys(rows).sort(comparePaths)).toEqual(first.files.map((f) => f.path));
    for (const entry of first.files) {
      const stat = lstatSync(join(dir, entry.path), { bigint: true });
      const stamp = [stat.size, stat.mtimeNs, stat.ctimeNs, stat.ino, stat.dev].map(String);
      expect(rows[entry.path]).toEqual([...stamp, entry.sha256]);
    }

    // Plant digests no file has: a walk that took every file from the cache reports them all.
    const planted = Object.fromEntries(Object.entries(rows).map(([path, row]) => [path, [...row.slice(0, 5), sha(path)]]));
    const document = JSON.parse(await readFile(cacheFile, 'utf8'));
    await writeFile(cacheFile, JSON.stringify({ ...document, files: planted }));
    const second = await walkSourceTree(dir, { hashCache: cache.dir });
    expect(second.files.map((f) => [f.path, f.sha256, f.size])).toEqual(first.files.map((f) => [f.path, sha(f.path), f.size]));
  });
});

describe('sortByPath', () => {
  it('orders exactly as sorting with comparePaths, with and without characters beyond U+FFFF', () => {
    const alphabet = ['a', 'b', '-', '.', '/', '0', 'é', '\uffff', '\ue000', '😀', '𝄞'];
    const random = (astral: boolean) =>
      Array.from({ length: 1 + Math.floor(Math.random() * 6) }, () => {
        const pool = astral ? alphabet : alphabet.filter((c) => c.length === 1);
        return pool[Math.floor(Math.random() * pool.length)];
      }).join('');
    for (const astral of [false, true]) {
      for (let round = 0; round < 20; round++) {
        const paths = Array.from({ length: 200 }, () => random(astral));
        const items = paths.map((path) => ({ path }));
        expect(sortByPath(items, (e) => e.path).map((e) => e.path)).toEqual([...paths].sort(comparePaths));
        expect([...paths].sort(comparePaths)).toEqual([...paths].sort(byBytes));
      }
    }
  });
});
