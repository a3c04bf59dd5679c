import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MaxClient } from '../../src/client.js';
import { MaxAbortError, MaxConnectionError } from '../../src/errors/error-classes.js';
import { deploy, runDeploy, type DeployEvent, type DeployOptions, type DeployResult } from '../../src/node/index.js';
import { FakeDeployServer, type FakeServerOptions } from './fake-deploy-server.js';
import { tempDir, writeTree, type TreeSpec } from './make-tree.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()));
});

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

/** Ten distinct files (~1 KiB each, so several small chunks), one duplicate, a secret-like file and a link. */
const tree: TreeSpec = {
  'package.json': '{"name":"app"}',
  ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`src/file-${i}.js`, `// file ${i}\n${'x'.repeat(1000 + i)}`])),
  'src/copy.js': `// file 0\n${'x'.repeat(1000)}`,
  '.env': 'SECRET=1',
  current: { link: 'src' },
};

async function setup(options: FakeServerOptions = {}, spec: TreeSpec = tree) {
  const server = await new FakeDeployServer({ apps: ['staging/web'], ...options }).start();
  cleanups.push(() => server.close());
  const t = await tempDir('rig-deploy-');
  cleanups.push(t.cleanup);
  await writeTree(t.dir, spec);
  const client = new MaxClient({ apiUrl: server.url, token: 'mxp_test', retry: false });
  const base: DeployOptions = {
    network: 'staging',
    app: 'web',
    dir: t.dir,
    transport: 'polling',
    pollIntervalMs: 5,
    chunkBytes: 4096,
    retryBaseDelayMs: 5,
  };
  return { server, client, dir: t.dir, base };
}

async function run(client: MaxClient, options: DeployOptions): Promise<{ events: DeployEvent[]; result: DeployResult }> {
  const events: DeployEvent[] = [];
  const result = await runDeploy(client, options, (e) => events.push(e));
  return { events, result };
}

/** Event types in order, with runs of progress/log events collapsed (their count depends on timing). */
function shape(events: DeployEvent[]): string[] {
  const out: string[] = [];
  for (const e of events) {
    const label = e.type === 'status' ? `status:${e.state}` : e.type;
    if ((label === 'upload_progress' || label === 'build_log') && out.at(-1) === label) continue;
    out.push(label);
  }
  return out;
}

