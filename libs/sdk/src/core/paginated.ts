import { MaxApiError } from '../errors/error-classes.js';

/**
 * One page of a list, exactly as on the wire.
 *
 * @example
 * ```ts
 * const page: Page<Network> = { data: [], next_cursor: null };
 * ```
 */
export interface Page<T> {
  data: T[];
  /** Opaque cursor for the next page; `null` on the last page. */
  next_cursor: string | null;
}

/** Fetches the page that starts at `cursor` (`undefined` = first page). @internal */
export type PageFetcher<T> = (cursor: string | undefined) => Promise<Page<T>>;

/**
 * A lazily fetched list. Iterate it with `for await` to get items across all pages (the next page is requested
 * only when the previous one is used up, so `break` stops fetching), walk `.pages()` for page-at-a-time access,
 * or collect with `.toArray({ max })`. Nothing is requested until you start iterating, and each iteration
 * starts again from the first page.
 *
 * @example
 * ```ts
 * for await (const network of client.networks.list({ sort: '-created_at' })) console.log(network.name);
 *
 * const firstTen = await client.networks.list().toArray({ max: 10 });
 *
 * for await (const page of client.events.list({ network: 'web' }).pages()) render(page.data, page.next_cursor);
 * ```
 */
export class Paginated<T> implements AsyncIterable<T> {
  readonly #fetchPage: PageFetcher<T>;
  readonly #startCursor: string | undefined;

  /** @internal Use the resource methods (`client.networks.list()` …) to get one. */
  constructor(fetchPage: PageFetcher<T>, startCursor?: string) {
    this.#fetchPage = fetchPage;
    this.#startCursor = startCursor;
  }

  /**
   * Pages in order, each fetched when the previous one has been consumed.
   *
   * @example
   * ```ts
   * for await (const page of client.apps.list('web').pages()) console.log(page.data.length, page.next_cursor);
   * ```
   */
  async *pages(): AsyncGenerator<Page<T>, void, undefined> {
    let cursor = this.#startCursor;
    const seen = new Set<string>();
    for (;;) {
      const page = await this.#fetchPage(cursor);
      yield page;
      if (page.next_cursor === null) return;
      // A server that hands back a cursor it already gave would make us loop forever.
      if (seen.has(page.next_cursor)) {
        throw new MaxApiError({
          code: 'malformed_response',
          message: 'Malformed response: the server repeated a pagination cursor',
        });
      }
      seen.add(page.next_cursor);
      cursor = page.next_cursor;
    }
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for await (const page of this.pages()) yield* page.data;
  }

  /**
   * Collects items into an array, stopping (and fetching no further pages) once `max` items are collected.
   *
   * @example
   * ```ts
   * const all = await client.networks.list().toArray();
   * const some = await client.events.list().toArray({ max: 100 });
   * ```
   */
  async toArray(options: { max?: number } = {}): Promise<T[]> {
    const max = options.max ?? Number.POSITIVE_INFINITY;
    const items: T[] = [];
    if (max <= 0) return items;
    // Page by page: an item-by-item `for await` costs a promise per item (5,000 apps: ~6 ms of a cold start).
    for await (const page of this.pages()) {
      for (const item of page.data) {
        items.push(item);
        if (items.length >= max) return items;
      }
    }
    return items;
  }
}
