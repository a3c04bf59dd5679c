import type { FastifyRequest } from 'fastify';
import { PayloadTooLargeError } from '../deploy/deploy-errors.js';
import { ApiError } from '../http/api-error.js';
import type { RouteTable } from '../http/route-types.js';
import type { RouteDeps } from './deps.js';

/** The raw-body media types of the blob uploads (parsed as pass-through streams, see http/server.ts). */
export const BLOB_MEDIA_TYPES = { uploadBlob: 'application/octet-stream', uploadBlobPack: 'application/gzip' } as const;

/** Refuses a body of another media type (415) or one that announces more bytes than allowed (413) before reading it. */
function checkRawBody(request: FastifyRequest, mediaType: string, limit: number): void {
  const type = (request.headers['content-type'] ?? '').split(';', 1)[0]?.trim().toLowerCase();
  if (type !== mediaType) {
    throw new ApiError(415, 'unsupported_media_type', `Send the bytes as ${mediaType}; got ${type || 'no Content-Type'}.`);
  }
  const length = Number(request.headers['content-length']);
  if (Number.isFinite(length) && length > limit) throw new PayloadTooLargeError(`The body may be at most ${limit} bytes.`, limit);
}

/** Content-addressed uploads: which blobs are missing, one blob, or a tar.gz pack of many. */
export function blobRoutes({ platform }: RouteDeps): RouteTable {
  return {
    findMissingBlobs: async ({ body, principal }) => {
      const store = await platform.deploys.blobs(principal.user.id);
      return { status: 200, body: { missing: await store.missing(body.digests) } };
    },
    uploadBlob: async ({ params, principal, request }) => {
      const store = await platform.deploys.blobs(principal.user.id);
      checkRawBody(request, BLOB_MEDIA_TYPES.uploadBlob, store.limits.maxBlobBytes);
      const result = await store.put(params.digest, request.raw);
      return { status: result.created ? 201 : 200, body: { digest: result.digest, size: result.size } };
    },
    uploadBlobPack: async ({ principal, request }) => {
      const store = await platform.deploys.blobs(principal.user.id);
      checkRawBody(request, BLOB_MEDIA_TYPES.uploadBlobPack, store.limits.maxPackBytes);
      return { status: 200, body: await store.ingestPack(request.raw) };
    },
  };
}
