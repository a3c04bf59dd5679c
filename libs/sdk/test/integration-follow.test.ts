import { cp, mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiToken, startMaxLocal, type MaxLocal } from '@max/local';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MaxClient, type EventFollowItem, type LogReadItem } from '../src/index.js';
import { runDeploy } from '../src/node/index.js';

/**
 * `events.follow` and `logs.read({ follow: true })` against the real platform: the history, then live items
 * over the real channels, with a change made while following arriving exactly once after the history.
 */

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '../../../examples/node-http');

let max: MaxLocal;
let dataDir: string;
let workDir: string;
let client: MaxClient;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'rig-sdk-follow-it-'));
  workDir = await mkdtemp(join(tmpdir(), 'rig-sdk-follow-src-'));
  max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
  const token = await createApiToken({ dataDir, name: 'sdk-follow-it' });
  client = new MaxClient({ apiUrl: max.url, token, retry: false });
  await client.networks.create({ name: 'shop', description: 'v0' });
  await client.networks.create({ name: 'elsewhere' });
}, 60_000);

afterAll(async () => {
  await max?.close();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/**
 * Collects items from a follow in the background until `done` says so; after 20 s it is aborted anyway, so a
 * missing item fails the assertions (with what was seen) instead of timing the test out.
 */
function collectUntil<T>(items: AsyncIterable<T>, done: (seen: T[]) => boolean, controller: AbortController) {
  const seen: T[] = [];
  const safety = setTimeout(() => controller.abort(), 20_000);
  const finished = (async () => {
    for await (const item of items) {
      seen.push(item);
      if (done(seen)) controller.abort();
    }
    clearTimeout(safety);
  })();
  const waitFor = async (test: (seen: T[]) => boolean, what: string) => {
    for (let i = 0; i < 200 && !test(seen); i++) await new Promise((r) => setTimeout(r, 50));
    expect(test(seen), `${what}: ${JSON.stringify(seen)}`).toBe(true);
  };
  return { seen, finished, waitFor };
}

/** The new description a `network.updated` event recorded. */
function newDescription(item: EventFollowItem): unknown {
  if (item.type !== 'event') return item.type;
  const changes = item.event.details['changes'] as { description?: { to?: unknown } } | undefined;
  return changes?.description?.to;
}

describe('events.follow against max-local', () => {
  it('lists the matching history oldest first, then an event made while following arrives exactly once', async () => {
    await client.networks.update('shop', { description: 'v1' });
    const controller = new AbortController();
    const isSentinel = (i: EventFollowItem) => newDescription(i) === 'sentinel';
    const follow = collectUntil(client.events.follow({ network: 'shop', signal: controller.signal }), (seen) => seen.some(isSentinel), controller);
    await follow.waitFor((seen) => seen.some((i) => i.type === 'live'), 'the history and the live marker');
    const history = follow.seen.slice(0, follow.seen.findIndex((i) => i.type === 'live'));
    const historySeqs = history.map((i) => (i.type === 'event' ? i.event.seq : -1));
    expect(historySeqs).toEqual([...historySeqs].sort((a, b) => a - b));
    expect(history.map((i) => (i.type === 'event' ? i.event.action : i.type))).toEqual(['network.created', 'network.updated']);

    // Give the stream a moment to join, then change the followed network, one elsewhere, and a sentinel last.
    await new Promise((r) => setTimeout(r, 300));
    await client.networks.update('shop', { description: 'v2' });
    await client.networks.update('elsewhere', { description: 'not followed' });
    await client.networks.update('shop', { description: 'sentinel' });
    await follow.finished;

    const live = follow.seen.slice(follow.seen.findIndex((i) => i.type === 'live') + 1);
    expect(live.map(newDescription)).toEqual(['v2', 'sentinel']);
    const all = follow.seen.flatMap((i) => (i.type === 'event' ? [i.event.seq] : []));
    expect(new Set(all).size).toBe(all.length);
  }, 60_000);
});

describe('logs.read against max-local', () => {
  let hostname: string;

  beforeAll(async () => {
    const appDir = join(workDir, 'node-http');
    await cp(exampleDir, appDir, { recursive: true });
    const { outcome } = await runDeploy(client, { network: 'shop', app: 'web', dir: appDir, create: true, timeoutMs: 120_000 }, () => undefined);
    expect(outcome).toBe('live');
    hostname = (await client.apps.get('shop', 'web')).hostname;
  }, 120_000);

  /** GET through the app router, addressing the app by Host header; the app logs one line per request. */
  function get(path: string): Promise<number> {
    const router = new URL(max.routerUrl);
    return new Promise((resolve, reject) => {
      const req = request({ host: router.hostname, port: router.port, path, headers: { host: hostname } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('with follow: the history, then a line written while following arrives exactly once', async () => {
    expect(await get('/before')).toBe(200);
    const history = await client.logs.list({ network: 'shop', app: 'web' }).toArray();
    expect(history.some((l) => l.line === 'GET /before')).toBe(true);

    const controller = new AbortController();
    const isLine = (text: string) => (i: LogReadItem) => i.type === 'line' && i.line.line === text;
    const read = collectUntil(
      client.logs.read({ network: 'shop', app: 'web' }, { contains: 'GET /', tail: 10, follow: true, signal: controller.signal }),
      (seen) => seen.some(isLine('GET /sentinel')),
      controller,
    );
    await read.waitFor((seen) => seen.some((i) => i.type === 'live'), 'the history and the live marker');
    expect(read.seen.filter(isLine('GET /before'))).toHaveLength(1);

    await new Promise((r) => setTimeout(r, 300));
    expect(await get('/followed')).toBe(200);
    expect(await get('/sentinel')).toBe(200);
    await read.finished;

    const liveAt = read.seen.findIndex((i) => i.type === 'live');
    expect(read.seen.findIndex(isLine('GET /followed'))).toBeGreaterThan(liveAt);
    expect(read.seen.filter(isLine('GET /followed'))).toHaveLength(1);
    const lines = read.seen.flatMap((i) => (i.type === 'line' ? [i.line] : []));
    expect(lines.every((l) => l.line.includes('GET /'))).toBe(true);
    expect(lines.map((l) => l.seq)).toEqual([...new Set(lines.map((l) => l.seq))].sort((a, b) => a - b));
  }, 60_000);
});
