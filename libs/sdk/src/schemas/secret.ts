import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { pageSchema, TimestampSchema } from './common.js';
import { ReleaseRefSchema } from './release-ref.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** `sha256:` and 64 lowercase hex digits. @internal */
export const Sha256DigestSchema = z.string();
assertType<Equals<z.infer<typeof Sha256DigestSchema>, Schemas['Sha256Digest']>>();

/**
 * A secret as the API shows it. Parsed with `z.object`, which drops unknown keys: should a server ever send a
 * `value` along, it would not reach the caller (or a log line printed from the result).
 *
 * @internal
 */
export const SecretSchema = z.lazy(() => z.object({
  key: z.string(),
  digest: Sha256DigestSchema,
  created_at: TimestampSchema,
  updated_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof SecretSchema>, Schemas['Secret']>>();

/** @internal */
export const SecretPageSchema = pageSchema(SecretSchema);
assertType<Equals<z.infer<typeof SecretPageSchema>, Schemas['SecretPage']>>();

/** @internal */
export const SecretsSetResultSchema = z.lazy(() => z.object({
  data: z.array(SecretSchema),
  releases: z.array(ReleaseRefSchema),
}));
assertType<Equals<z.infer<typeof SecretsSetResultSchema>, Schemas['SecretsSetResult']>>();
