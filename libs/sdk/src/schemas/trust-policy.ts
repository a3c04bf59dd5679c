import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, pageSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

type Schemas = components['schemas'];

/** An OIDC trust policy. @internal */
export const TrustPolicySchema = z.lazy(() => z.object({
  id: z.string(),
  issuer: z.string(),
  audience: z.string(),
  repository: z.string(),
  ref: z.nullable(z.string()),
  environment: z.nullable(z.string()),
  network: z.string(),
  scope: openEnum(['read', 'deploy']),
  token_ttl_seconds: z.int(),
  created_at: TimestampSchema,
}));
assertType<Equals<z.infer<typeof TrustPolicySchema>, Schemas['TrustPolicy']>>();

/** @internal */
export const TrustPolicyPageSchema = pageSchema(TrustPolicySchema);
assertType<Equals<z.infer<typeof TrustPolicyPageSchema>, Schemas['TrustPolicyPage']>>();
