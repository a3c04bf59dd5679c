import type { LogLine, LogListParams, LogPage, LogStreamItem, LogStreamParams } from '@max/rig-sdk';
import { describe, expect, it } from 'vitest';
import { readLogs, type LogItem, type LogQuery, type LogsApi } from './logs-reader.js';

const line = (seq: number, text = `line ${seq}`, stream: LogLine['stream'] = 'stdout'): LogLine => ({
  seq,
  ts: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  stream,
  source: 'app',
  line: text,
});

/**
 * A log stream held in memory, served like max-local does: pages (with `has_more`, `earliest_seq`, `latest_seq`),
 * tails, and a live stream that replays after `afterSeq` then yields `live` items. Records every call.
 */
class FakeLogs implements LogsApi {
  readonly pageCalls: LogListParams[] = [];
  readonly streamCalls: LogStreamParams[] = [];
  constructor(
    public retained: LogLine[],
    private readonly live: LogStreamItem[] = [],
    /** Lines appended between the history and the join (written while rig was reading). */
    private readonly racing: LogLine[] = [],
  ) {}

  private get latest(): number | null {
    return this.retained.at(-1)?.seq ?? null;
  }

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
      latest_seq: this.latest,
    });
  }

  async *stream(_target: unknown, params: LogStreamParams = {}): AsyncGenerator<LogStreamItem, void, undefined> {
    this.streamCalls.push(params);
    const after = params.afterSeq ?? 0;
    for (const l of [...this.retained, ...this.racing]) if (l.seq > after && (params.stream === undefined || l.stream === params.stream)) yield { type: 'line', line: l };
    yield* this.live;
  }
}

const query = (q: Partial<LogQuery> = {}): LogQuery => ({ follow: false, ...q });
const signal = new AbortController().signal;

async function collect(api: LogsApi, q: LogQuery): Promise<LogItem[]> {
  const items: LogItem[] = [];
  for await (const item of readLogs(api, { network: 'shop', app: 'web' }, q, signal)) items.push(item);
  return items;
}
const seqs = (items: LogItem[]) => items.flatMap((i) => (i.type === 'line' ? [i.line.seq] : []));

describe('readLogs: history', () => {
  it('--tail N: one tail request, the newest N ascending; no stream opened without --follow', async () => {
    const api = new FakeLogs(Array.from({ length: 10 }, (_, i) => line(i + 1)));
    expect(seqs(await collect(api, query({ tail: 3 })))).toEqual([8, 9, 10]);
    expect(api.pageCalls).toEqual([{ tail: true, limit: 3 }]);
    expect(api.streamCalls).toEqual([]);
  });

  it('the whole history pages forward by seq until has_more is false', async () => {
    const api = new FakeLogs(Array.from({ length: 2500 }, (_, i) => line(i + 1)));
    const got = seqs(await collect(api, query()));
    expect(got).toHaveLength(2500);
    expect(got.at(-1)).toBe(2500);
    expect(api.pageCalls.map((p) => p.afterSeq)).toEqual([undefined, 1000, 2000]);
  });

  it('--grep with --tail: the newest N matching lines, across the whole history', async () => {
    const api = new FakeLogs(Array.from({ length: 1500 }, (_, i) => line(i + 1, i % 2 === 0 ? `GET /${i + 1}` : 'noise')));
    const items = await collect(api, query({ tail: 2, grep: 'GET' }));
    expect(items.map((i) => (i.type === 'line' ? i.line.line : i.type))).toEqual(['GET /1497', 'GET /1499']);
  });

  it('retention: a listing that reaches back past the oldest retained line reports the lost range first', async () => {
    const api = new FakeLogs([line(41), line(42)]);
    expect((await collect(api, query()))[0]).toEqual({ type: 'gap', fromSeq: 1, toSeq: 40, reason: 'retention' });
    // A tail the retained lines cannot fill reaches back too; one they fill does not.
    expect((await collect(api, query({ tail: 5 })))[0]?.type).toBe('gap');
    expect((await collect(api, query({ tail: 2 })))[0]?.type).toBe('line');
    // With --since, which lost lines fell in the window is unknown: nothing is claimed.
    expect((await collect(api, query({ since: '2020-01-01T00:00:00.000Z' })))[0]?.type).toBe('line');
  });

  it('filters go to the server (stream, since, until)', async () => {
    const api = new FakeLogs([line(1), line(2, 'boom', 'stderr'), line(3)]);
    const items = await collect(api, query({ stream: 'stderr', since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' }));
    expect(seqs(items)).toEqual([2]);
    expect(api.pageCalls[0]).toMatchObject({ stream: 'stderr', since: '2026-01-01T00:00:00.000Z', until: '2027-01-01T00:00:00.000Z' });
  });
});

describe('readLogs: --follow', () => {
  it('resumes after the newest seq the history saw: a line written in between is streamed, none twice', async () => {
    const api = new FakeLogs([line(1), line(2), line(3)], [{ type: 'line', line: line(5) }], [line(4)]);
    const items = await collect(api, query({ tail: 2, follow: true }));
    expect(items.map((i) => i.type)).toEqual(['line', 'line', 'live', 'line', 'line']);
    expect(seqs(items)).toEqual([2, 3, 4, 5]);
    expect(api.streamCalls[0]).toMatchObject({ afterSeq: 3 });
  });

  it('resumes after the stream head even when the filters listed nothing (no replay of filtered-out lines)', async () => {
    const api = new FakeLogs([line(1, 'a'), line(2, 'b')], [{ type: 'line', line: line(3, 'match me') }]);
    const items = await collect(api, query({ grep: 'match', follow: true, tail: 0 }));
    expect(seqs(items)).toEqual([3]);
    expect(api.streamCalls[0]?.afterSeq).toBe(2);
  });

  it('--tail 0 on an empty stream starts live from 0', async () => {
    const api = new FakeLogs([], [{ type: 'line', line: line(1) }]);
    expect(seqs(await collect(api, query({ tail: 0, follow: true })))).toEqual([1]);
    expect(api.streamCalls[0]?.afterSeq).toBe(0);
  });

  it('applies --grep and --stream live too, drops anything at or below the cursor, reports live gaps', async () => {
    const api = new FakeLogs(
      [line(1, 'GET /a')],
      [
        { type: 'line', line: line(1, 'GET /a') },
        { type: 'gap', fromSeq: 2, toSeq: 9, reason: 'retention' },
        { type: 'line', line: line(10, 'POST /b') },
        { type: 'line', line: line(11, 'GET /c') },
      ],
    );
    const items = await collect(api, query({ grep: 'GET', stream: 'stdout', follow: true }));
    expect(items.filter((i) => i.type !== 'live')).toEqual([
      { type: 'line', line: line(1, 'GET /a') },
      { type: 'gap', fromSeq: 2, toSeq: 9, reason: 'retention' },
      { type: 'line', line: line(11, 'GET /c') },
    ]);
    expect(api.streamCalls[0]).toMatchObject({ afterSeq: 1, stream: 'stdout', signal });
  });

  it('a build log ends at eof', async () => {
    const api = new FakeLogs([line(1)], [{ type: 'eof', lastSeq: 1, state: 'failed' }, { type: 'line', line: line(2) }]);
    const items = await collect(api, query({ follow: true }));
    expect(items.at(-1)).toEqual({ type: 'eof', lastSeq: 1, state: 'failed' });
    expect(seqs(items)).toEqual([1]);
  });
});
