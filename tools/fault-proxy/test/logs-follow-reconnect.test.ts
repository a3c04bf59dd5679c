// Issue 11 defect: `rig logs --follow` through a network that cuts every connection every few seconds lost lines.
// Each connection had joined and streamed, yet the reconnect backoff only reset after 10 s up, so it grew to the
// cap and the follower fell past the server's 10,000-line retention. Now a successful join resets the backoff
// and retention keeps the last 30 s of lines, so a normal reconnect never gaps.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachRealtime, createApiToken, startMaxLocal } from '@max/local';
import { MaxSocket, subscribeEvents, type ConnectionState } from '@max/rig-channels';
import { MaxClient, type LogReadItem } from '@max/rig-sdk';
import { runDeploy } from '@max/rig-sdk/node';
import { afterEach, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../src/index.js';
import { MemoryEvents } from './memory-events.js';

const teardown: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of teardown.splice(0).reverse()) await step();
});

async function until(condition: () => boolean, timeoutMs: number, what: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what()}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('following through a connection that is cut again and again', () => {
  it('every connection that joined resets the backoff: each reconnect is a first attempt, not the n-th', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end());
    const events = new MemoryEvents();
    const ticking: { timer?: NodeJS.Timeout } = {};
    const stopTicking = (): void => clearInterval(ticking.timer);
    const realtime = attachRealtime(server, {
      authenticate: (token) => Promise.resolve(token === 'tok-alice' ? { userId: 'alice', expiresAt: null } : null),
      events,
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = await startFaultProxy({ targetPort: (server.address() as AddressInfo).port });
    teardown.push(async () => {
      stopTicking();
      await proxy.close();
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
    // The default stable period (10 s) is far longer than each connection lives here.
    const socket = new MaxSocket({ url: `ws://127.0.0.1:${proxy.port}/socket`, token: 'tok-alice', backoff: { initialMs: 20, jitter: 0 } });
    teardown.push(() => socket.close());
    const reconnects: number[] = [];
    socket.onStateChange((state: ConnectionState) => {
      if (state.status === 'reconnecting') reconnects.push(state.attempt);
    });
    const received: number[] = [];
    const subscription = subscribeEvents(socket, { userId: 'alice', afterSeq: 0 });
    void (async () => {
      for await (const item of subscription) if (item.kind === 'event') received.push(item.seq);
    })();
    ticking.timer = setInterval(() => events.append(), 5);

    for (let cut = 0; cut < 6; cut += 1) {
      // Wait until this connection has joined and streamed (events arrive only on a joined channel)...
      const before = received.length;
      await until(() => received.length >= before + 5, 20_000, () => `events after cut ${cut} (reconnect attempts so far: ${reconnects.join(', ')})`);
      // ...then pull the cable.
      proxy.cutAll();
      await until(() => reconnects.length > cut, 20_000, () => `reconnect ${cut + 1}`);
    }
    // Before: 1, 2, 3, 4, 5, 6 — each cut counted as one more failure in a row although every connection worked.
    expect(reconnects).toEqual([1, 1, 1, 1, 1, 1]);
    stopTicking();
    const total = events.list.length;
    await until(() => received.length === total, 20_000, () => `catch-up (${received.length} of ${total})`);
    expect(received).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  }, 120_000);

  it('logs.read --follow at ~5k lines/s through cuts after every stretch of lines: every line once, in order, no gap', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rig-follow-cuts-data-'));
    const appDir = await mkdtemp(join(tmpdir(), 'rig-follow-cuts-app-'));
    teardown.push(async () => {
      await rm(dataDir, { recursive: true, force: true });
      await rm(appDir, { recursive: true, force: true });
    });
    // 50 lines every 10 ms, and an HTTP port for the health check.
    await writeFile(
      join(appDir, 'server.js'),
      [
        "require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT));",
        'let n = 0;',
        "setInterval(() => { let out = ''; for (let i = 0; i < 50; i += 1) out += `line ${++n}\\n`; process.stdout.write(out); }, 10);",
      ].join('\n'),
    );
    await writeFile(join(appDir, 'rig.json'), JSON.stringify({ start: 'node server.js' }));
    const max = await startMaxLocal({ port: 0, routerPort: 0, dataDir, stabilizationSeconds: 0 });
    teardown.push(() => max.close());
    const token = await createApiToken({ dataDir, name: 'follow-cuts' });
    const direct = new MaxClient({ apiUrl: max.url, token, retry: false });
    await direct.networks.create({ name: 'shop' });
    const deployed = await runDeploy(direct, { network: 'shop', app: 'web', dir: appDir, create: true });
    expect(deployed.outcome).toBe('live');

    const proxy = await startFaultProxy({ targetPort: Number(new URL(max.url).port) });
    teardown.push(() => proxy.close());
    const client = new MaxClient({ apiUrl: `http://127.0.0.1:${proxy.port}`, token });
    const controller = new AbortController();
    teardown.push(async () => controller.abort());
    const seqs: number[] = [];
    const gaps: LogReadItem[] = [];
    const reading = (async () => {
      for await (const item of client.logs.read({ network: 'shop', app: 'web' }, { tail: 0, follow: true, signal: controller.signal })) {
        if (item.type === 'line') seqs.push(item.line.seq);
        else if (item.type === 'gap') gaps.push(item);
      }
    })();

    for (let cut = 0; cut < 8; cut += 1) {
      const before = seqs.length;
      await until(() => seqs.length >= before + 1_000, 60_000, () => `lines after cut ${cut} (gaps: ${JSON.stringify(gaps)})`);
      proxy.cutAll();
    }
    const target = (seqs.at(-1) ?? 0) + 2_000;
    await until(() => (seqs.at(-1) ?? 0) >= target, 60_000, () => 'lines after the last cut');
    controller.abort();
    await reading;

    expect(gaps).toEqual([]);
    const first = seqs[0] ?? 0;
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => first + i));
    expect(proxy.stats().length).toBeGreaterThanOrEqual(9);
  }, 180_000);
});
