import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import type { Call } from './api.js';

/** The OIDC operations; the coverage test requires each to stay implemented. */
export const OIDC_OPERATIONS = ['exchangeOidcToken', 'listTrustPolicies', 'createTrustPolicy', 'deleteTrustPolicy'] as const;

/**
 * Contract checks of the OIDC operations (every response validated against the spec by `call`), success and error
 * statuses each. Behaviour in depth: test/oidc.test.ts.
 */
export function oidcContractSuite(tokens: () => { call: Call; admin: string; deploy: string }): void {
  describe('oidc contract', () => {
    let issuer: OidcIssuer;
    beforeAll(async () => {
      issuer = await startOidcIssuer();
    });
    afterAll(() => issuer.close());

    it('creates, lists, exchanges through and deletes a trust policy', async () => {
      const { call, admin, deploy } = tokens();
      expect((await call('POST', '/api/v1/networks', { token: admin, body: { name: 'oidc-contract' } })).status).toBe(201);
      const invalid = await call<{ error: { code: string } }>('POST', '/api/v1/oidc/trust-policies', {
        token: admin,
        body: { issuer: 'ftp://nope', repository: 'a/b', network: 'oidc-contract', scope: 'deploy' },
      });
      expect(invalid.status).toBe(422);
      const created = await call<{ id: string }>('POST', '/api/v1/oidc/trust-policies', {
        token: admin,
        headers: { 'idempotency-key': 'oidc-contract-1' },
        body: { issuer: issuer.issuer, repository: 'acme/web', network: 'oidc-contract', scope: 'deploy', audience: 'max' },
      });
      expect(created.status).toBe(201);
      expect((await call('GET', '/api/v1/oidc/trust-policies', { token: deploy })).status).toBe(403);
      const page = await call<{ data: { id: string }[] }>('GET', '/api/v1/oidc/trust-policies?limit=1', { token: admin });
      expect(page.status).toBe(200);
      expect(page.body.data.map((p) => p.id)).toEqual([created.body.id]);

      const ok = await call('POST', '/api/v1/auth/oidc/token', { body: { id_token: await issuer.sign({ repository: 'acme/web' }) } });
      expect(ok.status).toBe(200);
      expect((await call('POST', '/api/v1/auth/oidc/token', { body: { id_token: await issuer.sign({}, { expired: true }) } })).status).toBe(401);
      expect((await call('POST', '/api/v1/auth/oidc/token', { body: { id_token: await issuer.sign({ repository: 'x/y' }) } })).status).toBe(403);
      expect((await call('POST', '/api/v1/auth/oidc/token', { body: { token: 'x' } })).status).toBe(422);

      expect((await call('DELETE', `/api/v1/oidc/trust-policies/${created.body.id}`, { token: admin })).status).toBe(204);
      expect((await call('DELETE', `/api/v1/oidc/trust-policies/${created.body.id}`, { token: admin })).status).toBe(404);
    });
  });
}
