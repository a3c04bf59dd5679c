import { createServer, connect, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy that injects network faults, for tests and for trying things by hand: cut every connection,
 * cut a connection after N bytes, add latency, or black-hole (accept, never forward, never close).
 * It listens on 127.0.0.1 only.
 */
export interface FaultProxyOptions {
  /** Where connections are forwarded. */
  targetPort: number;
  targetHost?: string;
  /** Port to listen on (default 0: any free port). */
  listenPort?: number;
}

export type Direction = 'up' | 'down';

export interface ConnectionStats {
  id: number;
  openedAt: number;
  closedAt: number | null;
  /** Bytes client → target forwarded. */
  bytesUp: number;
  /** Bytes target → client forwarded. */
  bytesDown: number;
  /** Bytes swallowed while black-holed. */
  bytesDropped: number;
  blackHoled: boolean;
  /** Why the proxy ended it (`cut`, `cut_after_bytes`, `closed`), or null while open / closed by a peer. */
  cutReason: string | null;
}

export interface FaultProxy {
  readonly port: number;
  readonly host: '127.0.0.1';
  /** Destroys every open connection now (both sides, like a network drop: no close handshake). */
  cutAll(): number;
  /** Cuts each connection once it has forwarded `bytes` more bytes (both directions together). null: never. */
  cutAfterBytes(bytes: number | null): void;
  /** Delays every chunk in both directions by `ms` (order is kept). */
  setLatency(ms: number): void;
  /** On: open connections stop forwarding and new ones are accepted but never connected upstream. */
  setBlackHole(on: boolean): void;
  /** Per-connection statistics, oldest first (closed ones included). */
  stats(): ConnectionStats[];
  readonly openConnections: number;
  close(): Promise<void>;
}

interface Connection {
  stats: ConnectionStats;
  client: Socket;
  upstream: Socket | null;
  /** Bytes left before a cut_after_bytes rule fires. */
  budget: number | null;
  queues: Record<Direction, { chunk: Buffer; due: number }[]>;
  timers: Record<Direction, NodeJS.Timeout | undefined>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const targetHost = options.targetHost ?? '127.0.0.1';
  const open = new Set<Connection>();
  const history: ConnectionStats[] = [];
  let nextId = 1;
  let latencyMs = 0;
  let blackHole = false;
  let cutAfter: number | null = null;

  const destroy = (conn: Connection, reason: string | null): void => {
    if (conn.stats.closedAt !== null) return;
    conn.stats.closedAt = Date.now();
    if (reason !== null) conn.stats.cutReason = reason;
    clearTimeout(conn.timers.up);
    clearTimeout(conn.timers.down);
    // resetAndDestroy sends an RST, the closest thing to a pulled cable that a loopback socket can do.
    conn.client.resetAndDestroy();
    conn.upstream?.resetAndDestroy();
    open.delete(conn);
  };

  const write = (conn: Connection, direction: Direction, chunk: Buffer): void => {
    const target = direction === 'up' ? conn.upstream : conn.client;
    if (!target || conn.stats.closedAt !== null) return;
    let out = chunk;
    if (conn.budget !== null) {
      if (chunk.length >= conn.budget) out = chunk.subarray(0, conn.budget);
      conn.budget -= out.length;
    }
    if (direction === 'up') conn.stats.bytesUp += out.length;
    else conn.stats.bytesDown += out.length;
    target.write(out);
    if (conn.budget === 0) destroy(conn, 'cut_after_bytes');
  };

  const pump = (conn: Connection, direction: Direction): void => {
    const queue = conn.queues[direction];
    conn.timers[direction] = undefined;
    const now = Date.now();
    let head = queue[0];
    while (head !== undefined && head.due <= now) {
      queue.shift();
      write(conn, direction, head.chunk);
      head = queue[0];
    }
    if (head !== undefined) conn.timers[direction] = setTimeout(() => pump(conn, direction), head.due - now);
  };

  const forward = (conn: Connection, direction: Direction, chunk: Buffer): void => {
    if (conn.stats.blackHoled) {
      conn.stats.bytesDropped += chunk.length;
      return;
    }
    const queue = conn.queues[direction];
    if (latencyMs === 0 && queue.length === 0) {
      write(conn, direction, chunk);
      return;
    }
    queue.push({ chunk, due: Date.now() + latencyMs });
    if (conn.timers[direction] === undefined) pump(conn, direction);
  };

  const server: Server = createServer({ noDelay: true }, (client) => {
    const stats: ConnectionStats = {
      id: nextId++,
      openedAt: Date.now(),
      closedAt: null,
      bytesUp: 0,
      bytesDown: 0,
      bytesDropped: 0,
      blackHoled: blackHole,
      cutReason: null,
    };
    history.push(stats);
    const conn: Connection = {
      stats,
      client,
      upstream: null,
      budget: cutAfter,
      queues: { up: [], down: [] },
      timers: { up: undefined, down: undefined },
    };
    open.add(conn);
    client.on('error', () => destroy(conn, null));
    client.on('close', () => destroy(conn, null));
    client.on('data', (chunk: Buffer) => forward(conn, 'up', chunk));
    if (stats.blackHoled) return; // accepted, never forwarded, never closed
    const upstream = connect({ host: targetHost, port: options.targetPort, noDelay: true });
    conn.upstream = upstream;
    upstream.on('data', (chunk: Buffer) => forward(conn, 'down', chunk));
    upstream.on('error', () => destroy(conn, null));
    upstream.on('close', () => destroy(conn, null));
    // Data the client sent before the upstream connected is buffered by the socket's write queue.
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listenPort ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('fault proxy: no TCP address');

  return {
    port: address.port,
    host: '127.0.0.1',
    cutAll() {
      const victims = [...open];
      for (const conn of victims) destroy(conn, 'cut');
      return victims.length;
    },
    cutAfterBytes(bytes) {
      cutAfter = bytes;
      for (const conn of open) conn.budget = bytes;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    setBlackHole(on) {
      blackHole = on;
      // Connections black-holed earlier stay dead: bytes were lost, the stream inside is corrupt.
      if (on) for (const conn of open) conn.stats.blackHoled = true;
    },
    stats: () => history.map((stats) => ({ ...stats })),
    get openConnections() {
      return open.size;
    },
    async close() {
      for (const conn of [...open]) destroy(conn, 'closed');
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
