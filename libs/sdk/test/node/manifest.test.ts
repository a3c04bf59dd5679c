import { createHash, randomBytes } from 'node:crypto';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { comparePaths, manifestDigest, serializeManifest, summarizeBundle, walkSourceTree, type ManifestEntry } from '../../src/node/index.js';
import { tempDir, writeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function dirWith(spec: TreeSpec, order?: string[]): Promise<string> {
  const t = await tempDir();
  cleanups.push(t.cleanup);
  await writeTree(t.dir, spec, order);
  return t.dir;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

describe('manifest', () => {
  it('is identical for the same tree created in a different order, with different mtimes and permissions', async () => {
    const big = randomBytes(300 * 1024); // above the small-file threshold: hashed in several reads
    const spec: TreeSpec = {
      'b.txt': 'b',
      'a/z.txt': 'z',
      'a/é.txt': 'accent',
      'a/😀.txt': 'astral: UTF-16 order differs from UTF-8 byte order here',
      'a/\uffff.txt': 'U+FFFF',
      'big.bin': big,
      'run.sh': { content: '#!/bin/sh\n', mode: 0o755 },
      link: { link: 'b.txt' },
      'empty.txt': '',
    };
    const first = await dirWith(spec);
    const keys = Object.keys(spec).reverse();
    const second = await dirWith(
      Object.fromEntries(
        Object.entries(spec).map(([k, v]) => [k, typeof v === 'string' || Buffer.isBuffer(v) ? { content: v, mtime: new Date(2001, 1, 1) } : v]),
      ),
      keys,
    );
    // Permission bits other than the exec bit must not matter either.
    await chmod(join(second, 'b.txt'), 0o600);
    await chmod(join(second, 'run.sh'), 0o700);

    const [a, b] = await Promise.all([walkSourceTree(first, { concurrency: 1 }), walkSourceTree(second, { concurrency: 16 })]);
    expect(b.files).toEqual(a.files);
    expect(b.digest).toBe(a.digest);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    // Sorted by UTF-8 bytes: U+FFFF (EF BF BF) sorts before the astral emoji (F0 9F …), unlike UTF-16 order.
    expect(a.files.map((f) => f.path)).toEqual(['a/z.txt', 'a/é.txt', 'a/\uffff.txt', 'a/😀.txt', 'b.txt', 'big.bin', 'empty.txt', 'link', 'run.sh']);
    expect(a.files.find((f) => f.path === 'big.bin')).toEqual({ path: 'big.bin', type: 'file', sha256: sha(big), size: big.length, mode: 0o644 });
    expect(a.files.find((f) => f.path === 'empty.txt')).toMatchObject({ sha256: sha(''), size: 0 });
  });

  it('normalises modes to 0644 or 0755 from any exec bit', async () => {
    const dir = await dirWith({
      'plain.txt': { content: 'x', mode: 0o640 },
      'owner-exec': { content: 'x', mode: 0o700 },
      'group-exec': { content: 'x', mode: 0o614 },
      'other-exec': { content: 'x', mode: 0o601 },
      'readonly.txt': { content: 'x', mode: 0o444 },
    });
    const modes = Object.fromEntries((await walkSourceTree(dir)).files.map((f) => [f.path, f.mode]));
    expect(modes).toEqual({ 'group-exec': 0o755, 'other-exec': 0o755, 'owner-exec': 0o755, 'plain.txt': 0o644, 'readonly.txt': 0o644 });
  });

  it('changes the digest when a byte, an exec bit, a name or a link target changes', async () => {
    const base: TreeSpec = { 'a.txt': 'hello', 'run.sh': { content: 'x', mode: 0o644 }, l: { link: 'a.txt' } };
    const digestOf = async (spec: TreeSpec) => (await walkSourceTree(await dirWith(spec))).digest;
    const original = await digestOf(base);
    const variants = await Promise.all([
      digestOf({ ...base, 'a.txt': 'hellp' }),
      digestOf({ ...base, 'run.sh': { content: 'x', mode: 0o755 } }),
      digestOf({ 'b.txt': 'hello', 'run.sh': { content: 'x', mode: 0o644 }, l: { link: 'b.txt' } }),
      digestOf({ ...base, l: { link: './a.txt' } }),
    ]);
    expect(new Set([original, ...variants]).size).toBe(5);
  });

  it('serialises canonically, one JSON line per entry whatever the input order, and hashes that text', () => {
    const entries: ManifestEntry[] = [
      { path: 'z\nnewline', type: 'file', sha256: sha('1'), size: 1, mode: 0o755 },
      { path: 'a', type: 'symlink', target: 'z\nnewline', sha256: sha('z\nnewline'), size: 9, mode: 0o777 },
    ];
    const text = serializeManifest(entries);
    expect(text).toBe(
      `rig-manifest-v1\n["a","symlink",511,9,"${sha('z\nnewline')}","z\\nnewline"]\n["z\\nnewline","file",493,1,"${sha('1')}",null]\n`,
    );
    expect(serializeManifest([...entries].reverse())).toBe(text);
    expect(manifestDigest(entries)).toBe(sha(text));
  });
});

describe('walkSourceTree cancellation', () => {
  it('stops when its signal is aborted', async () => {
    const dir = await dirWith({ 'a.txt': 'x' });
    const controller = new AbortController();
    controller.abort(new Error('user pressed Ctrl-C'));
    await expect(walkSourceTree(dir, { signal: controller.signal })).rejects.toThrow('user pressed Ctrl-C');
  });
});

describe('summarizeBundle', () => {
  it('counts, ranks the largest files and groups exclusions by reason', async () => {
    const dir = await dirWith({
      '.gitignore': 'dist/\n*.log\n',
      'small.txt': 'x',
      'mid.txt': 'x'.repeat(100),
      'copy.txt': 'x'.repeat(100),
      'large.bin': 'x'.repeat(1000),
      'a.log': 'x',
      'b.log': 'x',
      'dist/x.js': 'x',
      '.env': 'SECRET=1',
      'node_modules/m/i.js': 'x',
      link: { link: 'small.txt' },
    });
    const summary = summarizeBundle(await walkSourceTree(dir), { largest: 3 });
    expect(summary).toMatchObject({
      fileCount: 5,
      symlinkCount: 1,
      totalBytes: 1 + 100 + 100 + 1000 + 'dist/\n*.log\n'.length, // the last term is .gitignore
      uniqueBlobs: 4,
      largest: [
        { path: 'large.bin', size: 1000 },
        { path: 'copy.txt', size: 100 },
        { path: 'mid.txt', size: 100 },
      ],
      excludedCount: 5,
      secretLike: ['.env'],
      warnings: [],
    });
    expect(summary.excluded).toEqual([
      { kind: 'secret-like', reason: 'secret-like: environment file', paths: ['.env'] },
      { kind: 'builtin', reason: 'builtin: node_modules', pattern: 'node_modules', paths: ['node_modules'] },
      { kind: 'gitignore', reason: 'gitignore: .gitignore:1', pattern: 'dist/', paths: ['dist'] },
      { kind: 'gitignore', reason: 'gitignore: .gitignore:2', pattern: '*.log', paths: ['a.log', 'b.log'] },
    ]);
  });
});

describe('comparePaths', () => {
  it('orders like the UTF-8 bytes, for ASCII, the top of the BMP and characters beyond it alike', () => {
    const alphabet = ['a', 'B', '/', '.', '-', 'é', '\u00ff', '\u0800', '\ud7ff', '\ue000', '\uffff', '😀', '\u{10000}', '\u{10ffff}'];
    let seed = 7;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const word = (): string => Array.from({ length: 1 + Math.floor(random() * 4) }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    for (let i = 0; i < 5000; i++) {
      const a = word();
      const b = random() < 0.2 ? a : word();
      expect(Math.sign(comparePaths(a, b)), `${a} vs ${b}`).toBe(Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))));
    }
  });
});
