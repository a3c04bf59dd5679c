import { describe, expect, it } from 'vitest';
import { createFakeFetch, json } from '../../test/fake-fetch.js';
import { MaxClient } from '../client.js';
import { MaxValidationError } from '../errors/error-classes.js';
import type { LogStreamItem } from '../realtime/log-stream.js';
import type { LogLine, LogPage } from '../types.js';
import { readLogs, type LogReadApi, type LogReadItem, type LogReadOptions } from './log-read.js';
import type { LogListParams, LogStreamParams } from './logs.js';

const line = (seq: number, text = `line ${seq}`, stream: LogLine['stream'] = 'stdout'): LogLine => ({
  seq,
  ts: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  stream,
  source: 'app',
  line: text,
});

/**
 * A log stream held in memory, served like max-local does: pages (with `has_more`, `earliest_seq`, `latest_seq`),
 * tails, and a live stream that replays after `afterSeq` then yields the scripted live items. Records every call.
 */
class FakeLogs implements LogReadApi {
  readonly pageCalls: LogListParams[] = [];
  readonly streamCalls: LogStreamParams[] = [];
  constructor(
    public retained: LogLine[],
    private readonly live: LogStreamItem[] = [],
    /** Lines appended between the history and the join (written while the history was being read). */
    private readonly racing: LogLine[] = [],
  ) {}

  page(_target: unknown, params: LogListParams = {}): Promise<LogPage> {
    this.pageCalls.push(params);
    const matching = this.retained.filter(
      (l) =>
        (params.afterSeq === undefined || l.seq > params.afterSeq) &&
        (params.stream === undefined || l.stream === params.stream) &&
        (params.since === undefined || l.ts >= String(params.since)) &&
        (params.until === undefined || l.ts < String(params.until)),
    );
    const limit = params.limit ?? 100;
    const data = params.tail ? matching.slice(-limit) : matching.slice(0, limit);
    return Promise.resolve({
      data,
      has_more: !params.tail && matching.length > limit,
      earliest_seq: this.retained[0]?.seq ?? null,
      latest_seq: this.retained.at(-1)?.seq ?? null,
    });
  }

  async *stream(_target: unknown, params: LogStreamParams = {}): AsyncGenerator<LogStreamItem, void, undefined> {
    this.streamCalls.push(params);
    const after = params.afterSeq ?? 0;
    for (const l of [...this.retained, ...this.racing]) {
      if (l.seq > after && (params.stream === undefined || l.stream === params.stream)) yield { type: 'line', line: l };
    }
    yield* this.live;
  }
}

const signal = new AbortController().signal;

async function collect(api: LogReadApi, options: LogReadOptions): Promise<LogReadItem[]> {
  const items: LogReadItem[] = [];
  for await (const item of readLogs(api, { network: 'shop', app: 'web' }, { signal, ...options })) items.push(item);
  return items;
}
const seqs = (items: LogReadItem[]) => items.flatMap((i) => (i.type === 'line' ? [i.line.seq] : []));

