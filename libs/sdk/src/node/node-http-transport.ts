import { Agent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import { HeaderList } from '../core/header-list.js';
import type { RawResponse, RawTransportRequest } from '../core/http-core.js';
import type { UploadTransport } from '../resources/blobs.js';

/**
 * Options of {@link createNodeHttpTransport}.
 *
 * @example
 * ```ts
 * const transport = createNodeHttpTransport({ maxSockets: 3 });
 * ```
 */
export interface NodeHttpTransportOptions {
  /** Connections per origin (default 4): one per upload in flight; idle ones are kept for the next pack. */
  maxSockets?: number;
}

/**
 * An {@link UploadTransport} over `node:http`/`node:https`, plus `close()` to drop its idle connections. It also
 * serves as `MaxClientOptions.transport` for every call (`new MaxClient({ apiUrl, transport })`): a short-lived
 * program then never loads undici, which costs more than the whole request.
 *
 * @example
 * ```ts
 * const transport = createNodeHttpTransport();
 * try {
 *   await client.blobs.uploadPack(() => createChunkStream(chunk).toWeb(), { transport });
 * } finally {
 *   transport.close();
 * }
 * ```
 */
export type NodeHttpTransport = UploadTransport & {
  /** Closes idle kept-alive connections; requests still running finish. */
  close(): void;
};

/** Node's agent for one protocol, made on first use (`node:https`, and TLS with it, only loads for https URLs). */
interface AgentModule {
  request: typeof httpRequest;
  agent: Agent;
}

/**
 * Sends upload bodies with `node:http` instead of `fetch`, holding at most one piece of a body at a time: a web
 * stream body is read one piece at a time, and the next piece is asked for only when the socket has written the
 * previous one (its write callback) — backpressure end to end, and what lets a producer reuse its buffers. `fetch`
 * gives no such signal (it reads ahead and keeps pieces queued), so every piece there must be a fresh buffer.
 *
 * It does the sending only: the client that calls it (`client.blobs.uploadPack(body, { transport })`) supplies
 * the token, retries, the token refresh, timeouts, trace events and the mapping of failures to `MaxError`s, as for
 * any other request. Aborting the request signal destroys the connection and rejects; a response that arrives
 * before the whole body was sent is answered with (and the rest of the body is not read).
 *
 * @example
 * ```ts
 * import { MaxClient } from '@max/rig-sdk';
 * import { createChunkStream, createNodeHttpTransport } from '@max/rig-sdk/node';
 *
 * const transport = createNodeHttpTransport();
 * await client.blobs.uploadPack(() => createChunkStream(chunk).toWeb(), { transport });
 * transport.close();
 * ```
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): NodeHttpTransport {
  const maxSockets = options.maxSockets ?? 4;
  const modules = new Map<string, AgentModule>();

  const moduleFor = async (protocol: string): Promise<AgentModule> => {
    let known = modules.get(protocol);
    if (known !== undefined) return known;
    if (protocol === 'http:') {
      known = { request: httpRequest, agent: new Agent({ keepAlive: true, maxSockets }) };
    } else if (protocol === 'https:') {
      const https = await import('node:https');
      known = { request: https.request, agent: new https.Agent({ keepAlive: true, maxSockets }) };
    } else {
      throw new TypeError(`Unsupported protocol ${protocol} (http: and https: only)`);
    }
    modules.set(protocol, known);
    return known;
  };

  const send = async (request: RawTransportRequest): Promise<RawResponse> => {
    const url = new URL(request.url);
    const { request: makeRequest, agent } = await moduleFor(url.protocol);
    return exchange(makeRequest, agent, url, request);
  };
  return Object.assign(send, {
    close(): void {
      for (const { agent } of modules.values()) agent.destroy();
      modules.clear();
    },
  });
}

/** One request: send the body piece by piece, then resolve with the whole (small, JSON) response. */
function exchange(makeRequest: typeof httpRequest, agent: Agent, url: URL, request: RawTransportRequest): Promise<RawResponse> {
  const { signal } = request;
  return new Promise<RawResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const body = request.body;
    const data = body === undefined ? undefined : typeof body.data === 'function' ? body.data() : body.data;
    const headers: Record<string, string> = {};
    for (const [name, value] of request.headers) headers[name] = value;
    if (data instanceof Uint8Array) headers['content-length'] = String(data.byteLength);
    const req = makeRequest(url, { method: request.method, headers, agent });
    const reader = data === undefined || data instanceof Uint8Array ? undefined : data.getReader();
    let settled = false;
    let bodySent = false;
    /** Settles the write being waited for (with an error when the request failed under it). */
    let writeDone: ((error?: unknown) => void) | undefined;

    /** The socket first, then the body: a borrowed piece must not be reused while the socket could still write it. */
    const stopBody = (reason?: unknown): void => {
      if (!bodySent) req.destroy();
      writeDone?.(reason ?? new Error('The request ended'));
      if (reader !== undefined) void reader.cancel(reason).catch(() => undefined);
    };
    const fail = (error: unknown): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      stopBody(error);
      reject(error);
    };
    const onAbort = (): void => fail(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.on('response', (res: IncomingMessage) => {
      const parts: Buffer[] = [];
      res.on('data', (part: Buffer) => parts.push(part));
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(Object.assign(new Error('The connection closed before the response was complete'), { code: 'ECONNRESET' }));
      });
      res.on('end', () => {
        if (settled) return;
        settled = true;
        signal.removeEventListener('abort', onAbort);
        // Answered before taking the whole body (e.g. 401, 413): the rest is not wanted, and the connection
        // cannot be reused with a request half-sent.
        if (!bodySent) stopBody();
        const status = res.statusCode ?? 0;
        const text = Buffer.concat(parts).toString('utf8');
        resolve({ status, ok: status >= 200 && status < 300, headers: toHeaders(res.headers), text: () => Promise.resolve(text) });
      });
    });

    if (reader === undefined) {
      bodySent = true;
      req.end(data);
      return;
    }
    const pump = async (): Promise<void> => {
      for (;;) {
        const { done, value } = await reader.read();
        if (settled) return;
        if (done) {
          bodySent = true;
          req.end();
          return;
        }
        if (value.byteLength === 0) continue;
        await new Promise<void>((resolveWrite, rejectWrite) => {
          writeDone = (error) => {
            writeDone = undefined;
            if (error === undefined || error === null) resolveWrite();
            else rejectWrite(error);
          };
          // The callback runs once the socket has handed the piece to the kernel: only then is the next asked for.
          req.write(value, (error) => writeDone?.(error));
        });
      }
    };
    pump().catch(fail);
  });
}

/** Node's parsed response headers as a header list (repeated headers appended, as `fetch` would). */
function toHeaders(incoming: IncomingHttpHeaders): HeaderList {
  const headers = new HeaderList();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else headers.set(name, value);
  }
  return headers;
}