describe('deploy', () => {
  it('uploads only the blobs the platform lacks and reports every step in order', async () => {
    const known = sha(`// file 3\n${'x'.repeat(1003)}`);
    const { server, client, base } = await setup({ blobs: [known] });
    const { events, result } = await run(client, { ...base, message: 'first' });

    expect(shape(events)).toEqual([
      'bundled',
      'deployment_created',
      'upload_progress',
      'uploaded',
      'status:queued',
      'status:building',
      'build_log',
      'status:releasing',
      'release_created',
      'status:running',
      'healthy',
    ]);
    const bundled = events.find((e) => e.type === 'bundled');
    expect(bundled?.type === 'bundled' && bundled.summary.secretLike).toEqual(['.env']);
    expect(bundled?.type === 'bundled' && bundled.summary.fileCount).toBe(12);

    // 11 distinct file contents (copy.js duplicates file-0), one already stored.
    const created = events.find((e) => e.type === 'deployment_created');
    expect(created?.type === 'deployment_created' && created.missingBlobs).toBe(10);
    const uploaded = server.packs.flatMap((p) => p.digests);
    expect(uploaded).toHaveLength(10);
    expect(new Set(uploaded).size).toBe(10);
    expect(uploaded).not.toContain(known);
    expect(server.packs.length).toBeGreaterThan(1); // bounded chunks, not one archive

    const progress = events.filter((e) => e.type === 'upload_progress');
    const last = progress.at(-1);
    expect(last?.type === 'upload_progress' && last.bytesSent === last.bytesTotal && last.blobsDone === 10).toBe(true);
    for (let i = 1; i < progress.length; i++) {
      const [a, b] = [progress[i - 1], progress[i]];
      if (a?.type === 'upload_progress' && b?.type === 'upload_progress') expect(b.bytesSent).toBeGreaterThanOrEqual(a.bytesSent);
    }
    const logs = events.flatMap((e) => (e.type === 'build_log' ? [e.line.seq] : []));
    expect(logs).toEqual([1, 2, 3]);
    expect(result).toMatchObject({ outcome: 'live', deploymentId: 'dep_1', release: 1, state: 'running', uploadedBlobs: 10 });
    expect(result.url).toBe('http://web.staging.localhost:4080');
    expect(server.deployments.get('dep_1')?.deployment.message).toBe('first');
  });

  it('uploads nothing when the platform already has every blob', async () => {
    const { server, client, base } = await setup();
    await run(client, base);
    const packsBefore = server.packs.length;
    const { events, result } = await run(client, base);
    expect(server.packs.length).toBe(packsBefore);
    expect(events.some((e) => e.type === 'upload_progress' || e.type === 'uploaded')).toBe(false);
    expect(result.outcome).toBe('live');
    expect(result.uploadedBlobs).toBe(0);
  });

  it('retries a pack whose connection was cut mid-upload, from a fresh stream', async () => {
    const { server, client, base } = await setup({ onPack: (index) => (index === 0 ? 'cut' : 'ok') });
    const { events, result } = await run(client, { ...base, concurrency: 1 });
    const retries = events.filter((e) => e.type === 'upload_retry');
    expect(retries).toHaveLength(1);
    expect(retries[0]?.type === 'upload_retry' && retries[0].error.code).toBe('connection_failed');
    expect(result.outcome).toBe('live');
    expect(new Set(server.packs.flatMap((p) => p.digests)).size).toBe(11);
    const last = events.filter((e) => e.type === 'upload_progress').at(-1);
    expect(last?.type === 'upload_progress' && last.bytesSent).toBe(last?.type === 'upload_progress' && last.bytesTotal);
  });

  it('after an interrupted upload, a second run uploads only what is still missing', async () => {
    let cut = true;
    const { server, client, base } = await setup({ onPack: (index) => (index === 1 && cut ? 'cut' : 'ok') });
    const first = run(client, { ...base, concurrency: 1, uploadRetries: 0 });
    await expect(first).rejects.toBeInstanceOf(MaxConnectionError);
    const storedFirst = server.packs.flatMap((p) => p.digests);
    expect(storedFirst.length).toBeGreaterThan(0);
    expect(storedFirst.length).toBeLessThan(11);

    cut = false;
    const packsBefore = server.packs.length;
    const { events, result } = await run(client, { ...base, concurrency: 1 });
    const created = events.find((e) => e.type === 'deployment_created');
    expect(created?.type === 'deployment_created' && created.missingBlobs).toBe(11 - storedFirst.length);
    const second = server.packs.slice(packsBefore).flatMap((p) => p.digests);
    expect(second.sort()).toEqual(
      [...(server.deployments.get('dep_1')?.deployment.missing_blobs ?? [])].filter((d) => !storedFirst.includes(d)).sort(),
    );
    expect(result.outcome).toBe('live');
  });

  it('creates the app when asked and it does not exist', async () => {
    const { client, base } = await setup({ apps: [] });
    const { events, result } = await run(client, { ...base, create: true });
    expect(shape(events).slice(0, 3)).toEqual(['bundled', 'app_created', 'deployment_created']);
    expect(result.outcome).toBe('live');
  });

  it('fails before reading the tree when the app does not exist and create is off', async () => {
    const { client, base, server } = await setup({ apps: [] });
    await expect(run(client, base)).rejects.toMatchObject({ code: 'not_found' });
    expect(server.requests).toEqual(['GET /api/v1/networks/staging/apps/web']);
  });

  it.each([
    ['build_failed', 'build_failed', 'failed'],
    ['health_check_failed', 'health_check_failed', 'failed'],
    ['rolled_back', 'rolled_back', 'rolled_back'],
  ] as const)('reports a %s build as outcome %s', async (build, outcome, lastEvent) => {
    const { client, base } = await setup({ build });
    const { events, result } = await run(client, base);
    expect(result.outcome).toBe(outcome);
    expect(events.at(-1)?.type).toBe(lastEvent);
    const last = events.at(-1);
    if (build === 'build_failed') expect(last).toMatchObject({ type: 'failed', stage: 'build', reason: 'build_failed' });
    if (build === 'rolled_back') expect(last).toMatchObject({ type: 'rolled_back', release: 2, failure: { reason: 'health_check_failed' } });
    expect(result.failure).not.toBeNull();
  });

  it('sends rollback and stabilization_seconds only when given; a crash after release rolls back by default', async () => {
    const { client, base, server } = await setup({ build: 'crashes_after_release' });
    const { events, result } = await run(client, base);
    expect(server.createBodies[0]).not.toHaveProperty('rollback');
    expect(server.createBodies[0]).not.toHaveProperty('stabilization_seconds');
    expect(result).toMatchObject({ outcome: 'rolled_back', state: 'rolled_back', release: 2, failure: { reason: 'crashed_after_release' } });
    expect(events.at(-1)).toMatchObject({ type: 'rolled_back', release: 2, failure: { stage: 'release', reason: 'crashed_after_release' } });
  });

  it('with rollback: false a crash after release ends failed, as a release failure (outcome health_check_failed)', async () => {
    const { client, base, server } = await setup({ build: 'crashes_after_release' });
    const { events, result } = await run(client, { ...base, rollback: false, stabilizationSeconds: 5 });
    expect(server.createBodies[0]).toMatchObject({ rollback: false, stabilization_seconds: 5 });
    expect(result).toMatchObject({ outcome: 'health_check_failed', state: 'failed', release: 2 });
    expect(events.at(-1)).toMatchObject({ type: 'failed', stage: 'release', reason: 'crashed_after_release' });
    expect(shape(events).slice(-4)).toEqual(['status:releasing', 'release_created', 'status:failed', 'failed']);
  });

  it('gives up waiting after timeoutMs with a timeout event, without cancelling the deployment', async () => {
    const { client, base, server } = await setup({ build: 'never_finishes' });
    const { events, result } = await run(client, { ...base, timeoutMs: 300 });
    expect(events.at(-1)).toMatchObject({ type: 'timeout', deploymentId: 'dep_1', timeoutMs: 300, state: 'building' });
    expect(result).toMatchObject({ outcome: 'timed_out', deploymentId: 'dep_1' });
    expect(server.requests.some((r) => r.endsWith('/cancel'))).toBe(false);
  });

  it('aborting while following the build rejects with MaxAbortError and stops polling', async () => {
    const { client, base, server } = await setup({ build: 'never_finishes' });
    const controller = new AbortController();
    const events: DeployEvent[] = [];
    const done = runDeploy(client, { ...base, signal: controller.signal }, (e) => {
      events.push(e);
      if (e.type === 'build_log') controller.abort();
    });
    await expect(done).rejects.toBeInstanceOf(MaxAbortError);
    const count = server.requests.length;
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests.length).toBe(count);
  });

  it('aborting during an upload that never answers rejects promptly', async () => {
    const { client, base } = await setup({ onPack: () => 'hang' });
    const controller = new AbortController();
    const done = runDeploy(client, { ...base, signal: controller.signal }, (e) => {
      if (e.type === 'deployment_created') setTimeout(() => controller.abort(), 20);
    });
    await expect(done).rejects.toBeInstanceOf(MaxAbortError);
  });

  it('leaving the loop early stops the uploads', async () => {
    const { client, base, server } = await setup({ onPack: () => 'hang' });
    for await (const event of deploy(client, base)) {
      if (event.type === 'deployment_created') break;
    }
    expect(server.requests.filter((r) => r === 'POST /api/v1/deployments/dep_1/finalize')).toEqual([]);
  });

  it('fails with file_changed when a file changes between hashing and upload, without retrying', async () => {
    const { client, base, dir } = await setup();
    const run = deploy(client, { ...base, concurrency: 1 });
    for (;;) {
      const step = await run.next();
      if (step.done) throw new Error('deploy ended');
      if (step.value.type === 'deployment_created') {
        await writeFile(join(dir, 'src/file-9.js'), 'changed');
        break;
      }
    }
    await expect(
      (async () => {
        for (;;) {
          const step = await run.next();
          if (step.done) return step.value;
        }
      })(),
    ).rejects.toMatchObject({ code: 'file_changed' });
  });

  it('returns after finalizing with wait: false', async () => {
    const { client, base } = await setup();
    const { events, result } = await run(client, { ...base, wait: false });
    expect(events.at(-1)).toMatchObject({ type: 'status', state: 'queued' });
    expect(result.outcome).toBe('submitted');
  });

  it('rejects invalid options before any request', async () => {
    const { client, base, server } = await setup();
    await expect(run(client, { ...base, app: 'Bad_Name' })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(run(client, { ...base, concurrency: 0 })).rejects.toMatchObject({ code: 'validation_failed' });
    await expect(run(client, { ...base, upload: 'carrier-pigeon' as 'fetch' })).rejects.toMatchObject({ code: 'validation_failed' });
    expect(server.requests).toEqual([]);
  });

  it("sends packs through node:http by default and through the client's fetch with upload: 'fetch'", async () => {
    const { server, base, dir } = await setup();
    const packsViaFetch: string[] = [];
    const countingFetch: typeof fetch = (input, init) => {
      const url = input instanceof Request ? input.url : String(input);
      if (url.endsWith('/blobs/packs')) packsViaFetch.push(url);
      return fetch(input, init);
    };
    const client = new MaxClient({ apiUrl: server.url, token: 'mxp_test', retry: false, fetch: countingFetch });

    const first = await run(client, { ...base, dir });
    expect(first.result.outcome).toBe('live');
    expect(packsViaFetch).toEqual([]);
    const packsByNodeHttp = server.packs.length;
    expect(packsByNodeHttp).toBeGreaterThan(1);

    await writeFile(join(dir, 'src/new.js'), 'export const added = true;\n');
    const second = await run(client, { ...base, dir, upload: 'fetch' });
    expect(second.result).toMatchObject({ outcome: 'live', uploadedBlobs: 1 });
    expect(packsViaFetch).toHaveLength(1);
    expect(server.packs.length).toBe(packsByNodeHttp + 1);
  });
});
