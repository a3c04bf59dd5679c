import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * "Install like a user" (docs/adr/0013-published-packages.md): `npm pack` of @max/rig, @max/rig-sdk and
 * @max/local, then `npm install <tarballs>` into an empty project in a temp dir — no workspace above it, no
 * symlinks into this repository. Everything below runs from that install: rig's bin, max-local's bin (with its
 * native libsql and node-pty as installed there), and a TypeScript consumer of the SDK and of @max/local
 * type-checked by tsc (skipLibCheck off, so the published .d.ts files are checked too) and then run.
 *
 * Offline where possible: the packages bundle what they can, and the install uses the machine's npm cache with
 * --prefer-offline (after `npm ci` it holds every dependency), so CI does not need the registry.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PACKAGES = ['@max/rig', '@max/rig-sdk', '@max/local'] as const;
const BUILT = ['apps/cli/dist/rig.mjs', 'apps/cli/dist/channels.mjs', 'libs/sdk/dist/index.js', 'libs/sdk/dist/node/http.js', 'apps/max-local/dist/index.mjs'];

interface PackResult {
  name: string;
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string; size: number }[];
}

let work = '';
let project = '';
let packs: PackResult[] = [];
let platform: ChildProcess | undefined;
let apiUrl = '';

/** A child process run to completion; output kept for the assertion message. */
function run(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; input?: string; timeout?: number }) {
  const result = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: options.env ?? userEnv(),
    input: options.input,
    encoding: 'utf8',
    timeout: options.timeout ?? 120_000,
  });
  return { code: result.status, stdout: result.stdout ?? '', stderr: `${result.stderr ?? ''}${result.error ? String(result.error) : ''}` };
}

/** The environment of a user's shell: nothing from the workspace's npm run, nothing of rig's configuration. */
function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(npm_|RIG_|NODE_OPTIONS$|INIT_CWD$|VITEST)/i.test(name)) continue;
    env[name] = value;
  }
  return { ...env, NO_COLOR: '1', ...extra };
}

const bin = (name: string) => join(project, 'node_modules', '.bin', name);
const rigEnv = () => userEnv({ HOME: join(work, 'home'), RIG_CONFIG_DIR: join(work, 'rig-config'), RIG_CREDENTIAL_STORE: 'file' });

