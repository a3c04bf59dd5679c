/**
 * A single-consumer queue exposed as an async iterator: producers `push`, the consumer `for await`s.
 * `end()` finishes it (with an error: the consumer's loop throws it after the queued items are drained).
 */
export class AsyncQueue<T> implements AsyncIterableIterator<T> {
  #items: T[] = [];
  #head = 0;
  #waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void } | undefined;
  #done = false;
  #error: unknown;
  #hasError = false;
  readonly #onReturn: () => void;

  constructor(onReturn: () => void = () => undefined) {
    this.#onReturn = onReturn;
  }

  get size(): number {
    return this.#items.length - this.#head;
  }

  get ended(): boolean {
    return this.#done;
  }

  push(item: T): void {
    if (this.#done) return;
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      waiter.resolve({ value: item, done: false });
      return;
    }
    this.#items.push(item);
  }

  end(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    if (error !== undefined) {
      this.#error = error;
      this.#hasError = true;
    }
    const waiter = this.#waiter;
    if (waiter) {
      this.#waiter = undefined;
      this.#settleEnd(waiter);
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.#head < this.#items.length) {
      const value = this.#items[this.#head] as T;
      this.#head += 1;
      // Compact now and then instead of shifting (O(n)) on every read.
      if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
        this.#items = this.#items.slice(this.#head);
        this.#head = 0;
      }
      return Promise.resolve({ value, done: false });
    }
    if (this.#done) {
      return new Promise((resolve, reject) => this.#settleEnd({ resolve, reject }));
    }
    if (this.#waiter) return Promise.reject(new Error('AsyncQueue supports one pending next() at a time'));
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  return(): Promise<IteratorResult<T>> {
    const wasDone = this.#done;
    this.#done = true;
    this.#items = [];
    this.#head = 0;
    this.#hasError = false;
    if (!wasDone) this.#onReturn();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #settleEnd(waiter: { resolve: (result: IteratorResult<T>) => void; reject: (error: unknown) => void }): void {
    if (this.#hasError) {
      // The error is reported once; afterwards the iterator is simply done.
      this.#hasError = false;
      waiter.reject(this.#error);
    } else {
      waiter.resolve({ value: undefined, done: true });
    }
  }
}
