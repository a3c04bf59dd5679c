/**
 * Fixed-size buffers handed out and taken back, so an upload reuses the same few hundred KiB instead of
 * allocating a fresh buffer per piece. Fresh buffers are garbage the GC finds late (V8 lets tens of MB of
 * unreferenced array buffers pile up before it collects them), and the allocator then keeps that memory: the
 * process's resident size grows with the bytes sent instead of with what is in flight.
 *
 * Only give back a buffer nothing reads any more: for an upload, once the socket has written it (or was destroyed).
 *
 * @internal
 */
export class BufferPool {
  readonly bufferBytes: number;
  readonly #free: Buffer[] = [];
  readonly #maxFree: number;

  /** `maxFree`: how many returned buffers are kept for reuse; more are left to the GC. */
  constructor(bufferBytes: number, maxFree: number) {
    this.bufferBytes = bufferBytes;
    this.#maxFree = maxFree;
  }

  take(): Buffer {
    return this.#free.pop() ?? Buffer.allocUnsafe(this.bufferBytes);
  }

  give(buffer: Buffer): void {
    if (buffer.length === this.bufferBytes && this.#free.length < this.#maxFree && !this.#free.includes(buffer)) {
      this.#free.push(buffer);
    }
  }

  /** Buffers waiting for reuse (for tests). */
  get freeCount(): number {
    return this.#free.length;
  }
}
