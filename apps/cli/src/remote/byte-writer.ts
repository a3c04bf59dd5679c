import type { ByteSink } from '../io.js';

/**
 * Writes bytes to a process stream with backpressure (waits for `drain` when the stream asks for it) and turns a
 * closed reader (EPIPE) into a flag instead of a crash: `closed` is set and further writes are dropped.
 */
export class ByteWriter {
  #closed = false;
  #onClosed: (() => void) | undefined;
  readonly #sink: ByteSink;
  readonly #onError = (error: Error & { code?: string }): void => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') this.#close();
  };

  constructor(sink: ByteSink, onClosed?: () => void) {
    this.#sink = sink;
    this.#onClosed = onClosed;
    // Kept for the life of the process: an EPIPE reported after the command finished must not crash rig either.
    sink.on('error', this.#onError);
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves once the stream can take more (at once, unless it asked for a drain). */
  async write(bytes: Uint8Array): Promise<void> {
    if (this.#closed || bytes.byteLength === 0) return;
    let ok: boolean;
    try {
      ok = this.#sink.write(bytes);
    } catch (error) {
      this.#onError(error as Error & { code?: string });
      return;
    }
    if (ok || this.#closed) return;
    await new Promise<void>((resolve) => {
      this.#sink.once('drain', resolve);
      // A reader that goes away instead of draining must not leave us waiting.
      const check = setInterval(() => {
        if (!this.#closed) return;
        clearInterval(check);
        resolve();
      }, 50);
      this.#sink.once('drain', () => clearInterval(check));
    });
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const onClosed = this.#onClosed;
    this.#onClosed = undefined;
    onClosed?.();
  }
}
