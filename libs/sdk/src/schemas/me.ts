import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, ScopeSchema, TimestampSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const MeSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.nullable(z.string()),
  created_at: TimestampSchema,
  auth: z.object({
    type: openEnum(['access_token', 'api_token']),
    scope: ScopeSchema,
    expires_at: z.nullable(TimestampSchema),
    /** The only network the credential may touch (OIDC-minted tokens); null/absent: all the user's networks. */
    network: z.optional(z.nullable(z.string())),
    /** Present when the access token was minted from an OIDC ID token. */
    oidc: z.optional(
      z.nullable(z.object({ trust_policy_id: z.string(), issuer: z.string(), subject: z.string() })),
    ),
  }),
});
assertType<Equals<z.infer<typeof MeSchema>, components['schemas']['Me']>>();
