import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../src/deploy/blob-store.js';
import { BuildFailedError } from '../../src/deploy/deploy-errors.js';
import { ReleaseManager } from '../../src/deploy/release-manager.js';
import { createRouter, type Router } from '../../src/deploy/router.js';
import { runDeployment, type BuildLogLine, type PipelineState, type RunDeploymentOptions } from '../../src/deploy/run-deployment.js';
import { fileEntry, httpGet, manifestFromDir, tempDir } from './helpers.js';

const examples = resolve(fileURLToPath(import.meta.url), '../../../../../examples');

let dataDir: string;
let cleanup: () => Promise<void>;
let store: BlobStore;
let router: Router;
const managers = new Map<string, ReleaseManager>();

/** One app's release manager, created on first use, as the server would keep them. */
function releasesOf(app: string): ReleaseManager {
  let manager = managers.get(app);
  if (!manager) {
    manager = new ReleaseManager({ drain: (port) => router.waitForIdle(port, 5000), stopGraceMs: 3000 });
    managers.set(app, manager);
  }
  return manager;
}

/** Deploys a manifest as `<app>.examples`, recording build lines (with seqs, as the server would) and states. */
async function deploy(app: string, id: string, manifest: RunDeploymentOptions['manifest'], version: number, env: Record<string, string> = {}) {
  const lines: (BuildLogLine & { seq: number })[] = [];
  const states: PipelineState[] = [];
  let seq = 0;
  const run = runDeployment({
    blobs: store,
    manifest,
    buildDir: join(dataDir, 'builds', id),
    releases: releasesOf(app),
    buildEnv: env,
    prepareRelease: () => ({
      version,
      env: { ...env, MAX_APP: app, MAX_NETWORK: 'examples', MAX_HOSTNAME: `${app}.examples.localhost`, MAX_RELEASE: String(version) },
    }),
    healthCheckPath: '/healthz',
    healthTimeoutMs: 20_000,
    hostname: `${app}.examples.localhost`,
    onBuildLogLine: (line) => lines.push({ ...line, seq: (seq += 1) }),
    onStateChange: (state) => states.push(state),
  });
  return { run, lines, states };
}

beforeAll(async () => {
  ({ dir: dataDir, cleanup } = await tempDir('max-examples-'));
  store = await BlobStore.open(join(dataDir, 'blobs'));
  router = await createRouter({
    port: 0,
    domain: 'localhost',
    resolve: ({ app, network }) => (network === 'examples' && managers.has(app) ? (managers.get(app)?.route() ?? { port: null }) : null),
  });
});

afterAll(async () => {
  await Promise.all([...managers.values()].map((m) => m.stop()));
  await router.close();
  await cleanup();
});

describe('examples deployed through the engine', () => {
  it('node-http: upload → assemble → (no dependencies: no npm install) → start → healthy → served by hostname', async () => {
    const manifest = await manifestFromDir(store, join(examples, 'node-http'));
    const { run, lines, states } = await deploy('hello', 'dep-hello-1', manifest, 1, { GREETING: 'Hi there' });
    const outcome = await run;
    expect(outcome.plan).toMatchObject({ source: 'package.json', start: 'npm start' });
    expect(states).toEqual(['building', 'releasing', 'running']);
    expect(lines.map((l) => l.seq)).toEqual(lines.map((_, i) => i + 1));
    expect(outcome.plan.steps).toEqual([]); // a dependency-free package.json has nothing to install
    expect(lines.some((l) => l.line.startsWith('$ npm'))).toBe(false);

    const res = await httpGet(router.port, 'hello.examples.localhost');
    expect(res.status).toBe(200);
    expect(res.body).toBe('Hi there from node-http (release v1)\n');
    expect((await httpGet(router.port, 'hello.examples.localhost', '/healthz')).body).toBe('{"status":"ok"}');
  });

  it('a broken build fails with its exit code and the previous release keeps serving', async () => {
    const manifest = [
      await fileEntry(store, 'rig.json', JSON.stringify({ build: 'echo compiling; echo "error: nope" >&2; exit 2', start: 'node server.js' })),
      await fileEntry(store, 'server.js', 'require("http").createServer((q, s) => s.end("broken")).listen(process.env.PORT)'),
    ];
    const { run, lines, states } = await deploy('hello', 'dep-hello-2', manifest, 2);
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuildFailedError);
    expect(error).toMatchObject({ exitCode: 2, failure: { stage: 'build', reason: 'build_failed' } });
    expect(states).toEqual(['building', 'failed']);
    const build = lines.filter((l) => l.source === 'build').map((l) => `${l.stream}:${l.line}`);
    expect(build).toEqual(['stdout:compiling', 'stderr:error: nope']);
    expect((await httpGet(router.port, 'hello.examples.localhost')).body).toBe('Hi there from node-http (release v1)\n');
  });

  it('node-express-like: npm ci from the lockfile, the build script, then served with its dependency', { timeout: 120_000 }, async () => {
    const manifest = await manifestFromDir(store, join(examples, 'node-express-like'));
    expect(manifest.map((e) => e.path)).toContain('package-lock.json');
    const { run, lines } = await deploy('shop', 'dep-shop-1', manifest, 1, { GREETING: 'Welcome' });
    await run;
    const text = lines.map((l) => l.line);
    expect(text).toContain('$ npm ci --no-audit --no-fund');
    expect(text).toContain('$ npm run build');
    expect(text.some((l) => l.includes('build: wrote build-info.json'))).toBe(true);

    const res = await httpGet(router.port, 'shop.examples.localhost');
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ message: 'Welcome from node-express-like', release: '1', cache_ttl: '2 days' });
  });
});
