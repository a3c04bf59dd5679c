import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { MaxBundleError, walkSourceTree } from '../../src/node/index.js';
import { isMaxError } from '../../src/errors/max-error.js';
import { makeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

async function tree(spec: TreeSpec): Promise<string> {
  const t = await makeTree(spec);
  cleanups.push(t.cleanup);
  return t.dir;
}

async function walkError(dir: string): Promise<MaxBundleError> {
  const error: unknown = await walkSourceTree(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MaxBundleError);
  return error as MaxBundleError;
}

describe('symbolic links', () => {
  it('keeps links inside the tree as links, without following them', async () => {
    const dir = await tree({
      'releases/v2/server.js': 'x',
      current: { link: 'releases/v2' },
      'bin/tool': { link: '../scripts/tool.sh' },
      'scripts/tool.sh': { content: '#!/bin/sh\n', mode: 0o755 },
      'alias': { link: 'bin/tool' },
      'later': { link: 'dist/server.js' },
    });
    const { files } = await walkSourceTree(dir);
    expect(files.map((f) => [f.path, f.type])).toEqual([
      ['alias', 'symlink'],
      ['bin/tool', 'symlink'],
      ['current', 'symlink'],
      ['later', 'symlink'],
      ['releases/v2/server.js', 'file'],
      ['scripts/tool.sh', 'file'],
    ]);
    expect(files.find((f) => f.path === 'current')).toEqual({
      path: 'current',
      type: 'symlink',
      target: 'releases/v2',
      sha256: createHash('sha256').update('releases/v2').digest('hex'),
      size: 'releases/v2'.length,
      mode: 0o777,
    });
  });

  it.each([
    ['a relative link leaving the tree', { esc: { link: '../outside.txt' } }, 'esc', /outside the app directory/],
    ['a dangling link that would leave the tree', { 'sub/gone': { link: '../../../nope' } }, 'sub/gone', /outside/],
    ['an absolute link', { etc: { link: '/etc/passwd' } }, 'etc', /absolute path \/etc\/passwd/],
    [
      'a link that is inside lexically but escapes through another link',
      { 'a/b/toroot': { link: '../..' }, 'a/b/x': 'x', esc: { link: 'a/b/toroot/../x' } },
      'esc',
      /outside/,
    ],
  ] as [string, TreeSpec, string, RegExp][])('refuses %s with a typed error naming the path', async (_name, spec, path, message) => {
    const error = await walkError(await tree({ 'app.js': 'x', ...spec }));
    expect(error.code).toBe('symlink_escape');
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toMatch(message);
    expect(isMaxError(error)).toBe(true);
  });

  it('refuses an absolute link even when it points inside the tree today', async () => {
    const dir = await tree({ 'a.txt': 'x' });
    execFileSync('ln', ['-s', join(dir, 'a.txt'), join(dir, 'abs')]);
    expect((await walkError(dir)).path).toBe('abs');
  });

  it('does not judge links that the ignore rules exclude', async () => {
    const dir = await tree({ '.gitignore': 'cache\n', cache: { link: '/var/cache' }, 'app.js': 'x' });
    const { files, excluded } = await walkSourceTree(dir);
    expect(files.map((f) => f.path)).toEqual(['.gitignore', 'app.js']);
    expect(excluded).toEqual([
      { path: 'cache', type: 'symlink', kind: 'gitignore', reason: 'gitignore: .gitignore:1', pattern: 'cache' },
    ]);
  });

  it('walks a root that is itself a link, judging links against the real directory', async () => {
    const dir = await tree({ 'real/app.js': 'x', 'real/lib': { link: 'app.js' }, entry: { link: 'real' } });
    const result = await walkSourceTree(join(dir, 'entry'));
    expect(result.root).toBe(join(dir, 'real'));
    expect(result.files.map((f) => f.path)).toEqual(['app.js', 'lib']);
  });
});

describe('special and unreadable files', () => {
  it('skips FIFOs and sockets with a warning', async () => {
    const dir = await tree({ 'app.js': 'x', 'run/.keep': '' });
    execFileSync('mkfifo', [join(dir, 'run/pipe')]);
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(join(dir, 'run/app.sock'), resolve));
    try {
      const { files, warnings } = await walkSourceTree(dir);
      expect(files.map((f) => f.path)).toEqual(['app.js', 'run/.keep']);
      expect(warnings).toEqual([
        { path: 'run/app.sock', code: 'special_file', message: 'skipped socket (only files and links are uploaded)' },
        { path: 'run/pipe', code: 'special_file', message: 'skipped FIFO (only files and links are uploaded)' },
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('does not warn about special files that are ignored anyway', async () => {
    const dir = await tree({ '.gitignore': '*.pipe\n' });
    execFileSync('mkfifo', [join(dir, 'x.pipe')]);
    const { warnings, excluded } = await walkSourceTree(dir);
    expect(warnings).toEqual([]);
    expect(excluded.map((e) => e.path)).toEqual(['x.pipe']);
  });

  it('fails with a clear error naming an unreadable file or directory', async () => {
    const dir = await tree({ 'app.js': 'x', 'locked.txt': 'secret', 'closed/inner.txt': 'x' });
    await chmod(dir, 0o755);
    await chmod(join(dir, 'locked.txt'), 0o000);
    const fileError = await unreadableErrorFor(dir);
    expect(fileError).toEqual({ name: 'MaxBundleError', code: 'unreadable', path: 'locked.txt', message: 'Cannot read locked.txt: EACCES (open)' });

    await chmod(join(dir, 'locked.txt'), 0o644);
    await chmod(join(dir, 'closed'), 0o000);
    const dirError = await unreadableErrorFor(dir);
    expect(dirError).toEqual({ name: 'MaxBundleError', code: 'unreadable', path: 'closed', message: 'Cannot read directory closed: EACCES (scandir)' });
  });

  it('fails when the root is not a directory', async () => {
    const dir = await tree({ 'file.txt': 'x' });
    for (const root of [join(dir, 'file.txt'), join(dir, 'missing')]) {
      const error = await walkError(root);
      expect(error.code).toBe('not_a_directory');
      expect(error.path).toBe('.');
    }
  });
});

/**
 * Permission bits do not stop root, and these tests may run as root (containers). Then the walk runs in a child
 * process as `nobody`, so the kernel really refuses the read either way.
 */
async function unreadableErrorFor(dir: string): Promise<Record<string, string>> {
  const entry = fileURLToPath(new URL('../../src/node/index.ts', import.meta.url));
  if (process.getuid?.() !== 0) {
    const error = await walkError(dir);
    return { name: error.name, code: error.code, path: error.path, message: error.message };
  }
  const scriptDir = await mkdtemp(join(tmpdir(), 'rig-bundle-runner-'));
  await chmod(scriptDir, 0o755);
  cleanups.push(() => rm(scriptDir, { recursive: true, force: true }));
  const script = join(scriptDir, 'walk.mts');
  await writeFile(
    script,
    `import { walkSourceTree } from ${JSON.stringify(entry)};
try { await walkSourceTree(${JSON.stringify(dir)}); console.log('{}'); }
catch (e) { console.log(JSON.stringify({ name: e.name, code: e.code, path: e.path, message: e.message })); }\n`,
    { mode: 0o644 },
  );
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  const result = spawnSync(process.execPath, ['--import', tsx, script], {
    uid: 65534,
    gid: 65534,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: scriptDir },
  });
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, string>;
}
