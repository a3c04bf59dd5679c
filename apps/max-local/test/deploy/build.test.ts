import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { detectBuildPlan } from '../../src/deploy/build-plan.js';
import { runBuild } from '../../src/deploy/build-runner.js';
import { BuildFailedError, BuildPlanError, BuildTimeoutError, CancelledError } from '../../src/deploy/deploy-errors.js';
import { LineSplitter } from '../../src/deploy/line-splitter.js';
import type { OutputLine } from '../../src/deploy/process-group.js';
import { alive, tempDir, waitFor } from './helpers.js';

let dir: string;
let cleanup: () => Promise<void>;
beforeEach(async () => ({ dir, cleanup } = await tempDir()));
afterEach(() => cleanup());

const write = async (name: string, content: string | object): Promise<void> => {
  await mkdir(join(dir, name, '..'), { recursive: true });
  await writeFile(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
};

describe('detectBuildPlan', () => {
  it('prefers rig.json over package.json and Procfile', async () => {
    await write('rig.json', { build: 'make all', start: './server', health: { path: '/up', timeout_seconds: 5 } });
    await write('package.json', { scripts: { start: 'node x.js' } });
    await write('Procfile', 'web: ./other');
    expect(await detectBuildPlan(dir)).toEqual({
      source: 'rig.json',
      steps: [{ name: 'build', command: 'make all' }],
      start: './server',
      health: { path: '/up', timeoutMs: 5000 },
    });
  });

  it('uses npm ci with a lockfile, npm install without, the build script, and npm start or node <main>', async () => {
    await write('package.json', { scripts: { build: 'tsc', start: 'node dist/index.js' } });
    await write('package-lock.json', '{}');
    expect(await detectBuildPlan(dir)).toMatchObject({
      source: 'package.json',
      steps: [
        { name: 'install', command: 'npm ci --no-audit --no-fund' },
        { name: 'build', command: 'npm run build' },
      ],
      start: 'npm start',
    });
    const other = join(dir, 'other');
    await write('other/package.json', { main: "it's.js", dependencies: { ms: '^2.1.3' } });
    expect(await detectBuildPlan(other)).toMatchObject({
      steps: [{ name: 'install', command: 'npm install --no-audit --no-fund' }],
      start: `node 'it'\\''s.js'`,
    });
  });

  it('skips npm install only when nothing would be installed: no lockfile, no dependencies, no install scripts', async () => {
    await write('bare/package.json', { main: 'server.js', dependencies: {}, scripts: { start: 'node server.js' } });
    expect(await detectBuildPlan(join(dir, 'bare'))).toMatchObject({ steps: [], start: 'npm start' });
    await write('dev/package.json', { main: 'server.js', devDependencies: { typescript: '5.9.3' } });
    await write('hook/package.json', { main: 'server.js', scripts: { postinstall: 'node setup.js' } });
    await write('locked/package.json', { main: 'server.js' });
    await write('locked/package-lock.json', '{}');
    for (const [name, command] of [
      ['dev', 'npm install --no-audit --no-fund'],
      ['hook', 'npm install --no-audit --no-fund'],
      ['locked', 'npm ci --no-audit --no-fund'],
    ]) {
      expect((await detectBuildPlan(join(dir, name as string))).steps).toEqual([{ name: 'install', command }]);
    }
  });

  it('reads a Procfile web: line, and explains what is missing otherwise', async () => {
    await write('Procfile', 'worker: ./work\nweb:   ./serve --port $PORT\n');
    expect(await detectBuildPlan(dir)).toMatchObject({ source: 'Procfile', steps: [], start: './serve --port $PORT' });
    const empty = join(dir, 'empty');
    await mkdir(empty);
    await expect(detectBuildPlan(empty)).rejects.toThrow(BuildPlanError);
    await write('bad/rig.json', '{ nope');
    await expect(detectBuildPlan(join(dir, 'bad'))).rejects.toThrow(/not valid JSON/);
    await write('nostart/rig.json', { build: 'x' });
    await expect(detectBuildPlan(join(dir, 'nostart'))).rejects.toThrow(/"start"/);
  });
});

describe('runBuild', () => {
  it('streams each line in order and fails with the exit code of the failing step', async () => {
    const lines: OutputLine[] = [];
    const steps = [
      { name: 'first', command: 'echo one; echo two >&2; printf "three\\r\\nfour"' },
      { name: 'second', command: 'for i in 1 2 3 4 5; do echo "line $i"; done; echo "bad thing" >&2; exit 3' },
      { name: 'never', command: 'echo never' },
    ];
    const error = await runBuild({ dir, plan: { steps }, onLogLine: (l) => lines.push(l) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildFailedError);
    expect(error).toMatchObject({ step: 'second', exitCode: 3, failure: { stage: 'build', reason: 'build_failed' } });
    const stdout = lines.filter((l) => l.stream === 'stdout').map((l) => l.line);
    expect(stdout).toEqual(['one', 'three', 'four', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
    expect(lines.filter((l) => l.stream === 'stderr').map((l) => l.line)).toEqual(['two', 'bad thing']);
  });

  it('runs with a clean environment: PATH, HOME and the app env only', async () => {
    process.env.MAX_LOCAL_TEST_SECRET = 'must-not-leak';
    const lines: string[] = [];
    try {
      await runBuild({
        dir,
        plan: { steps: [{ name: 'env', command: 'env | sort' }] },
        env: { APP_VAR: 'yes' },
        home: '/tmp/build-home',
        onLogLine: (l) => lines.push(l.line),
      });
    } finally {
      delete process.env.MAX_LOCAL_TEST_SECRET;
    }
    expect(lines).toContain('APP_VAR=yes');
    expect(lines).toContain('HOME=/tmp/build-home');
    expect(lines.some((l) => l.startsWith('PATH='))).toBe(true);
    expect(lines.join('\n')).not.toContain('must-not-leak');
  });

  it('kills the whole process group on timeout and on cancel', async () => {
    const pidFile = join(dir, 'child.pid');
    // The step backgrounds a grandchild and waits: killing only `sh` would leave it running.
    const command = `sleep 30 & echo $! > ${pidFile}; wait`;
    const timedOut = await runBuild({ dir, plan: { steps: [{ name: 'slow', command }] }, timeoutMs: 500, onLogLine: () => undefined }).catch((e: unknown) => e);
    expect(timedOut).toBeInstanceOf(BuildTimeoutError);
    expect(timedOut).toMatchObject({ failure: { reason: 'timed_out' } });
    const { readFile } = await import('node:fs/promises');
    const pid = Number(await readFile(pidFile, 'utf8'));
    await waitFor(() => !alive(pid), 5000, 'the grandchild to die');

    const controller = new AbortController();
    const run = runBuild({ dir, plan: { steps: [{ name: 'slow', command }] }, signal: controller.signal, onLogLine: () => undefined });
    setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});

describe('LineSplitter', () => {
  it('keeps multi-byte characters across chunks and splits overlong lines', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l), 4);
    const bytes = Buffer.from('héllo\nab');
    splitter.push(bytes.subarray(0, 2)); // cuts é in half
    splitter.push(bytes.subarray(2));
    splitter.flush();
    expect(lines).toEqual(['héll', 'o', 'ab']);
  });
});
