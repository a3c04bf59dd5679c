import { MaxClient, type MaxClientOptions } from '../src/client.js';
/**
 * A scripted `fetch` for unit tests: injected through the client's `fetch` option (never patching globals), it
 * records every request and answers from a queue, so each test says exactly which responses exist.
 */

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when there was none (or it was not JSON). */
  body: unknown;
  /** The raw body bytes (uploads), empty when there was none. */
  bytes: Uint8Array;
  signal: AbortSignal;
}

/** Produces the answer to one request: a Response, or a thrown error (e.g. a connection failure). */
export type Responder = (request: RecordedRequest) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  requests: RecordedRequest[];
  /** Adds responders to the end of the queue. */
  enqueue: (...responders: Responder[]) => void;
}

export function createFakeFetch(...responders: Responder[]): FakeFetch {
  const queue = [...responders];
  const requests: RecordedRequest[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const bytes = request.body ? new Uint8Array(await request.arrayBuffer()) : new Uint8Array();
    const isJson = (request.headers.get('content-type') ?? '').includes('json');
    const text = isJson ? new TextDecoder().decode(bytes) : '';
    const recorded: RecordedRequest = {
      method: request.method,
      url: request.url,
      headers: Object.fromEntries(request.headers.entries()),
      body: text === '' ? undefined : (JSON.parse(text) as unknown),
      bytes,
      // The signal the caller passed, not the Request's copy: undici's Request follows it through a WeakRef to its
      // own controller, so once that controller is collected the copy never aborts — `hang()` then waited forever
      // (a flaky http-core abort test).
      signal: init?.signal ?? request.signal,
    };
    requests.push(recorded);
    const responder = queue.shift();
    if (!responder) throw new Error(`fake fetch: unexpected request ${recorded.method} ${recorded.url}`);
    return responder(recorded);
  };
  return { fetch, requests, enqueue: (...more) => queue.push(...more) };
}

/** A JSON response with `x-request-id` set, like every Max response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Responder {
  return () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_test', ...headers },
    });
}

/** A Max error response. */
export function apiError(
  status: number,
  code: string,
  message = `${code} happened`,
  extra: { details?: Record<string, unknown>; headers?: Record<string, string> } = {},
): Responder {
  const error: Record<string, unknown> = { code, message, request_id: 'req_err' };
  if (extra.details) error['details'] = extra.details;
  return json(status, { error }, extra.headers);
}

/** An empty 204. */
export function noContent(): Responder {
  return () => new Response(null, { status: 204, headers: { 'x-request-id': 'req_test' } });
}

/** A non-JSON body. */
export function text(status: number, body: string): Responder {
  return () => new Response(body, { status, headers: { 'content-type': 'text/html' } });
}

/** A connection failure shaped like undici's (`TypeError: fetch failed` with a coded cause). */
export function connectionRefused(): Responder {
  return () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
  };
}

/** Never answers; rejects when the request's signal aborts (to test timeouts and abort). */
export function hang(): Responder {
  return (request) =>
    new Promise<Response>((_resolve, reject) => {
      const fail = (): void => reject(request.signal.reason ?? new DOMException('aborted', 'AbortError'));
      if (request.signal.aborted) fail();
      else request.signal.addEventListener('abort', fail, { once: true });
    });
}

/**
 * A MaxClient against scripted responses, for resource tests: `http://max.test`, no retries unless the options
 * say otherwise.
 */
export function fakeClient(options: Partial<MaxClientOptions>, ...responders: Responder[]): { client: MaxClient; fake: FakeFetch } {
  const fake = createFakeFetch(...responders);
  const client = new MaxClient({ apiUrl: 'http://max.test', retry: false, ...options, fetch: fake.fetch });
  return { client, fake };
}

