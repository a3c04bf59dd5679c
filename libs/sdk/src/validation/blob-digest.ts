import { MaxValidationError } from '../errors/error-classes.js';

const BLOB_DIGEST = /^[a-f0-9]{64}$/;

/**
 * Rejects anything but a lowercase hex SHA-256 before it reaches a URL or a request body.
 *
 * @internal
 */
export function assertBlobDigest(digest: string, pointer: string): void {
  if (typeof digest === 'string' && BLOB_DIGEST.test(digest)) return;
  const problem = 'must be a lowercase hex SHA-256 (64 characters of 0-9a-f)';
  throw new MaxValidationError({
    code: 'validation_failed',
    message: `Invalid blob digest ${JSON.stringify(digest)}: ${problem}`,
    details: { fields: [{ path: pointer, message: problem }] },
  });
}
