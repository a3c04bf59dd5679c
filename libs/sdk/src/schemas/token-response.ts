import type { components } from '@max/api-spec';
import * as z from 'zod/mini';
import { openEnum, ScopeSchema } from './common.js';
import { assertType, type Equals } from './type-equality.js';

/** @internal */
export const TokenResponseSchema = z.lazy(() => z.object({
  access_token: z.string(),
  refresh_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  scope: ScopeSchema,
}));
assertType<Equals<z.infer<typeof TokenResponseSchema>, components['schemas']['TokenResponse']>>();

/** @internal */
export const OidcTokenResponseSchema = z.lazy(() => z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int(),
  scope: openEnum(['read', 'deploy']),
  network: z.string(),
  trust_policy_id: z.string(),
}));
assertType<Equals<z.infer<typeof OidcTokenResponseSchema>, components['schemas']['OidcTokenResponse']>>();
