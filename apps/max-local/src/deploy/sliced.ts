/** Longest stretch of synchronous filesystem work before the event loop gets a turn. */
export const SLICE_MS = 8;

/**
 * Runs `fn` over `items` synchronously, yielding to the event loop every {@link SLICE_MS}. For thousands of small
 * files a synchronous `stat`/`rename`/`copyFile` costs ~10 µs where the async one costs a thread-pool round trip
 * (~50–100 µs on a busy machine, and only four run at once); the slices keep requests and log streams served.
 * The first error is thrown at once.
 */
export async function forEachSliced<T>(items: Iterable<T>, fn: (item: T) => void, signal?: AbortSignal): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    fn(item);
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
}