describe('logs.read: history', () => {
  it('tail N: one tail request, the newest N ascending; no stream opened without follow', async () => {
    const api = new FakeLogs(Array.from({ length: 10 }, (_, i) => line(i + 1)));
    expect(seqs(await collect(api, { tail: 3 }))).toEqual([8, 9, 10]);
    expect(api.pageCalls).toEqual([{ tail: true, limit: 3 }]);
    expect(api.streamCalls).toEqual([]);
  });

  it('the whole history pages forward by seq until has_more is false', async () => {
    const api = new FakeLogs(Array.from({ length: 2500 }, (_, i) => line(i + 1)));
    const got = seqs(await collect(api, {}));
    expect(got).toHaveLength(2500);
    expect(got.at(-1)).toBe(2500);
    expect(api.pageCalls.map((p) => p.afterSeq)).toEqual([undefined, 1000, 2000]);
  });

  it('contains with tail: the newest N matching lines, across the whole history', async () => {
    const api = new FakeLogs(Array.from({ length: 1500 }, (_, i) => line(i + 1, i % 2 === 0 ? `GET /${i + 1}` : 'noise')));
    const items = await collect(api, { tail: 2, contains: 'GET' });
    expect(items.map((i) => (i.type === 'line' ? i.line.line : i.type))).toEqual(['GET /1497', 'GET /1499']);
  });

  it('retention: a listing that reaches back past the oldest retained line reports the lost range first', async () => {
    const api = new FakeLogs([line(41), line(42)]);
    expect((await collect(api, {}))[0]).toEqual({ type: 'gap', fromSeq: 1, toSeq: 40, reason: 'retention' });
    // A tail the retained lines cannot fill reaches back too; one they fill does not.
    expect((await collect(api, { tail: 5 }))[0]?.type).toBe('gap');
    expect((await collect(api, { tail: 2 }))[0]?.type).toBe('line');
    // With since, which lost lines fell in the window is unknown: nothing is claimed.
    expect((await collect(api, { since: '2020-01-01T00:00:00.000Z' }))[0]?.type).toBe('line');
  });

  it('filters go to the server (stream, since, until)', async () => {
    const api = new FakeLogs([line(1), line(2, 'boom', 'stderr'), line(3)]);
    const items = await collect(api, { stream: 'stderr', since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' });
    expect(seqs(items)).toEqual([2]);
    expect(api.pageCalls[0]).toMatchObject({ stream: 'stderr', since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' });
  });

  it('a server whose paging does not advance is malformed, not an endless loop', async () => {
    const stuck: LogReadApi = {
      page: () => Promise.resolve({ data: [line(3)], has_more: true, earliest_seq: 1, latest_seq: 9 }),
      stream: () => {
        throw new Error('not reached');
      },
    };
    await expect(collect(stuck, {})).rejects.toMatchObject({ code: 'malformed_response' });
  });
});

describe('logs.read: follow', () => {
  it('resumes after the newest seq the history saw: a line written in between is streamed, none twice', async () => {
    const api = new FakeLogs([line(1), line(2), line(3)], [{ type: 'line', line: line(5) }], [line(4)]);
    const items = await collect(api, { tail: 2, follow: true });
    expect(items.map((i) => i.type)).toEqual(['line', 'line', 'live', 'line', 'line']);
    expect(seqs(items)).toEqual([2, 3, 4, 5]);
    expect(api.streamCalls[0]).toMatchObject({ afterSeq: 3 });
  });

  it('resumes after the stream head even when the filters listed nothing (no replay of filtered-out lines)', async () => {
    const api = new FakeLogs([line(1, 'a'), line(2, 'b')], [{ type: 'line', line: line(3, 'match me') }]);
    const items = await collect(api, { contains: 'match', follow: true, tail: 0 });
    expect(seqs(items)).toEqual([3]);
    expect(api.streamCalls[0]?.afterSeq).toBe(2);
  });

  it('tail 0 on an empty stream starts live from 0', async () => {
    const api = new FakeLogs([], [{ type: 'line', line: line(1) }]);
    expect(seqs(await collect(api, { tail: 0, follow: true }))).toEqual([1]);
    expect(api.streamCalls[0]?.afterSeq).toBe(0);
  });

  it('applies contains and stream live too, drops anything at or below the cursor, reports live gaps', async () => {
    const api = new FakeLogs(
      [line(1, 'GET /a')],
      [
        { type: 'line', line: line(1, 'GET /a') },
        { type: 'gap', fromSeq: 2, toSeq: 9, reason: 'retention' },
        { type: 'line', line: line(9, 'GET /inside-the-gap') },
        { type: 'line', line: line(10, 'POST /b') },
        { type: 'line', line: line(11, 'GET /c') },
      ],
    );
    const items = await collect(api, { contains: 'GET', stream: 'stdout', follow: true });
    expect(items.filter((i) => i.type !== 'live')).toEqual([
      { type: 'line', line: line(1, 'GET /a') },
      { type: 'gap', fromSeq: 2, toSeq: 9, reason: 'retention' },
      { type: 'line', line: line(11, 'GET /c') },
    ]);
    expect(api.streamCalls[0]).toMatchObject({ afterSeq: 1, stream: 'stdout', signal });
  });

  it('a build log ends at eof', async () => {
    const api = new FakeLogs([line(1)], [{ type: 'eof', lastSeq: 1, state: 'failed' }, { type: 'line', line: line(2) }]);
    const items = await collect(api, { follow: true });
    expect(items.at(-1)).toEqual({ type: 'eof', lastSeq: 1, state: 'failed' });
    expect(seqs(items)).toEqual([1]);
  });

  it('an abort during the history opens no live stream', async () => {
    const controller = new AbortController();
    const api = new FakeLogs([line(1)], [{ type: 'line', line: line(2) }]);
    const items: LogReadItem[] = [];
    for await (const item of readLogs(api, { deployment: 'dep_1' }, { follow: true, signal: controller.signal })) {
      items.push(item);
      controller.abort();
    }
    expect(items.map((i) => i.type)).toEqual(['line']);
    expect(api.streamCalls).toEqual([]);
  });
});

describe('client.logs.read', () => {
  const page = (seqs: number[], extra: Partial<LogPage> = {}): LogPage => ({
    data: seqs.map((s) => line(s)),
    has_more: false,
    earliest_seq: 1,
    latest_seq: seqs.at(-1) ?? null,
    ...extra,
  });

  it('reads through the logs endpoint: the tail in one request, a retention gap first', async () => {
    const fake = createFakeFetch(json(200, page([7, 8], { earliest_seq: 7 })));
    const client = new MaxClient({ apiUrl: 'http://max.test', token: 'mxp_test', fetch: fake.fetch, retry: false });
    const items: LogReadItem[] = [];
    for await (const item of client.logs.read({ network: 'shop', app: 'web' }, { tail: 5, stream: 'stderr', since: new Date('2026-01-01T00:00:00Z') })) items.push(item);
    expect(seqs(items)).toEqual([7, 8]);
    expect(items[0]?.type).toBe('line'); // with `since`, retention before the window is not claimed
    expect(fake.requests.map((r) => `${new URL(r.url).pathname}${new URL(r.url).search}`)).toEqual([
      '/api/v1/networks/shop/apps/web/logs?since=2026-01-01T00%3A00%3A00.000Z&stream=stderr&limit=5&tail=true',
    ]);
  });

  it.each([
    [{ tail: 1001 }, '/tail'],
    [{ tail: -1 }, '/tail'],
    [{ tail: 1.5 }, '/tail'],
    [{ follow: true, until: '2026-01-01T00:00:00Z' }, '/until'],
  ] as const)('%j is refused before any request', async (options, path) => {
    const fake = createFakeFetch();
    const client = new MaxClient({ apiUrl: 'http://max.test', token: 'mxp_test', fetch: fake.fetch, retry: false });
    const reading = client.logs.read({ deployment: 'dep_1' }, options).next();
    await expect(reading).rejects.toBeInstanceOf(MaxValidationError);
    await expect(reading).rejects.toMatchObject({ details: { fields: [{ path }] } });
    expect(fake.requests).toEqual([]);
  });

  it('an invalid target is refused before any request', async () => {
    const fake = createFakeFetch();
    const client = new MaxClient({ apiUrl: 'http://max.test', token: 'mxp_test', fetch: fake.fetch, retry: false });
    await expect(client.logs.read({ network: 'Not A Name' }).next()).rejects.toBeInstanceOf(MaxValidationError);
    expect(fake.requests).toEqual([]);
  });
});
