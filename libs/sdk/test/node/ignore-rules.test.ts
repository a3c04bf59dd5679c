import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { walkSourceTree } from '../../src/node/index.js';
import { makeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function walk(spec: TreeSpec, options?: Parameters<typeof walkSourceTree>[1]) {
  const tree = await makeTree(spec);
  cleanups.push(tree.cleanup);
  const result = await walkSourceTree(tree.dir, options);
  return { ...result, dir: tree.dir, paths: result.files.map((f) => f.path) };
}

/** A tree exercising git's semantics: nested files, negation, anchoring, directory-only and `**` patterns. */
const GIT_SEMANTICS_TREE: TreeSpec = {
  '.gitignore': ['# comment', '*.log', '!keep.log', '/root-only.txt', 'build/', 'docs/*.tmp', 'trailing-space.txt   ', '\\#hash.txt', 'excluded-dir/', ''].join('\n'),
  'app.js': 'x',
  'a.log': 'x',
  'keep.log': 'x',
  'root-only.txt': 'x',
  '#hash.txt': 'x',
  'trailing-space.txt': 'x',
  'build/out.js': 'x',
  'build.js': 'build is a file here, and `build/` only matches directories',
  'docs/a.tmp': 'x',
  'docs/deep/b.tmp': 'docs/*.tmp is anchored: it does not reach docs/deep',
  'sub/root-only.txt': '/root-only.txt is anchored to the root',
  'sub/x.log': 'x',
  'sub/.gitignore': ['!x.log', '/local.txt', 'gen/', '!build/', '*.tmp'].join('\n'),
  'sub/y.tmp': 'x',
  'sub/deeper/z.tmp': 'unanchored patterns of a nested file reach every depth below it',
  'sub/local.txt': 'x',
  'sub/deeper/local.txt': 'anchored to sub/, so sub/deeper/local.txt stays',
  'sub/gen/file.js': 'x',
  'sub/build/keep.js': 'sub/.gitignore re-includes build/ below sub',
  'other/x.log': 'x',
  'other/.gitignore': ['nested/**/*.js', '!important.log', ''].join('\n'),
  'other/nested/a/b/c.js': 'x',
  'other/nested/c.ts': 'x',
  'other/important.log': 'x',
  'lit[1].txt': 'brackets in names',
  'excluded-dir/.gitignore': '!*',
  'excluded-dir/inner.txt': 'cannot be re-included: its parent is excluded',
  'crlf/.gitignore': 'secret.txt\r\n# comment\r\n',
  'crlf/secret.txt': 'x',
  'crlf/keep-me.txt': 'x',
};

/** The oracle: the files git itself would consider (untracked, not ignored) in `dir`. */
function gitListFiles(dir: string): string[] {
  execFileSync('git', ['init', '-q', dir]);
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  return execFileSync('git', ['-C', dir, '-c', 'core.quotePath=false', 'ls-files', '--others', '--exclude-standard', '-z'], { env })
    .toString('utf8')
    .split('\0')
    .filter(Boolean)
    .sort();
}

describe('walkSourceTree ignore rules', () => {
  it('matches git itself on a tree of nested .gitignore files', async () => {
    const { paths, dir } = await walk(GIT_SEMANTICS_TREE);
    const gitFiles = gitListFiles(dir);
    expect(gitFiles.length).toBeGreaterThan(10);
    expect([...paths].sort()).toEqual(gitFiles);
    // And the expectations spelled out, so the test says what the semantics are even without git.
    expect(paths).toEqual(
      expect.arrayContaining([
        'app.js', 'keep.log', 'build.js', 'docs/deep/b.tmp', 'sub/root-only.txt', 'sub/x.log',
        'sub/deeper/local.txt', 'sub/build/keep.js', 'other/nested/c.ts', 'other/important.log', 'lit[1].txt',
        'crlf/keep-me.txt',
      ]),
    );
    for (const gone of ['a.log', 'root-only.txt', '#hash.txt', 'trailing-space.txt', 'build/out.js', 'docs/a.tmp',
      'sub/local.txt', 'sub/gen/file.js', 'sub/y.tmp', 'sub/deeper/z.tmp', 'other/x.log', 'other/nested/a/b/c.js', 'excluded-dir/inner.txt', 'crlf/secret.txt']) {
      expect(paths).not.toContain(gone);
    }
  });

  it('matches git on the allow-list idiom and ** patterns', async () => {
    const { paths, dir } = await walk({
      '.gitignore': ['/*', '!/src/', '!/package.json', '**/fixtures', 'src/**/gen/', 'src/vendor/**', '!src/vendor/keep/', '!src/vendor/keep/**', ''].join('\n'),
      'package.json': '{}',
      'README.md': 'excluded by /*',
      'scripts/x.sh': 'excluded by /*',
      'src/index.js': 'x',
      'src/fixtures/a.json': 'x',
      'src/lib/fixtures': 'a file named fixtures',
      'src/lib/gen/out.js': 'x',
      'src/gen/out.js': 'x',
      'src/vendor/a.js': 'x',
      'src/vendor/keep/b.js': 'x',
      'src/vendor/sub/c.js': 'x',
    });
    expect([...paths].sort()).toEqual(gitListFiles(dir));
    // `src/vendor/**` excludes the contents, not the directory, so `!src/vendor/keep/` can bring a subtree back.
    expect(paths).toEqual(['package.json', 'src/index.js', 'src/vendor/keep/b.js']);
  });

  it('says which file and line excluded each path, listing an excluded directory once', async () => {
    const { excluded } = await walk(GIT_SEMANTICS_TREE);
    const byPath = Object.fromEntries(excluded.map((e) => [e.path, e]));
    expect(byPath['a.log']).toMatchObject({ type: 'file', kind: 'gitignore', reason: 'gitignore: .gitignore:2', pattern: '*.log' });
    expect(byPath['build']).toMatchObject({ type: 'directory', kind: 'gitignore', reason: 'gitignore: .gitignore:5', pattern: 'build/' });
    expect(byPath['sub/gen']).toMatchObject({ type: 'directory', reason: 'gitignore: sub/.gitignore:3' });
    expect(byPath['other/nested/a/b/c.js']).toMatchObject({ reason: 'gitignore: other/.gitignore:1' });
    expect(byPath['crlf/secret.txt']).toMatchObject({ reason: 'gitignore: crlf/.gitignore:1', pattern: 'secret.txt' });
    expect(excluded.some((e) => e.path === 'build/out.js')).toBe(false);
    expect(excluded.map((e) => e.path)).toEqual([...excluded.map((e) => e.path)].sort());
  });

  it('lets .rigignore exclude more and re-include what .gitignore excluded, at any level', async () => {
    const { paths, excluded } = await walk({
      '.gitignore': 'dist/\n*.map\n*.log\n',
      '.rigignore': '!dist/\ntests/\n',
      'dist/app.js': 'x',
      'dist/app.js.map': 'still excluded: re-including dist/ does not undo *.map',
      'tests/a.test.js': 'x',
      'src/index.js': 'x',
      'src/debug.log': 'x',
      'src/.rigignore': '!debug.log\n',
      'lib/debug.log': 'src/.rigignore applies to src only',
    });
    expect(paths).toContain('dist/app.js');
    expect(paths).toContain('src/debug.log');
    expect(paths).not.toContain('dist/app.js.map');
    expect(paths).not.toContain('lib/debug.log');
    expect(paths).not.toContain('tests/a.test.js');
    expect(excluded.find((e) => e.path === 'tests')).toMatchObject({ kind: 'rigignore', reason: 'rigignore: .rigignore:2' });
    expect(excluded.find((e) => e.path === 'dist/app.js.map')).toMatchObject({ kind: 'gitignore' });
  });

  it('always skips .git and node_modules; only .rigignore can bring node_modules back, never .git', async () => {
    const base: TreeSpec = {
      '.git/config': '[remote]',
      '.git/HEAD': 'ref',
      'node_modules/dep/index.js': 'x',
      'packages/a/node_modules/dep/index.js': 'x',
      'packages/a/index.js': 'x',
      '.gitignore': '!node_modules/\n!.git/\n',
    };
    const first = await walk(base);
    expect(first.paths).toEqual(['.gitignore', 'packages/a/index.js']);
    expect(first.excluded).toEqual([
      { path: '.git', type: 'directory', kind: 'builtin', reason: 'builtin: .git' },
      { path: 'node_modules', type: 'directory', kind: 'builtin', reason: 'builtin: node_modules', pattern: 'node_modules' },
      { path: 'packages/a/node_modules', type: 'directory', kind: 'builtin', reason: 'builtin: node_modules', pattern: 'node_modules' },
    ]);
    const second = await walk({ ...base, '.rigignore': '!node_modules\n!.git\n' });
    expect(second.paths).toContain('node_modules/dep/index.js');
    expect(second.paths).toContain('packages/a/node_modules/dep/index.js');
    expect(second.paths.some((p) => p.startsWith('.git/'))).toBe(false);
  });

  it('can ignore .gitignore files entirely while keeping .rigignore and built-ins', async () => {
    const { paths } = await walk(
      { '.gitignore': 'dist/\n', '.rigignore': 'tmp/\n', 'dist/a.js': 'x', 'tmp/a': 'x', 'node_modules/x/i.js': 'x' },
      { gitignore: false },
    );
    expect(paths).toEqual(['.gitignore', '.rigignore', 'dist/a.js']);
  });

  it('is case-sensitive like git on Linux and escapes glob characters in directory names', async () => {
    const { paths } = await walk({
      '.gitignore': 'Build/\n',
      'build/a.js': 'x',
      'Build/b.js': 'x',
      'we*ird[1]/.gitignore': '/x.txt\n',
      'we*ird[1]/x.txt': 'x',
      'weXird1/x.txt': 'a sibling that the escaped prefix must not match',
    });
    expect(paths).toEqual(['.gitignore', 'build/a.js', 'we*ird[1]/.gitignore', 'weXird1/x.txt']);
  });
});
