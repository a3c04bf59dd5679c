/**
 * The bounded output history of one shell session or command run: bytes numbered by offset from 0 (the first byte
 * the process ever wrote), the newest `capacity` bytes kept. Each byte keeps the stream it came from (`output` for
 * a PTY, `stdout`/`stderr` for a run), so a replay pushes each byte under the event it was produced with.
 *
 * The bytes are copied into one ring (grown on demand up to `capacity`, so a quiet session holds little) instead
 * of keeping the Buffers the pipe reads produced: a kept read Buffer lives long enough to be promoted to V8's old
 * generation, and 100 MB of them streaming through cost max-local a full mark-compact every ~64 MB of output (a
 * third of its CPU while relaying `cat` of a big file). Copied, a read Buffer dies young and the ring is reused.
 */
export interface OutputPiece<S extends string> {
  stream: S;
  bytes: Buffer;
}

/**
 * A run of output of one stream: views of the ring (two when it wraps), valid until the next `append` — a caller
 * copies them (into a frame) before it yields to anything that could write.
 */
export interface OutputSlice<S extends string> {
  stream: S;
  parts: Buffer[];
  /** Bytes in `parts`. */
  length: number;
}

/** Where a stream's bytes start; a run lasts until the next run's offset (or the end). */
interface Run<S extends string> {
  offset: number;
  stream: S;
}

/** The ring's first size (or the capacity, if smaller); it doubles as output comes. */
const INITIAL_RING_BYTES = 64 * 1024;

export class OutputBuffer<S extends string> {
  readonly capacity: number;
  /** Byte `p` (start ≤ p < end) is at `#ring[p % #ring.length]`. */
  #ring: Buffer = Buffer.alloc(0);
  readonly #runs: Run<S>[] = [];
  /** Index of the first run still (partly) held (dropped ones are spliced out in batches). */
  #head = 0;
  #start = 0;
  #end = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`capacity must be a positive integer; got ${capacity}`);
    this.capacity = capacity;
  }

  /** Offset of the oldest byte still held. */
  get start(): number {
    return this.#start;
  }

  /** Bytes written so far: the offset the next byte will get. */
  get end(): number {
    return this.#end;
  }

  /** Bytes held now. */
  get size(): number {
    return this.#end - this.#start;
  }

  append(stream: S, bytes: Uint8Array): void {
    const length = bytes.length;
    if (length === 0) return;
    const last = this.#runs[this.#runs.length - 1];
    if (!last || last.stream !== stream) this.#runs.push({ offset: this.#end, stream });
    // Only the newest `capacity` bytes can be kept.
    const kept = length > this.capacity ? bytes.subarray(length - this.capacity) : bytes;
    const newEnd = this.#end + length;
    const newStart = Math.max(this.#start, newEnd - this.capacity);
    this.#reserve(newEnd - newStart, newStart);
    this.#copyIn(kept, newEnd - kept.length);
    this.#end = newEnd;
    this.#start = newStart;
    this.#dropRuns();
  }

  /**
   * Output from `offset` on (clamped to what is held), at most `maxBytes`, as pieces of one stream each. The
   * pieces are copies, the caller's to keep.
   */
  read(offset: number, maxBytes: number): OutputPiece<S>[] {
    return this.slices(offset, maxBytes).map((slice) => ({
      stream: slice.stream,
      bytes: Buffer.concat(slice.parts, slice.length),
    }));
  }

  /**
   * Like `read`, as views of the ring instead of copies (see {@link OutputSlice}): for a caller that copies them
   * into a frame anyway.
   */
  slices(offset: number, maxBytes: number): OutputSlice<S>[] {
    const from = Math.max(offset, this.#start);
    const to = Math.min(this.#end, from + Math.max(0, maxBytes));
    const slices: OutputSlice<S>[] = [];
    for (let index = this.#find(from); index < this.#runs.length; index++) {
      const run = this.#runs[index] as Run<S>;
      const next = this.#runs[index + 1];
      const a = Math.max(from, run.offset);
      const b = Math.min(to, next ? next.offset : this.#end);
      if (a >= to) break;
      if (b > a) slices.push({ stream: run.stream, parts: this.#view(a, b), length: b - a });
    }
    return slices;
  }

  /** Drops everything (the session's history is released; offsets keep counting). */
  clear(): void {
    this.#runs.length = 0;
    this.#head = 0;
    this.#start = this.#end;
    this.#ring = Buffer.alloc(0);
  }

  /** Grows the ring so that `held` bytes from `start` on fit, keeping the bytes it holds at their new places. */
  #reserve(held: number, start: number): void {
    const size = this.#ring.length;
    if (held <= size) return;
    const grown = Math.min(this.capacity, Math.max(held, size * 2, INITIAL_RING_BYTES));
    const oldViews = size === 0 ? [] : this.#view(Math.max(this.#start, start), this.#end);
    // Every byte of the new ring that is read is written first (held bytes below, appended ones by the caller).
    this.#ring = Buffer.allocUnsafeSlow(grown);
    let position = Math.max(this.#start, start);
    for (const view of oldViews) {
      this.#copyIn(view, position);
      position += view.length;
    }
  }

  /** Copies `bytes` into the ring as the bytes at offsets `offset`… (they fit: the ring holds at least that many). */
  #copyIn(bytes: Uint8Array, offset: number): void {
    const ring = this.#ring;
    const at = offset % ring.length;
    const first = Math.min(bytes.length, ring.length - at);
    ring.set(first === bytes.length ? bytes : bytes.subarray(0, first), at);
    if (first < bytes.length) ring.set(bytes.subarray(first), 0);
  }

  /** The ring's bytes at offsets [a, b), as one view or two (wrapped). */
  #view(a: number, b: number): Buffer[] {
    const ring = this.#ring;
    const at = a % ring.length;
    const length = b - a;
    if (at + length <= ring.length) return [ring.subarray(at, at + length)];
    return [ring.subarray(at), ring.subarray(0, length - (ring.length - at))];
  }

  /** Index of the run holding byte `offset` (offset ≥ start), or of the last run. */
  #find(offset: number): number {
    let low = this.#head;
    let high = this.#runs.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if ((this.#runs[mid] as Run<S>).offset <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  #dropRuns(): void {
    while (this.#head + 1 < this.#runs.length && (this.#runs[this.#head + 1] as Run<S>).offset <= this.#start) this.#head += 1;
    if (this.#head > 1024 && this.#head * 2 > this.#runs.length) {
      this.#runs.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
