import type { HttpCore, RawBodyData, RawTransport } from '../core/http-core.js';
import { callOperation } from '../core/operation.js';
import type { RequestOptions } from '../core/request-options.js';
import { BlobPackResultSchema, BlobsMissingSchema, BlobStoredSchema } from '../schemas/blob.js';
import type { BlobPackResult, BlobStored } from '../types.js';
import { assertBlobDigest } from '../validation/blob-digest.js';

/**
 * An upload body: bytes, a web stream of bytes, or a function returning either. Only bytes and functions can be
 * sent again, so only they are retried automatically (and re-sent after a token refresh); a bare stream is
 * sent once. Pass a function that builds a fresh stream to get retries without buffering.
 *
 * @example
 * ```ts
 * import { createChunkStream } from '@max/rig-sdk/node';
 * const body: UploadBody = () => createChunkStream(chunk).toWeb();
 * ```
 */
export type UploadBody = RawBodyData | (() => RawBodyData);

/**
 * Options of the blob uploads.
 *
 * @example
 * ```ts
 * const options: UploadOptions = { timeoutMs: 600_000, retries: 0, signal: controller.signal };
 * ```
 */
export interface UploadOptions extends RequestOptions {
  /** Per-attempt timeout for the whole upload, response included (default: 10 minutes, or the client's if longer). */
  timeoutMs?: number;
  /** Automatic retries of this call (default: the client's retry limit; bare streams are never retried). */
  retries?: number;
  /**
   * Sends the body with this instead of the client's `fetch` — e.g. the `node:http` transport of
   * `@max/rig-sdk/node`, which holds only a bounded number of bytes per upload. The client still supplies the
   * token, retries, timeout, trace events and errors.
   */
  transport?: UploadTransport;
}

/**
 * A replacement sender for upload bodies (see {@link UploadOptions.transport}): gets the URL, method, headers
 * (token included) and body of one attempt, resolves with the response or rejects when none came.
 *
 * @example
 * ```ts
 * import { createNodeHttpTransport } from '@max/rig-sdk/node';
 * const transport: UploadTransport = createNodeHttpTransport();
 * await client.blobs.uploadPack(body, { transport });
 * ```
 */
export type UploadTransport = RawTransport;

/** Most digests the API takes in one `blobs/missing` request. */
const MISSING_BATCH = 100_000;
/** Uploads are bigger than API calls: a few MiB on a slow link needs more than the client's 30 s default. */
const DEFAULT_UPLOAD_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Content-addressed blob storage: `client.blobs`. Blobs are named by the SHA-256 of their bytes and shared
 * across the deployments of one user, so only what the platform lacks ever travels.
 *
 * @example
 * ```ts
 * const missing = await client.blobs.missing(digests);
 * for (const digest of missing) await client.blobs.put(digest, bytesOf(digest));
 * ```
 */
export class BlobsResource {
  readonly #core: HttpCore;
  readonly #clientTimeoutMs: number;

  /** @internal Use `client.blobs`. */
  constructor(core: HttpCore, clientTimeoutMs: number) {
    this.#core = core;
    this.#clientTimeoutMs = clientTimeoutMs;
  }

  /**
   * Which of `digests` the platform does not hold, in request order (duplicates asked once). Large lists are
   * sent in batches.
   *
   * @example
   * ```ts
   * const missing = await client.blobs.missing(manifest.map((e) => e.sha256));
   * ```
   */
  async missing(digests: readonly string[], options?: RequestOptions): Promise<string[]> {
    const unique = [...new Set(digests)];
    unique.forEach((digest, index) => assertBlobDigest(digest, `/digests/${index}`));
    const missing: string[] = [];
    for (let start = 0; start < unique.length; start += MISSING_BATCH) {
      const batch = unique.slice(start, start + MISSING_BATCH);
      const answer = await callOperation(this.#core, 'post', '/api/v1/blobs/missing', {
        operation: 'blobs.missing',
        body: { digests: batch },
        responseSchema: BlobsMissingSchema,
        // A caller's key is for one request; batches need their own.
        options: options === undefined ? undefined : { ...(options.signal ? { signal: options.signal } : {}) },
      });
      missing.push(...answer.missing);
    }
    return missing;
  }

  /**
   * Uploads one blob (at most 256 MiB). The platform hashes the bytes and rejects a mismatch with
   * `MaxValidationError` code `digest_mismatch`; uploading a blob it already holds is harmless.
   *
   * @example
   * ```ts
   * const bytes = new TextEncoder().encode('hello');
   * await client.blobs.put(sha256Hex(bytes), bytes);
   * ```
   */
  async put(digest: string, body: UploadBody, options?: UploadOptions): Promise<BlobStored> {
    assertBlobDigest(digest, '/path/digest');
    return this.#core.send({
      operation: 'blobs.put',
      method: 'PUT',
      path: `/api/v1/blobs/${digest}`,
      rawBody: { contentType: 'application/octet-stream', data: body },
      responseSchema: BlobStoredSchema,
      ...this.#uploadSettings(options),
    });
  }

  /**
   * Uploads many blobs at once as a tar.gz pack (at most 64 MiB): regular files named by their SHA-256. The pack
   * is stored atomically; one wrong digest rejects all of it (`digest_mismatch`).
   *
   * @example
   * ```ts
   * import { createChunkStream, packBlobs } from '@max/rig-sdk/node';
   * for await (const chunk of packBlobs(root, entries)) {
   *   await client.blobs.uploadPack(() => createChunkStream(chunk).toWeb());
   * }
   * ```
   */
  async uploadPack(body: UploadBody, options?: UploadOptions): Promise<BlobPackResult> {
    return this.#core.send({
      operation: 'blobs.uploadPack',
      method: 'POST',
      path: '/api/v1/blobs/packs',
      rawBody: { contentType: 'application/gzip', data: body },
      responseSchema: BlobPackResultSchema,
      ...this.#uploadSettings(options),
    });
  }

  #uploadSettings(options: UploadOptions | undefined) {
    const { timeoutMs, retries, transport, ...requestOptions } = options ?? {};
    return {
      options: requestOptions,
      transport,
      timeoutMs: timeoutMs ?? Math.max(DEFAULT_UPLOAD_TIMEOUT_MS, this.#clientTimeoutMs),
      retryLimit: retries,
    };
  }
}
