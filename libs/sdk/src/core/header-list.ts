/**
 * The header operations the client and its transports use. A WHATWG `Headers` has all of them, so a `fetch`
 * response can be handed over as it is.
 *
 * @example
 * ```ts
 * const headers: HeaderReader = new HeaderList({ 'retry-after': '2' });
 * headers.get('Retry-After'); // '2'
 * ```
 */
export interface HeaderReader extends Iterable<[string, string]> {
  /** The value of a header (names are case-insensitive), or `null`. */
  get(name: string): string | null;
  has(name: string): boolean;
}

/**
 * A small case-insensitive header list with the `Headers` methods the client needs. Why not `Headers`: in Node 20
 * the first `new Headers()` (or `instanceof Headers`) loads undici, which costs a short CLI command about a third
 * of its run time even when the request itself goes out over `node:http`.
 *
 * @example
 * ```ts
 * const headers = new HeaderList({ accept: 'application/json' });
 * headers.set('Authorization', 'Bearer …');
 * Object.fromEntries(headers); // { accept: 'application/json', authorization: 'Bearer …' }
 * ```
 */
export class HeaderList implements HeaderReader {
  readonly #values = new Map<string, string>();

  constructor(init?: Record<string, string>) {
    for (const [name, value] of Object.entries(init ?? {})) this.set(name, value);
  }

  get(name: string): string | null {
    return this.#values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.#values.has(name.toLowerCase());
  }

  set(name: string, value: string): void {
    this.#values.set(name.toLowerCase(), value);
  }

  /** Adds a value to a repeated header, joined with `, ` as `Headers.get` reports it. */
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const existing = this.#values.get(key);
    this.#values.set(key, existing === undefined ? value : `${existing}, ${value}`);
  }

  delete(name: string): void {
    this.#values.delete(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.#values.entries();
  }

  /** A plain object, e.g. for `fetch`'s `headers`. */
  toRecord(): Record<string, string> {
    return Object.fromEntries(this.#values);
  }
}
