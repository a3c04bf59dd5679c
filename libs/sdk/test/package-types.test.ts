import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * "Types resolve for a consumer who installs only @max/rig-sdk": the packed package (exactly the files
 * `npm pack` would publish) is placed in a fresh node_modules next to its real dependencies (zod, ignore,
 * phoenix, ws) and @types/node — but NOT @max/api-spec or @max/rig-channels (bundled) — and a consumer of both
 * entries is type-checked (with skipLibCheck off, so the bundled .d.ts files themselves are checked) and run.
 */

const sdkRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const workspaceModules = join(sdkRoot, '../../node_modules');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** Builds when dist is missing or older than the sources it is made from. */
function ensureBuilt(): void {
  const dts = join(sdkRoot, 'dist/index.d.ts');
  const builtAt = (() => {
    try {
      return Math.min(statSync(dts).mtimeMs, statSync(join(sdkRoot, 'dist/index.js')).mtimeMs);
    } catch {
      return 0;
    }
  })();
  const sourcesAt = Math.max(
    newestMtime(join(sdkRoot, 'src')),
    newestMtime(join(sdkRoot, '../api-spec/src')),
    statSync(join(sdkRoot, 'build.mjs')).mtimeMs,
    statSync(join(sdkRoot, 'package.json')).mtimeMs,
  );
  if (builtAt < sourcesAt) execFileSync(process.execPath, ['build.mjs'], { cwd: sdkRoot, stdio: 'pipe' });
}

const consumerSource = `
import { MaxClient, MaxNotFoundError, isMaxError, type Network, type Paginated, type Release, type TraceEvent } from '@max/rig-sdk';
import { deploy, summarizeBundle, walkSourceTree, type BundleSummary, type DeployEvent, type DeployOutcome, type DeployResult } from '@max/rig-sdk/node';

const traces: TraceEvent[] = [];
const client = new MaxClient({
  apiUrl: 'http://127.0.0.1:4000',
  token: async ({ forceRefresh }) => (forceRefresh ? 'fresh' : 'cached'),
  onTrace: (event) => traces.push(event),
});

export async function describeNetwork(name: string): Promise<string> {
  try {
    const network: Network = await client.networks.get(name);
    const count: number = network.app_count;
    const description: string | null = network.description;
    // @ts-expect-error -- the wire types are real types, not any: a name is a string
    const wrong: number = network.name;
    void wrong;
    return \`\${network.name} (\${count} apps) \${description ?? ''}\`;
  } catch (error) {
    if (error instanceof MaxNotFoundError) return \`\${error.code}: \${error.status ?? 0}\`;
    if (isMaxError(error)) return error.toJSON().message;
    throw error;
  }
}

export const list: Paginated<Network> = client.networks.list({ sort: '-created_at' });
// @ts-expect-error -- sort values come from the spec's enum
client.networks.list({ sort: 'size' });

export async function ship(dir: string): Promise<number> {
  const run = deploy(client, { network: 'staging', app: 'web', dir, create: true, timeoutMs: 60_000 });
  for (;;) {
    const step = await run.next();
    if (step.done) {
      const result: DeployResult = step.value;
      const exitCodes: Record<DeployOutcome, number> = {
        live: 0, submitted: 0, build_failed: 10, health_check_failed: 11, rolled_back: 12, timed_out: 20, failed: 1, cancelled: 1,
      };
      return exitCodes[result.outcome];
    }
    const event: DeployEvent = step.value;
    if (event.type === 'upload_progress') void (event.bytesSent / event.bytesTotal);
    if (event.type === 'build_log') void event.line.seq;
    if (event.type === 'bundled') void event.summary.secretLike;
  }
}

export async function follow(): Promise<void> {
  for await (const item of client.events.stream({ afterSeq: 0 })) {
    if (item.type === 'gap') void item.toSeq;
    else void item.event.action;
  }
  const releases: Release[] = await client.releases.list('staging', 'web').toArray();
  void releases;
  const tree = await walkSourceTree('.');
  const summary: BundleSummary = summarizeBundle(tree);
  void summary.fileCount;
}
`;

let consumerDir: string;

describe('published package', () => {
  beforeAll(() => {
    ensureBuilt();
    consumerDir = mkdtempSync(join(tmpdir(), 'rig-sdk-consumer-'));
    const modules = join(consumerDir, 'node_modules');
    const installed = join(modules, '@max/rig-sdk');
    mkdirSync(installed, { recursive: true });
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: sdkRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }),
    ) as [{ files: { path: string }[] }];
    for (const { path } of pack.files) {
      mkdirSync(dirname(join(installed, path)), { recursive: true });
      cpSync(join(sdkRoot, path), join(installed, path));
    }
    mkdirSync(join(modules, '@types'), { recursive: true });
    for (const dependency of ['zod', 'ignore', 'phoenix', 'ws', '@types/node']) {
      symlinkSync(join(workspaceModules, dependency), join(modules, dependency), 'dir');
    }
    writeFileSync(join(consumerDir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
    writeFileSync(join(consumerDir, 'consumer.ts'), consumerSource);
    writeFileSync(
      join(consumerDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    // Building both entries' bundled .d.ts takes about a minute on a busy 2-core machine.
  }, 180_000);

  afterAll(() => {
    if (consumerDir) rmSync(consumerDir, { recursive: true, force: true });
  });

  it('publishes only dist and package.json, and no dependency on @max/api-spec', async () => {
    const installed = join(consumerDir, 'node_modules/@max/rig-sdk');
    const files = readdirSync(installed, { recursive: true }).map(String).sort();
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/index.js', 'dist/index.d.ts']));
    expect(files.some((f) => f.startsWith('src'))).toBe(false);
    const manifest = (await import(join(installed, 'package.json'), { with: { type: 'json' } })).default as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(manifest.dependencies)).toEqual(expect.arrayContaining(['zod', 'ignore', 'phoenix', 'ws']));
    expect(Object.keys(manifest.dependencies)).not.toContain('@max/api-spec');
    expect(Object.keys(manifest.dependencies)).not.toContain('@max/rig-channels');
    expect(files).toEqual(expect.arrayContaining(['dist/node/index.js', 'dist/node/index.d.ts']));
  });

  it('type-checks a consumer that has only the real dependencies and @types/node besides the SDK', () => {
    const tsc = join(workspaceModules, 'typescript/bin/tsc');
    let output = '';
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: consumerDir, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      output = String((error as { stdout?: string }).stdout ?? error);
    }
    expect(output).toBe('');
  }, 60_000);

  it('loads and works at runtime without @max/api-spec', () => {
    const script = `
      const { MaxClient, isMaxError } = await import('@max/rig-sdk');
      const client = new MaxClient({ apiUrl: 'http://127.0.0.1:1' });
      const error = await client.networks.create({ name: 'Bad_Name' }).catch((e) => e);
      console.log(JSON.stringify({ isMax: isMaxError(error), code: error.code }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumerDir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ isMax: true, code: 'validation_failed' });
  });

  it('loads the ./node entry, whose errors are the main entry\'s classes', () => {
    const script = `
      const { MaxClient, MaxValidationError } = await import('@max/rig-sdk');
      const { deploy, walkSourceTree } = await import('@max/rig-sdk/node');
      const client = new MaxClient({ apiUrl: 'http://127.0.0.1:1' });
      const error = await deploy(client, { network: 'staging', app: 'Bad_Name', dir: '.' }).next().catch((e) => e);
      const tree = await walkSourceTree('.');
      console.log(JSON.stringify({ same: error instanceof MaxValidationError, files: tree.files.length > 0 }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumerDir, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ same: true, files: true });
  });
});
