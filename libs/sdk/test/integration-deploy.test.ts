import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaxClient, type Event, type LogStreamItem, type TraceEvent } from '../src/index.js';
import { runDeploy, type DeployEvent, type DeployOptions } from '../src/node/index.js';

/**
 * The deploy flow against the real platform: max-local in this process (API, channels and app router on port 0),
 * examples/node-http deployed as a real child process, fetched through the router by Host header.
 */

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/node-http');

let max: MaxLocal;
let dataDir: string;
let workDir: string;
let client: MaxClient;
/** Every REST request the client made (method and path), to prove the channels carried the following. */
const restCalls: string[] = [];

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-deploy-it-'));
  workDir = await mkdtemp(join(tmpdir(), 'rig-sdk-deploy-src-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  const token = await createApiToken({ dataDir, name: 'sdk-deploy-it' });
  const onTrace = (e: TraceEvent) => {
    if (e.type === 'request') restCalls.push(`${e.method} ${new URL(e.url).pathname}`);
  };
  client = new MaxClient({ apiUrl: max.url, token, retry: false, onTrace });
  await client.networks.create({ name: 'demo' });
}, 60_000);

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** GET through the app router, addressing the app by Host header as a browser would. */
function getThroughRouter(hostname: string, path = '/'): Promise<{ status: number; body: string }> {
  const router = new URL(max.routerUrl);
  return new Promise((resolve, reject) => {
    const req = request({ host: router.hostname, port: router.port, path, headers: { host: hostname } }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function deployDir(dir: string, extra: Partial<DeployOptions> = {}) {
  const events: DeployEvent[] = [];
  const result = await runDeploy(client, { network: 'demo', app: 'web', dir, timeoutMs: 120_000, ...extra }, (e) => events.push(e));
  return { events, result };
}

describe('deploy against max-local', () => {
  let appDir: string;

  it('deploys examples/node-http (creating the app) and serves it through the router', async () => {
    appDir = join(workDir, 'node-http');
    await cp(exampleDir, appDir, { recursive: true });
    restCalls.length = 0;
    const { events, result } = await deployDir(appDir, { create: true, message: 'first deploy' });
    // States and build lines came over the channels: no polling of the deployment or its log.
    expect(restCalls.filter((c) => c.startsWith('GET /api/v1/deployments/'))).toEqual([]);

    expect(result.outcome).toBe('live');
    const types = events.map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['bundled', 'app_created', 'deployment_created']);
    expect(types).toContain('uploaded');
    expect(types).toContain('release_created');
    expect(types.at(-1)).toBe('healthy');
    const created = events.find((e) => e.type === 'deployment_created');
    expect(created?.type === 'deployment_created' && created.missingBlobs).toBe(2); // server.js, package.json
    const seqs = events.flatMap((e) => (e.type === 'build_log' ? [e.line.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1)); // every line once, in order

    const app = await client.apps.get('demo', 'web');
    const response = await getThroughRouter(app.hostname);
    expect(response.status).toBe(200);
    expect(response.body).toContain(`from node-http (release v${result.release})`);

    const releases = await client.releases.list('demo', 'web').toArray();
    expect(releases[0]).toMatchObject({ version: result.release, state: 'active', deployment_id: result.deploymentId });
  }, 120_000);

  it('a redeploy after changing one file uploads exactly that blob', async () => {
    const server = join(appDir, 'server.js');
    await writeFile(server, (await readFile(server, 'utf8')).replace('from node-http', 'from node-http, changed'));
    const { events, result } = await deployDir(appDir);
    expect(result.outcome).toBe('live');
    const created = events.find((e) => e.type === 'deployment_created');
    expect(created?.type === 'deployment_created' && created.missingBlobs).toBe(1);
    expect(result.uploadedBlobs).toBe(1);
    const app = await client.apps.get('demo', 'web');
    expect((await getThroughRouter(app.hostname)).body).toContain('from node-http, changed');
  }, 120_000);

  it('a broken build ends in failed at stage build, and the previous release keeps serving', async () => {
    const broken = join(workDir, 'broken');
    await cp(appDir, broken, { recursive: true });
    const pkg = JSON.parse(await readFile(join(broken, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    pkg.scripts['build'] = 'node -e "console.error(\'build exploded\'); process.exit(3)"';
    await writeFile(join(broken, 'package.json'), JSON.stringify(pkg, null, 2));

    const { events, result } = await deployDir(broken);
    expect(result.outcome).toBe('build_failed');
    expect(events.at(-1)).toMatchObject({ type: 'failed', stage: 'build' });
    expect(events.some((e) => e.type === 'build_log' && e.line.line.includes('build exploded'))).toBe(true);

    const app = await client.apps.get('demo', 'web');
    expect((await getThroughRouter(app.hostname)).body).toContain('from node-http, changed');
  }, 120_000);

  it('the same flow works by polling', async () => {
    const { result } = await deployDir(appDir, { transport: 'polling', pollIntervalMs: 200 });
    expect(result.outcome).toBe('live');
  }, 120_000);

  it('rollback makes a new release restoring the previous code', async () => {
    const before = await client.apps.get('demo', 'web');
    const release = await client.releases.rollback('demo', 'web', { to: 1 });
    expect(release).toMatchObject({ reason: 'rollback', rollback_of: 1 });
    expect(release.version).toBeGreaterThan(before.current_release ?? 0);
  }, 60_000);

  it('logs.stream replays a finished build log, then ends with eof', async () => {
    const [latest] = await client.deployments.list('demo', 'web', { state: 'running' }).toArray({ max: 1 });
    const items: LogStreamItem[] = [];
    for await (const item of client.logs.stream({ deployment: latest?.id ?? '' }, { afterSeq: 0 })) items.push(item);
    expect(items.at(-1)?.type).toBe('eof');
    const history = await client.logs.list({ deployment: latest?.id ?? '' }).toArray();
    expect(items.flatMap((i) => (i.type === 'line' ? [i.line] : []))).toEqual(history);
  }, 60_000);

  it('events.stream replays the audit feed after a seq, then goes live', async () => {
    const controller = new AbortController();
    const seen: Event[] = [];
    const stream = client.events.stream({ afterSeq: 0, signal: controller.signal });
    const reading = (async () => {
      for await (const item of stream) {
        if (item.type === 'event') seen.push(item.event);
        if (seen.some((e) => e.action === 'network.created' && e.target.network === 'live-check')) controller.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    await client.networks.create({ name: 'live-check' });
    await reading;
    expect(seen[0]?.seq).toBe(1);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    expect(seen.some((e) => e.action === 'app.created')).toBe(true);
  }, 60_000);
});
