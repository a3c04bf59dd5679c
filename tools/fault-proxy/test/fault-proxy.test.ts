import { createServer, connect, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../src/index.js';

/** A TCP echo server. */
let echo: Server;
let echoPort: number;
beforeAll(async () => {
  echo = createServer((socket) => {
    socket.on('error', () => undefined); // the proxy cuts with RST: ECONNRESET here is expected
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
  echoPort = (echo.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => echo.close(() => resolve())));

async function withProxy(run: (proxy: FaultProxy) => Promise<void>): Promise<void> {
  const proxy = await startFaultProxy({ targetPort: echoPort });
  try {
    await run(proxy);
  } finally {
    await proxy.close();
  }
}

function client(port: number): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    let data = '';
    socket.on('data', (chunk: Buffer) => (data += chunk.toString()));
    const closed = new Promise<void>((done) => socket.on('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault proxy', () => {
  it('forwards both ways on 127.0.0.1 and counts bytes per connection', async () => {
    await withProxy(async (proxy) => {
      expect(proxy.host).toBe('127.0.0.1');
      const c = await client(proxy.port);
      c.socket.write('hello');
      await sleep(50);
      expect(c.received()).toBe('hello');
      expect(proxy.stats()).toMatchObject([{ id: 1, bytesUp: 5, bytesDown: 5, closedAt: null, cutReason: null }]);
      c.socket.destroy();
    });
  });

  it('cutAll drops every open connection', async () => {
    await withProxy(async (proxy) => {
      const a = await client(proxy.port);
      const b = await client(proxy.port);
      await sleep(20);
      expect(proxy.cutAll()).toBe(2);
      await Promise.all([a.closed, b.closed]);
      expect(proxy.openConnections).toBe(0);
      expect(proxy.stats().map((s) => s.cutReason)).toEqual(['cut', 'cut']);
    });
  });

  it('cuts a connection after N bytes', async () => {
    await withProxy(async (proxy) => {
      proxy.cutAfterBytes(8); // 5 up + 3 down
      const c = await client(proxy.port);
      c.socket.write('hello');
      await c.closed;
      expect(c.received()).toBe('hel');
      expect(proxy.stats()[0]).toMatchObject({ bytesUp: 5, bytesDown: 3, cutReason: 'cut_after_bytes' });
    });
  });

  it('adds latency in each direction', async () => {
    await withProxy(async (proxy) => {
      proxy.setLatency(100);
      const c = await client(proxy.port);
      const started = Date.now();
      c.socket.write('x');
      while (c.received() === '') await sleep(5);
      expect(Date.now() - started).toBeGreaterThanOrEqual(190);
      c.socket.destroy();
    });
  });

  it('black-holes: open connections go silent, new ones are accepted and never forwarded', async () => {
    await withProxy(async (proxy) => {
      const before = await client(proxy.port);
      proxy.setBlackHole(true);
      before.socket.write('lost');
      const after = await client(proxy.port);
      after.socket.write('also lost');
      await sleep(100);
      expect(before.received()).toBe('');
      expect(after.received()).toBe('');
      expect(before.socket.destroyed || after.socket.destroyed).toBe(false);
      expect(proxy.stats().map((s) => [s.blackHoled, s.bytesDropped])).toEqual([
        [true, 4],
        [true, 9],
      ]);
      proxy.setBlackHole(false);
      const fresh = await client(proxy.port);
      fresh.socket.write('ok');
      await sleep(50);
      expect(fresh.received()).toBe('ok');
      for (const c of [before, after, fresh]) c.socket.destroy();
    });
  });
});
