import { OutputBuffer } from './output-buffer.js';

/**
 * The output side of a live shell session or run: the bounded buffer, the readers attached to it (channel
 * subscribers), wake-ups for them, and flow control. When an attached reader lags more than half the buffer
 * behind, the source (PTY or pipes) is paused so the reader loses nothing — the process blocks on a full pipe, as
 * it would under ssh — and resumed once every reader is within a quarter. Without readers nothing is paused: a
 * detached session keeps running, and what scrolls out of the buffer is reported as a gap on the next attach.
 *
 * `holdForFirstReaderMs` (runs): until the first reader attaches, but at most that long, the source is paused as
 * if a reader sat at byte 0. Creating a run and attaching to it are two requests, and a chatty command (`cat` of a
 * large file) would otherwise scroll its first megabytes out of the buffer in between — `rig command` lost 30 MB
 * of a 100 MB `cat` that way. After the grace period a run nobody attached to (`--detach`) runs on freely.
 */
export class ByteStream<S extends string> {
  readonly buffer: OutputBuffer<S>;
  readonly #readers = new Set<StreamReader>();
  #waiters: (() => void)[] = [];
  #ended = false;
  #paused = false;
  readonly #setPaused: (paused: boolean) => void;
  /** No reader has attached yet and the grace period runs: hold output for the first one. */
  #holding = false;
  #holdTimer: NodeJS.Timeout | undefined;

  constructor(capacity: number, setPaused: (paused: boolean) => void = () => undefined, options: { holdForFirstReaderMs?: number } = {}) {
    this.buffer = new OutputBuffer<S>(capacity);
    this.#setPaused = setPaused;
    if (options.holdForFirstReaderMs !== undefined && options.holdForFirstReaderMs > 0) {
      this.#holding = true;
      this.#holdTimer = setTimeout(() => this.#stopHolding(), options.holdForFirstReaderMs);
      this.#holdTimer.unref();
    }
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Readers attached now (channel clients joined to the topic). */
  get readerCount(): number {
    return this.#readers.size;
  }

  write(stream: S, bytes: Buffer): void {
    if (this.#ended || bytes.length === 0) return;
    this.buffer.append(stream, bytes);
    this.#wake();
    this.#checkPressure();
  }

  /** No more output will come (the process ended and its streams were drained). */
  end(): void {
    if (this.#ended) return;
    this.#ended = true;
    clearTimeout(this.#holdTimer);
    this.#wake();
    this.#updatePaused(false);
  }

  /** Resolves at the next write or at the end, or when `signal` aborts. */
  changed(signal: AbortSignal): Promise<void> {
    if (this.#ended || signal.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.push(done);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  /** Attaches a reader at `position`; `onClose` of the returned reader detaches it. */
  attach(position: number, onDetach: () => void = () => undefined): StreamReader {
    const reader: StreamReader = {
      position,
      advance: (to) => {
        reader.position = to;
        this.#checkPressure();
      },
      detach: () => {
        if (!this.#readers.delete(reader)) return;
        this.#checkPressure();
        onDetach();
      },
    };
    this.#readers.add(reader);
    if (this.#holding) this.#stopHolding();
    return reader;
  }

  #wake(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const wake of waiters) wake();
  }

  #checkPressure(): void {
    if (this.#ended) return;
    let lag = this.#holding ? this.buffer.end : 0;
    for (const reader of this.#readers) lag = Math.max(lag, this.buffer.end - reader.position);
    if (!this.#paused && lag > this.buffer.capacity / 2) this.#updatePaused(true);
    else if (this.#paused && lag <= this.buffer.capacity / 4) this.#updatePaused(false);
  }

  #stopHolding(): void {
    this.#holding = false;
    clearTimeout(this.#holdTimer);
    this.#checkPressure();
  }

  #updatePaused(paused: boolean): void {
    if (this.#paused === paused) return;
    this.#paused = paused;
    this.#setPaused(paused);
  }
}

export interface StreamReader {
  /** The next byte this reader will deliver. */
  position: number;
  /** Records delivery up to `to` (flow control reads it). */
  advance(to: number): void;
  detach(): void;
}
