import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOidcIssuer, type OidcIssuer } from '@max/oidc-issuer';
import { IssuerDirectory, IssuerUnavailableError } from './issuer-directory.js';
import { checkIssuerUrl } from './issuer-url.js';

let issuer: OidcIssuer;
beforeAll(async () => {
  issuer = await startOidcIssuer();
});
afterAll(() => issuer.close());

const fetchesOf = (from: OidcIssuer, suffix: string): number => from.requests.filter((r) => r.path.endsWith(suffix)).length;

function directory(clock: { now: number }) {
  return new IssuerDirectory({ now: () => clock.now });
}

describe('IssuerDirectory', () => {
  it('caches discovery and JWKS, refetches an unknown kid only after the cooldown, and after the TTL', async () => {
    const fresh = await startOidcIssuer();
    try {
      const clock = { now: Date.now() };
      const dir = directory(clock);
      const first = await dir.keys(fresh.issuer, fresh.kid);
      expect(first.keys.map((k) => k.kid)).toEqual([fresh.kid]);
      await dir.keys(fresh.issuer, fresh.kid);
      expect([fetchesOf(fresh, '/openid-configuration'), fetchesOf(fresh, '/jwks')]).toEqual([1, 1]);

      const rotated = await fresh.rotateKey();
      clock.now += 5_000; // inside the 30 s cooldown: the unknown kid does not hammer the issuer
      expect((await dir.keys(fresh.issuer, rotated)).keys.map((k) => k.kid)).not.toContain(rotated);
      expect(fetchesOf(fresh, '/jwks')).toBe(1);
      clock.now += 30_000;
      expect((await dir.keys(fresh.issuer, rotated)).keys.map((k) => k.kid)).toContain(rotated);
      expect(fetchesOf(fresh, '/jwks')).toBe(2);
      expect(fetchesOf(fresh, '/openid-configuration')).toBe(1);

      clock.now += 11 * 60_000; // JWKS TTL (10 min) passed
      await dir.keys(fresh.issuer, rotated);
      expect(fetchesOf(fresh, '/jwks')).toBe(3);
    } finally {
      await fresh.close();
    }
  });

  it('serves a stale JWKS while the issuer is down, up to a day', async () => {
    const flaky = await startOidcIssuer();
    try {
      const clock = { now: Date.now() };
      const dir = directory(clock);
      await dir.keys(flaky.issuer, flaky.kid);
      flaky.fail('jwks', 503);
      clock.now += 11 * 60_000;
      expect((await dir.keys(flaky.issuer, flaky.kid)).keys).toHaveLength(1);
      clock.now += 25 * 60 * 60_000;
      const error = await dir.keys(flaky.issuer, flaky.kid).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IssuerUnavailableError);
      expect(error).toMatchObject({ reason: 'issuer_unreachable', message: expect.stringMatching(/HTTP 503/) });
    } finally {
      await flaky.close();
    }
  });

  it('refuses a discovery document for another issuer, and a jwks_uri outside the URL policy', async () => {
    const liar = await startOidcIssuer({ discovery: { issuer: 'https://token.actions.githubusercontent.com' } });
    const cleartext = await startOidcIssuer({ discovery: { jwks_uri: 'http://keys.example.com/jwks' } });
    try {
      await expect(directory({ now: Date.now() }).keys(liar.issuer, undefined)).rejects.toMatchObject({
        reason: 'issuer_misconfigured',
        message: expect.stringMatching(/names issuer "https:\/\/token\.actions\.githubusercontent\.com"/),
      });
      await expect(directory({ now: Date.now() }).keys(cleartext.issuer, undefined)).rejects.toMatchObject({
        reason: 'issuer_misconfigured',
        message: expect.stringMatching(/no acceptable jwks_uri.*https:\/\//),
      });
    } finally {
      await liar.close();
      await cleartext.close();
    }
  });

  it('does not follow redirects, and caps what it reads', async () => {
    let server: Server | undefined;
    try {
      server = createServer((req, res) => {
        if (req.url?.startsWith('/redirect/')) {
          // Followed, this would reach a real discovery document (and fail as misconfigured, not unreachable).
          res.writeHead(302, { location: issuer.discoveryUrl }).end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ pad: 'x'.repeat(300 * 1024) }));
      });
      await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await expect(directory({ now: Date.now() }).keys(`${origin}/redirect`, undefined)).rejects.toMatchObject({ reason: 'issuer_unreachable' });
      await expect(directory({ now: Date.now() }).keys(`${origin}/big`, undefined)).rejects.toMatchObject({
        reason: 'issuer_unreachable',
        message: expect.stringMatching(/larger than/),
      });
    } finally {
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    }
  });
});

describe('checkIssuerUrl', () => {
  it.each([
    ['https://token.actions.githubusercontent.com/', true],
    ['https://gitlab.example.com', true],
    ['http://127.0.0.1:4567', true],
    ['http://127.5.0.1', true],
    ['http://[::1]:80', true],
    ['http://localhost:9000/tenant', true],
    ['http://10.0.0.1', false],
    ['http://issuer.example.com', false],
    ['http://localhost.example.com', false],
    ['ftp://127.0.0.1', false],
    ['https://user:pw@issuer.example.com', false],
    ['https://issuer.example.com/?q=1', false],
    ['https://issuer.example.com/#x', false],
    ['not a url', false],
  ])('%s → %s', (url, ok) => {
    expect(checkIssuerUrl(url).ok).toBe(ok);
  });

  it('normalises away a trailing slash', () => {
    expect(checkIssuerUrl('https://token.actions.githubusercontent.com/')).toEqual({ ok: true, url: 'https://token.actions.githubusercontent.com' });
  });
});
