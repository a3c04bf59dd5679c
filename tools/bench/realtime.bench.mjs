// Realtime: push→reply round trip and event-stream throughput through max-local's Phoenix Channels endpoint and
// @max/rig-channels (the official phoenix client inside), against a raw `ws` echo/stream baseline measured in
// the same run on the same machine. Ratios are ours ÷ baseline (lower is better for latency, higher for rate).
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import WebSocket, { WebSocketServer } from 'ws';
import { summarize, fmtMs } from './stats.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const ROUND_TRIPS = Number(process.env.BENCH_ROUND_TRIPS ?? 2_000);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 20_000);
// The built bundles by default (what `npm run bench` builds); BENCH_MAX_LOCAL points elsewhere (e.g. sources under tsx).
const { attachRealtime, prefixMatcher } = await import(
  process.env.BENCH_MAX_LOCAL ?? pathToFileURL(join(root, 'apps/max-local/dist/index.mjs')).href
);
const { MaxSocket } = await import('@max/rig-channels');

const listen = (server) => new Promise((done) => server.listen(0, '127.0.0.1', () => done(server.address().port)));
const closeServer = (server) =>
  new Promise((done) => {
    server.closeAllConnections();
    server.close(() => done());
  });

function makeEvent(seq) {
  return {
    id: `evt_${seq}`,
    seq,
    action: 'app.updated',
    actor: { type: 'user', id: 'usr_bench', email: 'bench@example.com' },
    target: { type: 'app', network: 'bench', app: 'web' },
    details: { field: 'description' },
    created_at: new Date(1_700_000_000_000 + seq).toISOString(),
  };
}

/** In-memory event log with the EventLog contract (gap-free seqs, listAfter, subscribe). */
function memoryEvents() {
  const list = [];
  const listeners = new Set();
  return {
    list,
    append() {
      const event = makeEvent(list.length + 1);
      list.push(event);
      for (const listener of listeners) listener('usr_bench', event);
    },
    listAfter: (_user, afterSeq, limit) => list.slice(afterSeq, afterSeq + limit),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    latestSeq: () => list.length,
  };
}

// ---- baseline: raw ws -------------------------------------------------------------------------------------
async function baseline() {
  const server = createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false });
  let streamTo;
  wss.on('connection', (ws) => {
    streamTo = ws;
    ws.on('message', (data) => ws.send(data.toString())); // echo, JSON text like a phx_reply
  });
  const port = await listen(server);
  const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
  await new Promise((done) => ws.once('open', done));

  const latencies = [];
  for (let i = 0; i < ROUND_TRIPS + 100; i += 1) {
    const t0 = process.hrtime.bigint();
    await new Promise((done) => {
      ws.once('message', (data) => {
        JSON.parse(data.toString());
        done();
      });
      ws.send(JSON.stringify(['1', String(i), 'bench:echo', 'echo', { i }]));
    });
    if (i >= 100) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  // Throughput: the server sends EVENTS event frames; the client parses each one.
  let received = 0;
  const t0 = process.hrtime.bigint();
  await new Promise((done) => {
    ws.on('message', (data) => {
      JSON.parse(data.toString());
      if (++received === EVENTS) done();
    });
    for (let seq = 1; seq <= EVENTS; seq += 1) streamTo.send(JSON.stringify(['1', null, 'events:usr_bench', 'event', makeEvent(seq)]));
  });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  ws.close();
  wss.close();
  await closeServer(server);
  return { latency: summarize(latencies), rate: EVENTS / seconds };
}

// ---- ours: max-local endpoint + @max/rig-channels -------------------------------------------------------------
async function ours() {
  const server = createServer();
  const events = memoryEvents();
  const echoTopic = {
    name: 'bench',
    matches: prefixMatcher('bench:'),
    join: () => ({ status: 'ok', response: {}, handler: { handleIn: (_event, payload) => ({ status: 'ok', response: payload }) } }),
  };
  const realtime = attachRealtime(
    server,
    { authenticate: async (token) => (token === 'tok-bench' ? { userId: 'usr_bench', expiresAt: null } : null), events },
    { topics: [echoTopic] },
  );
  const port = await listen(server);
  const socket = new MaxSocket({ url: `ws://127.0.0.1:${port}/socket`, token: 'tok-bench' });
  const channel = socket.channel('bench:echo');
  await channel.join();

  const latencies = [];
  for (let i = 0; i < ROUND_TRIPS + 100; i += 1) {
    const t0 = process.hrtime.bigint();
    await channel.push('echo', { i });
    if (i >= 100) latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }

  // Throughput: EVENTS appended to the log, delivered live through events:<user>, validated and deduped.
  const schema = { safeParse: (value) => ({ success: true, data: value }) };
  let received = 0;
  const subscription = socket.subscribe('events:usr_bench', { schema, cursor: 0 });
  const iterator = subscription[Symbol.asyncIterator]();
  const t0 = process.hrtime.bigint();
  for (let seq = 1; seq <= EVENTS; seq += 1) events.append();
  while (received < EVENTS) {
    const { done } = await iterator.next();
    if (done) throw new Error('stream ended early');
    received += 1;
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  await subscription.close();
  await socket.close();
  await realtime.close();
  await closeServer(server);
  return { latency: summarize(latencies), rate: EVENTS / seconds };
}

const base = await baseline();
const mine = await ours();
const rows = [
  ['case', 'p50', 'p99', 'mean', 'events/s'],
  ['raw ws echo / stream (baseline)', fmtMs(base.latency.p50), fmtMs(base.latency.p99), fmtMs(base.latency.mean), base.rate.toFixed(0)],
  ['max-local channels + rig-channels', fmtMs(mine.latency.p50), fmtMs(mine.latency.p99), fmtMs(mine.latency.mean), mine.rate.toFixed(0)],
  [
    'ratio (ours ÷ baseline)',
    `${(mine.latency.p50 / base.latency.p50).toFixed(2)}×`,
    `${(mine.latency.p99 / base.latency.p99).toFixed(2)}×`,
    `${(mine.latency.mean / base.latency.mean).toFixed(2)}×`,
    `${(mine.rate / base.rate).toFixed(2)}×`,
  ],
];
const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
console.log(`push→reply round trips: ${ROUND_TRIPS} (after 100 warm-up); streamed events: ${EVENTS}`);
for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
