import { describe, expect, it } from 'vitest';
import { createFakeFetch, hang, json } from '../../test/fake-fetch.js';
import * as wire from '../../test/wire-fixtures.js';
import { MaxClient } from '../client.js';
import { MaxAbortError, MaxApiError } from '../errors/error-classes.js';

/** Three pages of networks: a,b → c,d → e. */
function threePages() {
  return createFakeFetch(
    json(200, { data: [wire.network('a'), wire.network('b')], next_cursor: 'c1' }),
    json(200, { data: [wire.network('c'), wire.network('d')], next_cursor: 'c2' }),
    json(200, { data: [wire.network('e')], next_cursor: null }),
  );
}

const names = (items: { name: string }[]) => items.map((n) => n.name);

describe('Paginated', () => {
  it('walks next_cursor across three pages with for await', async () => {
    const fake = threePages();
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const seen: string[] = [];
    for await (const network of client.networks.list({ limit: 2 })) seen.push(network.name);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(fake.requests.map((r) => new URL(r.url).search)).toEqual(['?limit=2', '?limit=2&cursor=c1', '?limit=2&cursor=c2']);
  });

  it('is lazy: nothing is fetched before iteration, and breaking stops fetching', async () => {
    const fake = threePages();
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const list = client.networks.list();
    expect(fake.requests).toHaveLength(0);
    for await (const network of list) {
      if (network.name === 'b') break;
    }
    expect(fake.requests).toHaveLength(1);
  });

  it('yields whole pages from .pages()', async () => {
    const fake = threePages();
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const pages = [];
    for await (const page of client.networks.list().pages()) pages.push([names(page.data), page.next_cursor]);
    expect(pages).toEqual([
      [['a', 'b'], 'c1'],
      [['c', 'd'], 'c2'],
      [['e'], null],
    ]);
  });

  it('toArray collects everything, or stops at max without fetching further pages', async () => {
    const all = threePages();
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: all.fetch });
    expect(names(await client.networks.list().toArray())).toEqual(['a', 'b', 'c', 'd', 'e']);

    const some = threePages();
    const limited = new MaxClient({ apiUrl: 'http://max.test', fetch: some.fetch });
    expect(names(await limited.networks.list().toArray({ max: 3 }))).toEqual(['a', 'b', 'c']);
    expect(some.requests).toHaveLength(2);
    expect(await limited.networks.list().toArray({ max: 0 })).toEqual([]);
    expect(some.requests).toHaveLength(2);
  });

  it('re-iterating starts from the first page again', async () => {
    const fake = createFakeFetch(
      json(200, { data: [wire.network('a')], next_cursor: null }),
      json(200, { data: [wire.network('a')], next_cursor: null }),
    );
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const list = client.networks.list();
    await list.toArray();
    await list.toArray();
    expect(fake.requests.map((r) => r.url)).toEqual(['http://max.test/api/v1/networks', 'http://max.test/api/v1/networks']);
  });

  it('fails clearly instead of looping when the server repeats a cursor', async () => {
    const fake = createFakeFetch(
      json(200, { data: [wire.network('a')], next_cursor: 'same' }),
      json(200, { data: [wire.network('b')], next_cursor: 'same' }),
    );
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const error: unknown = await client.networks.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxApiError);
    expect(error).toMatchObject({ code: 'malformed_response', message: expect.stringContaining('repeated') });
    expect(fake.requests).toHaveLength(2);
  });

  it('rejects a page that is not a page', async () => {
    const fake = createFakeFetch(json(200, { items: [] }));
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const error: unknown = await client.networks.list().toArray().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MaxApiError);
    expect(error).toMatchObject({ code: 'malformed_response', message: expect.stringContaining('networks.list') });
  });

  it('applies the signal to every page', async () => {
    const fake = createFakeFetch(json(200, { data: [wire.network('a')], next_cursor: 'c1' }), hang());
    const client = new MaxClient({ apiUrl: 'http://max.test', fetch: fake.fetch });
    const controller = new AbortController();
    const seen: string[] = [];
    const run = (async () => {
      for await (const network of client.networks.list({}, { signal: controller.signal })) {
        seen.push(network.name);
        setTimeout(() => controller.abort(), 5);
      }
    })();
    await expect(run).rejects.toBeInstanceOf(MaxAbortError);
    expect(seen).toEqual(['a']);
    expect(fake.requests).toHaveLength(2);
  });
});