function startPlatform(dataDir: string): Promise<string> {
  return new Promise((resolveUrl, reject) => {
    const child = spawn(bin('max-local'), ['--port', '0', '--router-port', '0', '--data-dir', dataDir], { cwd: project, env: userEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    platform = child;
    let stderr = '';
    child.stdout?.resume();
    child.stderr?.on('data', (part: Buffer) => {
      stderr += part.toString();
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr)?.[1];
      if (url) resolveUrl(url);
    });
    child.on('exit', (code) => reject(new Error(`max-local exited ${code} before listening:\n${stderr}`)));
  });
}

const consumerSource = `
import { MaxClient, MaxNotFoundError, isMaxError, type Network } from '@max/rig-sdk';
import { type DeployEvent } from '@max/rig-sdk/node';
import { createNodeHttpTransport } from '@max/rig-sdk/node/http';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function describeEvent(event: DeployEvent): string {
  return event.type === 'build_log' ? event.line.line : event.type;
}

const max: MaxLocal = await startMaxLocal({ port: 0, routerPort: 0, dataDir: mkdtempSync(join(tmpdir(), 'consumer-max-')) });
const transport = createNodeHttpTransport();
try {
  const token: string = await createApiToken({ dataDir: max.dataDir, scope: 'admin' });
  const client = new MaxClient({ apiUrl: max.url, token, transport });
  const network: Network = await client.networks.create({ name: 'from-tarball' });
  const names: string[] = [];
  for await (const n of client.networks.list()) names.push(n.name);
  const missing = await client.networks.get('nope').catch((error: unknown) => error);
  console.log(JSON.stringify({
    created: network.name,
    listed: names,
    notFound: missing instanceof MaxNotFoundError && isMaxError(missing),
  }));
} finally {
  transport.close();
  await max.close();
}
`;

beforeAll(async () => {
  const missing = BUILT.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) {
    const build = run(join(root, 'node_modules/.bin/nx'), ['run-many', '-t', 'build', '-p', ...PACKAGES, '--outputStyle=static'], {
      cwd: root,
      env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
      timeout: 300_000,
    });
    if (build.code !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
  }
  work = mkdtempSync(join(tmpdir(), 'rig-pack-install-'));
  project = join(work, 'project');
  mkdirSync(project);
  mkdirSync(join(work, 'packs'));

  // `npm pack` runs each package's `prepack` (@max/local's bundled .d.ts) as publishing would.
  const pack = run('npm', ['pack', ...PACKAGES.flatMap((name) => ['-w', name]), '--pack-destination', join(work, 'packs'), '--json'], {
    cwd: root,
    env: userEnv(),
    timeout: 240_000,
  });
  if (pack.code !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  packs = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as PackResult[];
  console.log(
    ['packed sizes:', ...packs.map((p) => `  ${p.name.padEnd(14)} ${(p.size / 1024).toFixed(0).padStart(6)} KB packed, ${(p.unpackedSize / 1024).toFixed(0).padStart(6)} KB unpacked, ${p.files.length} files`)].join('\n'),
  );

  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', private: true, type: 'module' }, null, 2)}\n`);
  const typesNode = (JSON.parse(readFileSync(join(root, 'node_modules/@types/node/package.json'), 'utf8')) as { version: string }).version;
  const install = run(
    'npm',
    ['install', ...packs.map((p) => join(work, 'packs', p.filename)), `@types/node@${typesNode}`, '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'],
    { cwd: project, timeout: 300_000 },
  );
  if (install.code !== 0) throw new Error(`npm install of the tarballs failed:\n${install.stderr}`);
}, 600_000);

afterAll(async () => {
  if (platform && platform.exitCode === null) {
    const exited = new Promise((resolveExit) => platform?.once('exit', resolveExit));
    platform.kill('SIGTERM');
    await exited;
  }
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the published packages, installed from their tarballs into an empty project', () => {
  it('publish bundles, bins, types, README and LICENSE; no sources, source maps or workspace packages', () => {
    expect(packs.map((p) => p.name).sort()).toEqual([...PACKAGES].sort());
    for (const pack of packs) {
      const files = pack.files.map((f) => f.path);
      expect(files, pack.name).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
      expect(files.filter((f) => /^src\/|\.map$|meta\.json$|\.test\./.test(f)), pack.name).toEqual([]);
      const manifest = JSON.parse(readFileSync(join(project, 'node_modules', pack.name, 'package.json'), 'utf8')) as {
        dependencies?: Record<string, string>;
        engines?: Record<string, string>;
        license?: string;
      };
      expect(Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@max/')), pack.name).toEqual([]);
      expect(manifest.engines?.node, pack.name).toBe('>=20.19');
      expect(manifest.license, pack.name).toBe('MIT');
    }
    const files = (name: string) => packs.find((p) => p.name === name)?.files.map((f) => f.path) ?? [];
    expect(files('@max/rig')).toEqual(expect.arrayContaining(['bin/rig.mjs', 'dist/rig.mjs', 'dist/channels.mjs']));
    expect(files('@max/rig-sdk')).toEqual(expect.arrayContaining(['dist/index.d.ts', 'dist/node/index.d.ts', 'dist/node/http.d.ts']));
    expect(files('@max/local')).toEqual(expect.arrayContaining(['bin/max-local.mjs', 'dist/cli.mjs', 'dist/types/index.d.ts']));
    // The apps' only dependencies are their native modules, and those work from this install.
    expect(existsSync(join(project, 'node_modules/libsql'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/node-pty'))).toBe(true);
    expect(existsSync(join(project, 'node_modules/@napi-rs/keyring'))).toBe(true);
  });

  it('rig --version and rig --help work from the installed bin', () => {
    const version = run(bin('rig'), ['--version'], { cwd: project, env: rigEnv() });
    expect(version, version.stderr).toMatchObject({ code: 0, stdout: 'rig 0.1.0\n', stderr: '' });
    const help = run(bin('rig'), ['--help'], { cwd: project, env: rigEnv() });
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toMatch(/login/);
    expect(help.stdout).toMatch(/deploy/);
  });

  it('logs in with a token against a max-local started from its own installed bin, and rig whoami sees the user', async () => {
    const dataDir = join(work, 'max-data');
    apiUrl = await startPlatform(dataDir);
    const token = run(bin('max-local'), ['token', 'create', '--data-dir', dataDir], { cwd: project, env: userEnv() });
    expect(token.code, token.stderr).toBe(0);
    const login = run(bin('rig'), ['login', '--with-token', '--api-url', apiUrl], { cwd: project, env: rigEnv(), input: token.stdout });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stderr).toContain('dev@localhost');
    const whoami = run(bin('rig'), ['whoami', '-o', 'json'], { cwd: project, env: rigEnv() });
    expect(whoami.code, whoami.stderr).toBe(0);
    expect(JSON.parse(whoami.stdout)).toMatchObject({ user: { email: 'dev@localhost' }, api_url: apiUrl, credential: { source: 'file' } });
    // The keychain module (native, prebuilt) loads from the install; without a Secret Service it falls back.
    expect(JSON.parse(whoami.stdout)).toHaveProperty('credential.location');
  });

  it('a TypeScript consumer of @max/rig-sdk (all three entries) and @max/local type-checks with tsc and runs', () => {
    writeFileSync(join(project, 'consumer.ts'), consumerSource);
    writeFileSync(
      join(project, 'tsconfig.json'),
      `${JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            target: 'es2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            outDir: 'out',
            skipLibCheck: false,
            types: ['node'],
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
          },
          files: ['consumer.ts'],
        },
        null,
        2,
      )}\n`,
    );
    const tsc = run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: project });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.code).toBe(0);
    const consumer = run(process.execPath, ['out/consumer.js'], { cwd: project });
    expect(consumer.code, consumer.stderr).toBe(0);
    expect(JSON.parse(consumer.stdout)).toMatchObject({ created: 'from-tarball', listed: ['from-tarball'], notFound: true });
  });
});
