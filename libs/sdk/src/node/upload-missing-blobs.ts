import type { MaxClient } from '../client.js';
import { abortableSleep } from '../core/abortable-sleep.js';
import { computeRetryDelay } from '../core/retry-policy.js';
import {
  MaxAbortError,
  MaxApiError,
  MaxConnectionError,
  MaxRateLimitError,
  MaxTimeoutError,
} from '../errors/error-classes.js';
import { isMaxError } from '../errors/max-error.js';
import { MaxBundleError } from './bundle-error.js';
import type { UploadProgress } from './deploy-events.js';
import { BufferPool } from './buffer-pool.js';
import { mapLimit } from './map-limit.js';
import { createNodeHttpTransport } from './node-http-transport.js';
import { PACK_BUFFER_BYTES, createChunkStream, createPackBody, packBlobs, type BlobChunk, type ChunkProgress } from './pack-blobs.js';
import type { ManifestEntry } from './types.js';

/** @internal */
export interface UploadMissingOptions {
  concurrency: number;
  chunkBytes: number;
  /** Retries per chunk after the first attempt. */
  retries: number;
  retryBaseDelayMs: number;
  signal: AbortSignal;
  onProgress: (progress: UploadProgress) => void;
  onRetry: (retry: { chunk: number; attempt: number; delayMs: number; error: { code: string; message: string } }) => void;
  /** How packs travel (see `DeployOptions.upload`). */
  upload: PackUpload;
}

/**
 * How packs travel: `'node-http'` through `node:http`, reusing a few buffers per upload (bounded memory);
 * `'fetch'` through the client's own `fetch`, with a fresh buffer per piece.
 */
export type PackUpload = 'node-http' | 'fetch';

/** One attempt's body, whichever way it is made: its bytes, and its own failure to tell apart from the network's. */
interface AttemptBody {
  stream: ReadableStream<Uint8Array>;
  error(): unknown;
  destroy(): void;
}

/** Progress events at most this often (plus one whenever a chunk completes or restarts): enough for a smooth bar. */
const PROGRESS_INTERVAL_MS = 100;
/** Cap of the wait between attempts of one chunk. */
const MAX_RETRY_DELAY_MS = 15_000;

/**
 * Failures worth another attempt with a fresh stream: the connection (refused, reset, cut mid-body), the
 * per-attempt timeout, rate limiting and server errors. A 4xx says the request itself is wrong; repeating it
 * cannot help.
 */
function isRetryable(error: unknown): boolean {
  if (error instanceof MaxConnectionError || error instanceof MaxTimeoutError || error instanceof MaxRateLimitError) return true;
  return error instanceof MaxApiError && error.status !== undefined && error.status >= 500;
}

/**
 * Uploads the blobs of `entries` as bounded tar.gz packs, `concurrency` at a time. Each pack is streamed from
 * disk (never held whole in memory) and, when an attempt fails in a retryable way, sent again from a fresh
 * stream after a backoff. The first failure that is not retryable stops the other uploads and is thrown.
 *
 * @internal
 */
export async function uploadMissingBlobs(
  client: { blobs: Pick<MaxClient['blobs'], 'uploadPack'> },
  root: string,
  entries: readonly ManifestEntry[],
  options: UploadMissingOptions,
): Promise<{ blobs: number; bytes: number; chunks: number }> {
  const chunks: BlobChunk[] = [];
  for await (const chunk of packBlobs(root, entries, { maxChunkBytes: options.chunkBytes })) chunks.push(chunk);

  const progress: UploadProgress = {
    bytesSent: 0,
    bytesTotal: chunks.reduce((sum, c) => sum + c.blobBytes, 0),
    blobsDone: 0,
    blobsTotal: chunks.reduce((sum, c) => sum + c.blobs.length, 0),
    chunksDone: 0,
    chunksTotal: chunks.length,
  };
  let doneBytes = 0;
  const inFlight = new Map<number, number>();
  let lastEmit = 0;
  const emit = (force: boolean): void => {
    let sent = doneBytes;
    for (const bytes of inFlight.values()) sent += bytes;
    progress.bytesSent = sent;
    const now = performance.now();
    if (!force && now - lastEmit < PROGRESS_INTERVAL_MS) return;
    lastEmit = now;
    options.onProgress({ ...progress });
  };
  emit(true);

  // Stops the sibling uploads once one chunk has failed for good, as well as on the caller's abort.
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);

  // Two buffers per upload in flight, kept for the next pack: the whole upload reuses 2 × concurrency buffers.
  const pool = new BufferPool(PACK_BUFFER_BYTES, 2 * options.concurrency);
  const transport = options.upload === 'node-http' ? createNodeHttpTransport({ maxSockets: options.concurrency }) : undefined;
  const makeBody = (chunk: BlobChunk, onProgress: (p: ChunkProgress) => void): AttemptBody => {
    if (transport !== undefined) {
      const body = createPackBody(chunk, pool, onProgress);
      return { stream: body.stream, error: () => body.error, destroy: () => undefined };
    }
    const stream = createChunkStream(chunk, { signal, onProgress });
    return { stream: stream.toWeb() as ReadableStream<Uint8Array>, error: () => stream.readable.errored, destroy: () => stream.readable.destroy() };
  };

  const uploadChunk = async (chunk: BlobChunk): Promise<void> => {
    for (let attempt = 1; ; attempt += 1) {
      let stream: AttemptBody | undefined;
      try {
        await client.blobs.uploadPack(
          // Called per attempt of the HTTP layer too (a token refresh re-sends): each call is a fresh stream.
          () => {
            stream?.destroy();
            inFlight.set(chunk.index, 0);
            stream = makeBody(chunk, (p) => {
              inFlight.set(chunk.index, p.blobBytesRead);
              emit(false);
            });
            return stream.stream;
          },
          { signal, retries: 0, ...(transport === undefined ? {} : { transport }) },
        );
        inFlight.delete(chunk.index);
        doneBytes += chunk.blobBytes;
        progress.blobsDone += chunk.blobs.length;
        progress.chunksDone += 1;
        emit(true);
        return;
      } catch (error) {
        // The pack's own failure (a file changed after hashing, or became unreadable) is the real cause.
        const streamError = stream?.error();
        stream?.destroy();
        inFlight.delete(chunk.index);
        emit(true);
        if (streamError instanceof MaxBundleError) throw streamError;
        if (signal.aborted || !isRetryable(error) || attempt > options.retries) throw error;
        const retryAfterMs = error instanceof MaxRateLimitError ? error.retryAfterMs : undefined;
        const delayMs = computeRetryDelay(
          attempt,
          { limit: options.retries, maxDelayMs: MAX_RETRY_DELAY_MS, baseDelayMs: options.retryBaseDelayMs },
          retryAfterMs,
        );
        const described = isMaxError(error) ? { code: error.code, message: error.message } : { code: 'error', message: String(error) };
        options.onRetry({ chunk: chunk.index, attempt, delayMs, error: described });
        try {
          await abortableSleep(delayMs, signal);
        } catch (abortReason) {
          throw new MaxAbortError({ code: 'aborted', message: 'The upload was aborted', cause: abortReason });
        }
      }
    }
  };

  try {
    await mapLimit(chunks, options.concurrency, async (chunk) => {
      try {
        await uploadChunk(chunk);
      } catch (error) {
        stop.abort(error);
        throw error;
      }
    });
  } finally {
    stop.abort();
    transport?.close();
  }
  return { blobs: progress.blobsTotal, bytes: progress.bytesTotal, chunks: chunks.length };
}
