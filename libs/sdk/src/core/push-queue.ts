/**
 * A single-consumer queue read with `for await`: producers (callbacks, concurrent tasks) `push`, and `end()`
 * finishes it — with an error, the consumer's loop throws it after the items already queued. Used to turn
 * callback-driven work (upload progress, channel events) into an async generator's items.
 *
 * @internal
 */
export class PushQueue<T> implements AsyncIterable<T> {
  #items: T[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #error: { error: unknown } | undefined;

  get ended(): boolean {
    return this.#ended;
  }

  push(item: T): void {
    if (this.#ended) return;
    this.#items.push(item);
    this.#signal();
  }

  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    if (error !== undefined) this.#error = { error };
    this.#signal();
  }

  #signal(): void {
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<T, void, undefined> {
    for (;;) {
      if (this.#items.length > 0) {
        // Swap the buffer out so a burst is handed over in one go without shifting arrays.
        const batch = this.#items;
        this.#items = [];
        yield* batch;
        continue;
      }
      if (this.#ended) {
        if (this.#error) throw this.#error.error;
        return;
      }
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }
}
