/**
 * The bounded output history of one shell session or command run: bytes numbered by offset from 0 (the first byte
 * the process ever wrote), the newest `capacity` bytes kept. Chunks keep the stream they came from (`output` for a
 * PTY, `stdout`/`stderr` for a run), so a replay pushes each byte under the event it was produced with.
 */
export interface OutputPiece<S extends string> {
  stream: S;
  bytes: Buffer;
}

interface Chunk<S extends string> {
  /** Offset of the chunk's first byte. */
  offset: number;
  stream: S;
  bytes: Buffer;
}

export class OutputBuffer<S extends string> {
  readonly capacity: number;
  readonly #chunks: Chunk<S>[] = [];
  /** Index of the first live chunk in #chunks (dropped ones are spliced out in batches). */
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

  append(stream: S, bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.#chunks.push({ offset: this.#end, stream, bytes });
    this.#end += bytes.length;
    this.#trim();
  }

  /**
   * Output from `offset` on (clamped to what is held), at most about `maxBytes`, as pieces of one stream each
   * (adjacent chunks of the same stream are merged).
   */
  read(offset: number, maxBytes: number): OutputPiece<S>[] {
    let from = Math.max(offset, this.#start);
    const pieces: OutputPiece<S>[] = [];
    let budget = maxBytes;
    let index = this.#find(from);
    while (index < this.#chunks.length && budget > 0) {
      const chunk = this.#chunks[index] as Chunk<S>;
      const skip = from - chunk.offset;
      const bytes = chunk.bytes.subarray(skip, skip + budget);
      const last = pieces[pieces.length - 1];
      if (last && last.stream === chunk.stream) last.bytes = Buffer.concat([last.bytes, bytes]);
      else pieces.push({ stream: chunk.stream, bytes });
      budget -= bytes.length;
      from += bytes.length;
      index += 1;
    }
    return pieces;
  }

  /** Drops everything (the session's history is released; offsets keep counting). */
  clear(): void {
    this.#chunks.length = 0;
    this.#head = 0;
    this.#start = this.#end;
  }

  /** Index of the chunk holding byte `offset` (offset ≥ start), or the number of chunks when offset = end. */
  #find(offset: number): number {
    let low = this.#head;
    let high = this.#chunks.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      const chunk = this.#chunks[mid] as Chunk<S>;
      if (chunk.offset + chunk.bytes.length <= offset) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  #trim(): void {
    while (this.#end - this.#start > this.capacity) {
      const chunk = this.#chunks[this.#head] as Chunk<S>;
      const excess = this.#end - this.#start - this.capacity;
      const chunkEnd = chunk.offset + chunk.bytes.length;
      if (chunkEnd - this.#start <= excess) {
        this.#head += 1;
        this.#start = chunkEnd;
      } else {
        // Keep the tail of a partly dropped chunk.
        const cut = this.#start + excess - chunk.offset;
        this.#chunks[this.#head] = { offset: chunk.offset + cut, stream: chunk.stream, bytes: chunk.bytes.subarray(cut) };
        this.#start += excess;
      }
    }
    if (this.#head > 1024 && this.#head * 2 > this.#chunks.length) {
      this.#chunks.splice(0, this.#head);
      this.#head = 0;
    }
  }
}
