import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MaxClient } from '../../src/client.js';
import type { TraceEvent } from '../../src/core/trace-event.js';
import {
  MaxAbortError,
  MaxApiError,
  MaxConnectionError,
  MaxNotFoundError,
  MaxRateLimitError,
  MaxTimeoutError,
  MaxValidationError,
} from '../../src/errors/error-classes.js';
import { createNodeHttpTransport, type NodeHttpTransport } from '../../src/node/index.js';
import * as fixtures from '../wire-fixtures.js';

const TOKEN = 'mxa_SECRETtoken123';
const PACK_OK = { stored: ['9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08'], already_present: [] };

type Handler = (req: IncomingMessage, res: ServerResponse, attempt: number) => void;

interface Recorded {
  headers: IncomingMessage['headers'];
  bytes: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A local server answering pack uploads with `handler` (per attempt), recording headers and body sizes. */
async function serve(handler: Handler): Promise<{ url: string; requests: Recorded[]; server: Server }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const record: Recorded = { headers: req.headers, bytes: 0 };
    requests.push(record);
    req.on('data', (part: Buffer) => (record.bytes += part.length));
    handler(req, res, requests.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

const answer = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': 'req_test', ...headers });
  res.end(JSON.stringify(body));
};
const errorBody = (code: string, message = code) => ({ error: { code, message, request_id: 'req_body' } });
/** Reads the whole request, then answers. */
const afterBody = (respond: (res: ServerResponse, attempt: number) => void): Handler => (req, res, attempt) => {
  req.on('end', () => respond(res, attempt));
  req.resume();
};

function transport(): NodeHttpTransport {
  const t = createNodeHttpTransport();
  cleanups.push(() => t.close());
  return t;
}

/** A body of `count` pieces of `size` bytes, made on demand; records how many were asked for and whether it was cancelled. */
function countedBody(count: number, size: number, fill: (piece: number, buffer: Buffer) => Buffer = (i) => Buffer.alloc(size, i % 256)) {
  const state = { pulled: 0, cancelled: false };
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (state.pulled === count) return controller.close();
        controller.enqueue(fill(state.pulled, Buffer.alloc(0)));
        state.pulled += 1;
      },
      cancel() {
        state.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, state };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('createNodeHttpTransport (through client.blobs.uploadPack)', () => {
  it('sends the token from the provider, the content type and idempotency key; traces redact the token', async () => {
    const { url, requests } = await serve(afterBody((res) => answer(res, 201, PACK_OK)));
    const traces: TraceEvent[] = [];
    const client = new MaxClient({ apiUrl: url, token: async () => TOKEN, onTrace: (e) => traces.push(e), userAgent: 'test-agent' });
    const result = await client.blobs.uploadPack(new Uint8Array([1, 2, 3, 4]), { transport: transport() });

    expect(result).toEqual(PACK_OK);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.headers).toMatchObject({
      authorization: `Bearer ${TOKEN}`,
      'content-type': 'application/gzip',
      'content-length': '4',
    });
    expect(requests[0]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(requests[0]?.headers['user-agent']).toContain('test-agent');
    expect(requests[0]?.bytes).toBe(4);
    expect(traces.map((t) => t.type)).toEqual(['request', 'response']);
    expect(JSON.stringify(traces)).not.toContain(TOKEN);
    expect(traces[0]?.headers.authorization).toMatch(/^Bearer \S+$/);
    expect(traces[1]).toMatchObject({ status: 201, requestId: 'req_test' });
  });

  it('streams a body piece by piece with chunked encoding, and asks for a piece only once the socket wrote the last', async () => {
    // One buffer for every piece, refilled for the next: arrives intact only if no piece is overwritten before
    // the socket has written it.
    const size = 256 * 1024;
    const count = 40;
    const shared = Buffer.alloc(size);
    const received: Buffer[] = [];
    const { url, requests } = await serve((req, res) => {
      req.on('data', (part: Buffer) => received.push(part));
      req.on('end', () => answer(res, 201, PACK_OK));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN });
    const body = countedBody(count, size, (piece) => shared.fill(piece + 1));
    await client.blobs.uploadPack(body.stream, { transport: transport() });

    expect(requests[0]?.headers['transfer-encoding']).toBe('chunked');
    const all = Buffer.concat(received);
    expect(all.length).toBe(size * count);
    for (let piece = 0; piece < count; piece++) {
      const part = all.subarray(piece * size, (piece + 1) * size);
      expect(part.every((byte) => byte === piece + 1)).toBe(true);
    }
  });

  it('respects backpressure: while the server does not read, no more pieces are asked for', async () => {
    const size = 1024 * 1024;
    const count = 64;
    let reading: IncomingMessage | undefined;
    const { url } = await serve((req, res) => {
      reading = req;
      req.pause();
      req.on('end', () => answer(res, 201, PACK_OK));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN });
    const body = countedBody(count, size);
    const upload = client.blobs.uploadPack(body.stream, { transport: transport() });

    await sleep(300);
    const pulledWhilePaused = body.state.pulled;
    await sleep(200);
    // Stalled, with only what the kernel's socket buffers hold in flight (a few MiB on loopback), not 64 MiB.
    expect(body.state.pulled).toBe(pulledWhilePaused);
    expect(pulledWhilePaused).toBeLessThan(24);
    reading?.resume();
    await expect(upload).resolves.toEqual(PACK_OK);
    expect(body.state.pulled).toBe(count);
  });

  it('aborting mid-body rejects with MaxAbortError, destroys the request and cancels the body', async () => {
    let closed = false;
    const { url } = await serve((req) => {
      req.resume(); // reads, never answers
      req.socket.on('close', () => (closed = true));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN });
    const body = countedBody(1_000_000, 64 * 1024);
    const controller = new AbortController();
    const upload = client.blobs.uploadPack(body.stream, { transport: transport(), signal: controller.signal });
    await sleep(100);
    const started = Date.now();
    controller.abort();
    await expect(upload).rejects.toBeInstanceOf(MaxAbortError);
    expect(Date.now() - started).toBeLessThan(500);
    expect(body.state.cancelled).toBe(true);
    await sleep(50);
    expect(closed).toBe(true);
  });

  it('an attempt that outlives its timeout fails with MaxTimeoutError', async () => {
    const { url } = await serve((req) => req.resume()); // reads, never answers
    const client = new MaxClient({ apiUrl: url, token: TOKEN });
    await expect(client.blobs.uploadPack(new Uint8Array(16), { transport: transport(), timeoutMs: 100, retries: 0 })).rejects.toBeInstanceOf(
      MaxTimeoutError,
    );
  });

  it('maps error answers to the same MaxError classes as fetch does', async () => {
    const cases: [number, unknown, Record<string, string>, unknown][] = [
      [422, errorBody('digest_mismatch', 'blob 9f… does not match'), {}, MaxValidationError],
      [429, errorBody('rate_limited'), { 'retry-after': '7' }, MaxRateLimitError],
      [503, errorBody('internal_error'), {}, MaxApiError],
    ];
    for (const [status, body, headers, type] of cases) {
      const { url } = await serve(afterBody((res) => answer(res, status, body, headers)));
      const client = new MaxClient({ apiUrl: url, token: TOKEN, retry: false });
      const error: unknown = await client.blobs.uploadPack(new Uint8Array(8), { transport: transport() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(type);
      expect(error).toMatchObject({ status, requestId: 'req_body', request: { method: 'POST' } });
      if (status === 422) expect(error).toMatchObject({ code: 'digest_mismatch', message: 'blob 9f… does not match' });
      if (status === 429) expect(error).toMatchObject({ retryAfterMs: 7000 });
    }
  });

  it('a refused connection is a MaxConnectionError naming the cause', async () => {
    const { url, server } = await serve(() => undefined);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const client = new MaxClient({ apiUrl: url, token: TOKEN, retry: false });
    const error: unknown = await client.blobs.uploadPack(new Uint8Array(8), { transport: transport() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxConnectionError);
    expect((error as Error).message).toContain('ECONNREFUSED');
  });

  it('an answer before the whole body was read is used as is, and the rest of the body is not produced', async () => {
    const { url } = await serve((req, res) => {
      req.pause();
      answer(res, 413, errorBody('payload_too_large', 'Pack too large'));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN, retry: false });
    const body = countedBody(1000, 1024 * 1024);
    const error: unknown = await client.blobs.uploadPack(body.stream, { transport: transport() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large' });
    expect(body.state.cancelled).toBe(true);
    expect(body.state.pulled).toBeLessThan(100);
  });

  it('retries a 5xx with a fresh body from the factory, reusing the idempotency key', async () => {
    const { url, requests } = await serve(
      afterBody((res, attempt) => (attempt === 1 ? answer(res, 503, errorBody('internal_error')) : answer(res, 201, PACK_OK))),
    );
    const client = new MaxClient({ apiUrl: url, token: TOKEN, retry: { limit: 2, maxDelayMs: 5 } });
    let made = 0;
    const result = await client.blobs.uploadPack(
      () => {
        made += 1;
        return countedBody(3, 1000).stream;
      },
      { transport: transport(), retries: 2 },
    );
    expect(result).toEqual(PACK_OK);
    expect(made).toBe(2);
    expect(requests.map((r) => r.bytes)).toEqual([3000, 3000]);
    expect(requests[1]?.headers['idempotency-key']).toBe(requests[0]?.headers['idempotency-key']);
  });

  it('on token_expired, asks the provider for a fresh token once and re-sends the body with it', async () => {
    const { url, requests } = await serve(
      afterBody((res, attempt) => (attempt === 1 ? answer(res, 401, errorBody('token_expired')) : answer(res, 201, PACK_OK))),
    );
    const asked: boolean[] = [];
    const client = new MaxClient({
      apiUrl: url,
      token: async ({ forceRefresh }) => {
        asked.push(forceRefresh);
        return forceRefresh ? 'mxa_fresh' : 'mxa_stale';
      },
    });
    const result = await client.blobs.uploadPack(() => countedBody(2, 500).stream, { transport: transport() });
    expect(result).toEqual(PACK_OK);
    expect(asked).toEqual([false, true]);
    expect(requests.map((r) => r.headers.authorization)).toEqual(['Bearer mxa_stale', 'Bearer mxa_fresh']);
    expect(requests[1]?.bytes).toBe(1000);
  });

  it('keeps connections alive between uploads and closes them on close()', async () => {
    const { url, server } = await serve(afterBody((res) => answer(res, 201, PACK_OK)));
    let connections = 0;
    let open = 0;
    server.on('connection', (socket) => {
      connections += 1;
      open += 1;
      socket.on('close', () => (open -= 1));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN });
    const t = createNodeHttpTransport({ maxSockets: 1 });
    await client.blobs.uploadPack(new Uint8Array(4), { transport: t });
    await client.blobs.uploadPack(() => countedBody(2, 100).stream, { transport: t });
    expect(connections).toBe(1);
    t.close();
    await sleep(50);
    expect(open).toBe(0);
  });
});

describe('createNodeHttpTransport as the client transport (MaxClientOptions.transport)', () => {
  it('sends JSON calls (with and without a body) over node:http with the token, JSON body and idempotency key', async () => {
    const bodies: string[] = [];
    const { url, requests } = await serve((req, res) => {
      let text = '';
      req.setEncoding('utf8');
      req.on('data', (part: string) => (text += part));
      req.on('end', () => {
        bodies.push(text);
        if (req.method === 'GET') answer(res, 200, fixtures.me);
        else answer(res, 201, fixtures.network('staging'));
      });
    });
    const traces: TraceEvent[] = [];
    const client = new MaxClient({ apiUrl: url, token: TOKEN, transport: transport(), onTrace: (e) => traces.push(e) });

    expect(await client.me.get()).toEqual(fixtures.me);
    expect((await client.networks.create({ name: 'staging' })).name).toBe('staging');

    expect(requests.map((r) => r.headers['content-type'] ?? null)).toEqual([null, 'application/json']);
    expect(requests[0]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}`, accept: 'application/json' });
    expect(requests[0]?.headers['content-length']).toBeUndefined();
    expect(bodies).toEqual(['', JSON.stringify({ name: 'staging' })]);
    expect(requests[1]?.headers['content-length']).toBe(String(Buffer.byteLength(bodies[1] ?? '')));
    expect(requests[1]?.headers['idempotency-key']).toMatch(/^[0-9a-f-]{36}$/);
    expect(traces.filter((t) => t.type === 'response').map((t) => t.status)).toEqual([200, 201]);
    expect(JSON.stringify(traces)).not.toContain(TOKEN);
  });

  it('maps error answers, Retry-After and retries exactly as the fetch path does', async () => {
    const { url, requests } = await serve((req, res, attempt) => {
      req.resume();
      if (attempt === 1) answer(res, 503, errorBody('unavailable'), { 'retry-after': '0' });
      else answer(res, 404, errorBody('not_found', 'no network "x"'));
    });
    const client = new MaxClient({ apiUrl: url, token: TOKEN, transport: transport(), retry: { limit: 2 } });
    const error = await client.networks.get('x').catch((e: unknown) => e);
    expect(requests).toHaveLength(2);
    expect(error).toBeInstanceOf(MaxNotFoundError);
    expect(error).toMatchObject({ status: 404, code: 'not_found', requestId: 'req_body' });
  });
});
