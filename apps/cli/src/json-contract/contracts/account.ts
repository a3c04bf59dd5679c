import * as z from 'zod/mini';
import type { ContractFactories } from '../contract-types.js';
import { list } from '../contract-types.js';
import { openEnum } from '../open-enum.js';

export { parseContractValue } from '../parse-contract.js';

/** Sign-in, identity, contexts and completion: what `rig whoami` and its kin print. */
export const contracts: ContractFactories = {
  login: () => ({
    json: z.object({
      api_url: z.string(),
      user: z.object({ id: z.string(), email: z.string(), name: z.optional(z.nullable(z.string())) }),
      scope: openEnum(['read', 'deploy', 'admin']),
      credential_store: z.enum(['keychain', 'file']),
      fallback_reason: z.optional(z.string()),
      network: z.optional(z.string().check(z.describe('--oidc: the only network the minted token may touch.'))),
      trust_policy_id: z.optional(z.string().check(z.describe('--oidc: the trust policy that admitted the ID token.'))),
      expires_in: z.optional(z.int().check(z.describe('--oidc: seconds until the minted token expires (no refresh token; re-exchanged in the same job).'))),
      oidc_source: z.optional(z.string().check(z.describe('--oidc: where the ID token came from: `env:<NAME>` or `github-actions`.'))),
    }),
  }),
  logout: () => ({
    json: z.object({
      api_url: z.string(),
      was_logged_in: z.boolean(),
      revoked: z.boolean(),
      removed_from: z.array(z.enum(['keychain', 'file'])),
      reason: z.optional(z.string()),
    }),
  }),
  whoami: () => ({
    json: z.object({
      user: z.object({ id: z.string(), email: z.string(), name: z.nullable(z.string()), created_at: z.string() }),
      auth: z.object({
        type: openEnum(['access_token', 'api_token']),
        scope: openEnum(['read', 'deploy', 'admin']),
        expires_at: z.nullable(z.string()),
        network: z.optional(z.nullable(z.string()).check(z.describe('The only network this credential may touch (an OIDC-minted token); absent otherwise.'))),
        oidc: z.optional(
          z.nullable(z.object({ trust_policy_id: z.string(), issuer: z.string(), subject: z.string() })).check(z.describe('Set when the token was minted from an OIDC ID token.')),
        ),
      }),
      api_url: z.string(),
      api_url_source: z.enum(['flag', 'profile', 'env', 'config', 'default']),
      context: z.nullable(z.string()).check(z.describe('The context (named API URL, `rig context list`) of `api_url`, or null when none names it.')),
      credential: z.object({
        source: z.enum(['env', 'keychain', 'file']),
        location: z.string(),
        fallback_reason: z.optional(z.string()),
        login: z.optional(openEnum(['session', 'api_token', 'oidc']).check(z.describe('How the stored credential was obtained (absent for RIG_TOKEN).'))),
      }),
    }),
  }),
  completion: () => ({ json: z.object({ shell: z.enum(['bash', 'zsh', 'fish']), script: z.string() }) }),
  'context list': () => list(
    z.object({
      name: z.string(),
      api_url: z.string(),
      current: z.boolean(),
      logged_in: z.boolean(),
      user: z.nullable(z.object({ id: z.string(), email: z.string() })),
      credential_store: z.nullable(z.enum(['keychain', 'file'])),
    }),
  ),
  'context use': () => ({ json: z.object({ name: z.string(), api_url: z.string(), current: z.literal(true) }) }),
};
