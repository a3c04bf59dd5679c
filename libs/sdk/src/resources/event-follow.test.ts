import { describe, expect, it } from 'vitest';
import { Paginated } from '../core/paginated.js';
import { MaxValidationError } from '../errors/error-classes.js';
import type { Event } from '../types.js';
import { followEvents, matchesEventFilter, type EventFollowApi, type EventFollowItem, type EventFollowParams } from './event-follow.js';
import type { EventListParams, EventStreamItem, EventStreamParams } from './events.js';

const event = (seq: number, extra: Partial<Event> = {}): Event => ({
  id: `evt_${seq}`,
  seq,
  action: 'var.set',
  actor: { type: 'user', id: 'usr_1', email: 'dev@localhost' },
  target: { type: 'app', network: 'prod', app: 'web' },
  details: {},
  created_at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
  ...extra,
});

/**
 * An audit feed in memory, served like max-local: `list` newest first with the API's filters and cursor paging,
 * `stream` replaying every event after `afterSeq` (unfiltered: the channel carries all of the user's events)
 * and then the scripted live items. `racing` events are made after the head is read but before the list.
 */
class FakeEvents implements EventFollowApi {
  readonly listCalls: EventListParams[] = [];
  readonly streamCalls: EventStreamParams[] = [];
  #listed = 0;
  constructor(
    private readonly feed: Event[],
    private readonly live: EventStreamItem[] = [],
    private readonly racing: Event[] = [],
  ) {}

  list(params: EventListParams = {}): Paginated<Event> {
    this.listCalls.push(params);
    // The first list call reads the head; by the second, the racing events exist.
    const feed = this.#listed++ === 0 ? this.feed : [...this.feed, ...this.racing];
    const matching = feed.filter((e) => matchesEventFilter(e, params)).reverse();
    const limit = params.limit ?? 50;
    return new Paginated(async (cursor) => {
      const start = cursor === undefined ? 0 : Number(cursor);
      const end = start + limit;
      return { data: matching.slice(start, end), next_cursor: end < matching.length ? String(end) : null };
    });
  }

  async *stream(params: EventStreamParams = {}): AsyncGenerator<EventStreamItem, void, undefined> {
    this.streamCalls.push(params);
    for (const e of [...this.feed, ...this.racing]) if (e.seq > (params.afterSeq ?? 0)) yield { type: 'event', event: e };
    yield* this.live;
  }
}

const signal = new AbortController().signal;

async function collect(api: EventFollowApi, params: EventFollowParams = {}): Promise<EventFollowItem[]> {
  const items: EventFollowItem[] = [];
  for await (const item of followEvents(api, { signal, ...params })) items.push(item);
  return items;
}
const seqs = (items: EventFollowItem[]) => items.map((i) => (i.type === 'event' ? i.event.seq : i.type));

