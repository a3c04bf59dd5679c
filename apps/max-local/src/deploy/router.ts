import { createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';

/** The parts of a routed hostname `<app>.<network>.<domain>`. */
export interface RouteHost {
  hostname: string;
  app: string;
  network: string;
}

/**
 * Where an app's requests go. `null` from `resolve` means "no such app" (404); `{port: null}` means the app
 * exists but no release is live (502 "not running").
 */
export type RouteTarget = { port: number | null };

export interface RouterOptions {
  port: number;
  host?: string;
  /** e.g. `localhost`: apps answer at `<app>.<network>.localhost`. */
  domain: string;
  /** Looked up for every request (and every upgrade), so a release switch takes effect at once. */
  resolve: (host: RouteHost) => RouteTarget | null;
}

export interface Router {
  server: Server;
  /** The port actually bound (useful with port 0). */
  port: number;
  url: string;
  /** HTTP requests now in flight to an upstream port. */
  inflight(port: number): number;
  /** Resolves when nothing is in flight to `port`, or after `timeoutMs` (default 10 s) regardless. */
  waitForIdle(port: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Headers that describe one hop, never forwarded (RFC 9110 §7.6.1). `upgrade`/`connection` are re-added for upgrades. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * The app router: one HTTP server that sends each request, by its `Host` header, to the live release of
 * `<app>.<network>.<domain>` — plain HTTP (bodies streamed both ways, `x-forwarded-*` added) and WebSocket or
 * other `Upgrade` requests (bytes piped both ways once the upstream agrees). Unknown hosts get 404; an app with
 * no live release, or an upstream that fails, gets a small HTML 502 page saying which.
 */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const domain = options.domain.toLowerCase().replace(/\.$/, '');
  const inflightByPort = new Map<number, number>();
  const idleWaiters = new Map<number, Set<() => void>>();
  const upgraded = new Set<Duplex>();

  const begin = (port: number): (() => void) => {
    inflightByPort.set(port, (inflightByPort.get(port) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (inflightByPort.get(port) ?? 1) - 1;
      if (left > 0) {
        inflightByPort.set(port, left);
        return;
      }
      inflightByPort.delete(port);
      const waiters = idleWaiters.get(port);
      idleWaiters.delete(port);
      waiters?.forEach((wake) => wake());
    };
  };

  const parseHost = (header: string | undefined): RouteHost | null => {
    if (!header) return null;
    const hostname = header.toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
    if (!hostname.endsWith(`.${domain}`)) return null;
    const labels = hostname.slice(0, -(domain.length + 1)).split('.');
    if (labels.length !== 2) return null;
    const [app, network] = labels as [string, string];
    if (!LABEL.test(app) || !LABEL.test(network)) return null;
    return { hostname, app, network };
  };

  const lookup = (req: IncomingMessage): { host: RouteHost | null; target: RouteTarget | null } => {
    const host = parseHost(req.headers.host);
    return { host, target: host ? options.resolve(host) : null };
  };

  const server = createServer((req, res) => {
    const { host, target } = lookup(req);
    if (!host || !target) {
      sendPage(res, 404, 'No app here', `No app answers at ${escapeHtml(req.headers.host ?? '(no Host header)')}. App URLs look like <code>http://&lt;app&gt;.&lt;network&gt;.${escapeHtml(domain)}</code>.`);
      req.resume();
      return;
    }
    if (target.port === null) {
      sendPage(res, 502, `${host.app} is not running`, `<strong>${escapeHtml(host.app)}</strong> (network ${escapeHtml(host.network)}) is not running — no release is live. Deploy it, or check its logs.`);
      req.resume();
      return;
    }
    proxyRequest(req, res, host, target.port, begin(target.port));
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const { host, target } = lookup(req);
    if (!host || !target || target.port === null) {
      const status = !host || !target ? '404 Not Found' : '502 Bad Gateway';
      socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    proxyUpgrade(req, socket, head, host, target.port, upgraded);
  });

  // Keep-alive sockets from clients would hold close() open; the router answers quickly, so a short timeout is fine.
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;

  return {
    server,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    inflight: (p) => inflightByPort.get(p) ?? 0,
    waitForIdle: (p, timeoutMs = 10_000) =>
      new Promise<void>((resolve) => {
        if (!inflightByPort.get(p)) {
          resolve();
          return;
        }
        const timer = setTimeout(finish, timeoutMs);
        function finish(): void {
          clearTimeout(timer);
          idleWaiters.get(p)?.delete(finish);
          resolve();
        }
        const set = idleWaiters.get(p) ?? new Set();
        set.add(finish);
        idleWaiters.set(p, set);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of upgraded) socket.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function proxyRequest(req: IncomingMessage, res: ServerResponse, host: RouteHost, port: number, done: () => void): void {
  res.once('close', done);
  const upstream = httpRequest({
    host: '127.0.0.1',
    port,
    method: req.method,
    path: req.url,
    headers: forwardHeaders(req, host),
    // One upstream connection per request: a pooled socket to a release that is being replaced could be closed
    // under a request that was just routed to it. Loopback connects are cheap.
    agent: false,
  });
  upstream.once('response', (upstreamRes) => {
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, stripHopByHop(upstreamRes.headers));
    upstreamRes.pipe(res);
    upstreamRes.once('error', () => res.destroy());
    upstreamRes.once('aborted', () => res.destroy());
  });
  upstream.once('error', () => {
    if (!res.headersSent) {
      sendPage(res, 502, 'Upstream failed', `<strong>${escapeHtml(host.app)}</strong> did not answer: the upstream failed. It may be restarting — try again in a moment, or check its logs.`);
    } else {
      res.destroy();
    }
  });
  // The client went away before the answer was complete: stop the upstream request too.
  res.once('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

function proxyUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, host: RouteHost, port: number, upgraded: Set<Duplex>): void {
  const headers = forwardHeaders(req, host);
  headers.connection = 'Upgrade';
  if (req.headers.upgrade) headers.upgrade = req.headers.upgrade;
  const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent: false });
  socket.on('error', () => upstream.destroy());
  upstream.once('upgrade', (upstreamRes, upstreamSocket: Socket, upstreamHead: Buffer) => {
    let response = `HTTP/1.1 ${upstreamRes.statusCode ?? 101} ${upstreamRes.statusMessage ?? 'Switching Protocols'}\r\n`;
    for (let i = 0; i < upstreamRes.rawHeaders.length; i += 2) response += `${upstreamRes.rawHeaders[i]}: ${upstreamRes.rawHeaders[i + 1]}\r\n`;
    socket.write(`${response}\r\n`);
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    upgraded.add(socket);
    const cleanup = (): void => {
      upgraded.delete(socket);
      socket.destroy();
      upstreamSocket.destroy();
    };
    upstreamSocket.on('error', cleanup);
    socket.on('error', cleanup);
    upstreamSocket.on('close', cleanup);
    socket.on('close', cleanup);
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  });
  // The upstream refused the upgrade with an ordinary response: relay it and close.
  upstream.once('response', (upstreamRes) => {
    let response = `HTTP/1.1 ${upstreamRes.statusCode ?? 502} ${upstreamRes.statusMessage ?? ''}\r\n`;
    const headers = stripHopByHop(upstreamRes.headers);
    for (const [name, value] of Object.entries(headers)) {
      for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined) response += `${name}: ${v}\r\n`;
    }
    socket.write(`${response}connection: close\r\n\r\n`);
    upstreamRes.pipe(socket);
  });
  upstream.once('error', () => {
    socket.end('HTTP/1.1 502 Bad Gateway\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
  });
  upstream.end();
}

function forwardHeaders(req: IncomingMessage, host: RouteHost): Record<string, string | string[]> {
  const headers = stripHopByHop(req.headers);
  const remote = req.socket.remoteAddress ?? '';
  const prior = req.headers['x-forwarded-for'];
  headers['x-forwarded-for'] = prior ? `${Array.isArray(prior) ? prior.join(', ') : prior}, ${remote}` : remote;
  headers['x-forwarded-host'] = req.headers.host ?? host.hostname;
  headers['x-forwarded-proto'] = 'http';
  headers['x-forwarded-port'] = String(req.socket.localPort ?? '');
  return headers;
}

function stripHopByHop(source: IncomingHttpHeaders): Record<string, string | string[]> {
  const listed = new Set(
    String(source.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value === undefined || HOP_BY_HOP.has(name) || listed.has(name)) continue;
    out[name] = value;
  }
  return out;
}

function sendPage(res: ServerResponse, status: number, title: string, bodyHtml: string): void {
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · max-local</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40em;margin:4em auto;padding:0 1em;color:#222}
h1{font-size:1.4em}small{color:#777}</style></head>
<body><h1>${status} — ${escapeHtml(title)}</h1><p>${bodyHtml}</p><p><small>max-local router</small></p></body></html>
`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(html), 'cache-control': 'no-store' });
  res.end(html);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}