describe('events.follow', () => {
  it('the newest `tail` matching events oldest first, then live; the live stream resumes after the head', async () => {
    const api = new FakeEvents(
      Array.from({ length: 5 }, (_, i) => event(i + 1)),
      [{ type: 'event', event: event(6) }],
    );
    expect(seqs(await collect(api, { tail: 2 }))).toEqual([4, 5, 'live', 6]);
    expect(api.listCalls).toEqual([{ limit: 1 }, { limit: 2 }]);
    expect(api.streamCalls).toEqual([{ afterSeq: 5, signal }]);
  });

  it('an event made while the history is read is either listed or streamed, never both, never neither', async () => {
    const api = new FakeEvents([event(1), event(2)], [{ type: 'event', event: event(4) }], [event(3)]);
    const items = await collect(api);
    expect(seqs(items)).toEqual([1, 2, 3, 'live', 4]);
    expect(api.streamCalls[0]?.afterSeq).toBe(2);
  });

  it('filters live events exactly as the API filters the list (network, app, actor, action prefix, since)', async () => {
    const match = { target: { type: 'app', network: 'prod', app: 'web' }, action: 'app.updated' } as const;
    const api = new FakeEvents(
      [event(1, match), event(2, { ...match, target: { type: 'app', network: 'staging', app: 'web' } })],
      [
        { type: 'event', event: event(3, { ...match, target: { type: 'app', network: 'prod', app: 'api' } }) },
        { type: 'event', event: event(4, { ...match, action: 'var.set' }) },
        { type: 'event', event: event(5, { ...match, actor: { type: 'api_token', id: 'tok_1', email: null } }) },
        { type: 'event', event: event(6, { ...match, created_at: '2025-12-31T00:00:00.000Z' }) },
        { type: 'event', event: event(7, match) },
      ],
    );
    const items = await collect(api, { network: 'prod', app: 'web', actor: 'usr_1', action: 'app.', since: '2026-01-01T00:00:00.000Z' });
    expect(seqs(items)).toEqual([1, 'live', 7]);
    expect(api.listCalls[1]).toEqual({ network: 'prod', app: 'web', actor: 'usr_1', action: 'app.', since: '2026-01-01T00:00:00.000Z', limit: 200 });
  });

  it('reports live gaps and drops anything at or below the cursor', async () => {
    const api = new FakeEvents(
      [event(1)],
      [
        { type: 'gap', fromSeq: 2, toSeq: 4, reason: 'retention' },
        { type: 'event', event: event(3) },
        { type: 'event', event: event(5) },
      ],
    );
    expect(await collect(api)).toEqual([
      { type: 'event', event: event(1) },
      { type: 'live' },
      { type: 'gap', fromSeq: 2, toSeq: 4, reason: 'retention' },
      { type: 'event', event: event(5) },
    ]);
  });

  it('tail 0 lists nothing (only the head); no tail lists every matching event across pages', async () => {
    const feed = Array.from({ length: 450 }, (_, i) => event(i + 1));
    const none = new FakeEvents(feed);
    expect(seqs(await collect(none, { tail: 0 }))).toEqual(['live']);
    expect(none.listCalls).toEqual([{ limit: 1 }]);
    const all = await collect(new FakeEvents(feed));
    expect(all.filter((i) => i.type === 'event')).toHaveLength(450);
    expect(seqs(all).slice(0, 2)).toEqual([1, 2]);
    const many = new FakeEvents(feed);
    expect(seqs(await collect(many, { tail: 300 })).slice(0, 2)).toEqual([151, 152]);
    expect(many.listCalls[1]).toEqual({ limit: 200 });
  });

  it('an empty feed goes live from 0', async () => {
    const api = new FakeEvents([], [{ type: 'event', event: event(1) }]);
    expect(seqs(await collect(api, { tail: 10 }))).toEqual(['live', 1]);
    expect(api.streamCalls[0]?.afterSeq).toBe(0);
  });

  it.each([-1, 1.5, Number.NaN])('tail %s is refused before any request', async (tail) => {
    const api = new FakeEvents([event(1)]);
    await expect(collect(api, { tail })).rejects.toBeInstanceOf(MaxValidationError);
    expect(api.listCalls).toEqual([]);
  });
});

describe('matchesEventFilter (live events filtered like the API filters the list)', () => {
  const e = event(7, { created_at: '2026-11-24T12:00:00Z' });
  it.each([
    [{}, true],
    [{ network: 'prod' }, true],
    [{ network: 'staging' }, false],
    [{ network: 'prod', app: 'web' }, true],
    [{ network: 'prod', app: 'api' }, false],
    [{ actor: 'usr_1' }, true],
    [{ actor: 'tok_1' }, false],
    [{ action: 'var.set' }, true],
    [{ action: 'var.' }, true],
    [{ action: 'var' }, false],
    [{ action: 'secret.' }, false],
    [{ since: '2026-11-24T12:00:00Z' }, true],
    [{ since: '2026-11-24T12:00:01Z' }, false],
    [{ since: new Date('2026-11-24T11:00:00Z') }, true],
  ])('%j → %s', (filter, expected) => expect(matchesEventFilter(e, filter)).toBe(expected));
});
