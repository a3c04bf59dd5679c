import * as core from '@actions/core';
import { MaxClient } from '@max/rig-sdk';
import { createNodeHttpTransport } from '@max/rig-sdk/node';
import { InputError } from './inputs.js';

/** The audience the platform expects in a GitHub ID token (docs/github-action.md, OIDC setup). */
export const OIDC_AUDIENCE = 'max';

/** Whether this job may ask GitHub for an ID token (`permissions: id-token: write`). */
export function canRequestIdToken(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env['ACTIONS_ID_TOKEN_REQUEST_URL'] ?? '') !== '' && (env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'] ?? '') !== '';
}

/**
 * How the Action will log in, decided before anything is sent: the `token` input, or keyless OIDC when the input
 * is empty and the job can request an ID token. Neither is a clear input error.
 */
export function loginMethod(token: string | undefined, env: Readonly<Record<string, string | undefined>>): 'token' | 'oidc' {
  if (token !== undefined && token !== '') return 'token';
  if (canRequestIdToken(env)) return 'oidc';
  throw new InputError(
    'No "token" input, and this job cannot request an OIDC ID token. Either pass token: ${{ secrets.MAX_TOKEN }}, or log in keylessly: give the job `permissions: id-token: write` and add a trust policy for this repository on the platform (docs/github-action.md#oidc).',
  );
}

/**
 * A client for the platform. With OIDC, the job's ID token (audience `max`) is exchanged for a short-lived access
 * token bound to the trust policy's network and scope — on the first request, and again whenever it is about to
 * expire, so a deploy longer than its lifetime goes on. Each ID token and minted token is masked before anything
 * could print it.
 */
export function connect(apiUrl: string, token: string | undefined, method: 'token' | 'oidc'): MaxClient {
  // node:http, as rig uses: the first global fetch in Node 20 loads undici, which costs more than a short request.
  const base = { apiUrl, userAgent: 'rig-action', transport: createNodeHttpTransport({ maxSockets: 8 }) };
  if (method === 'token' && token !== undefined) return new MaxClient({ ...base, token });
  const anonymous = new MaxClient(base);
  let announced = false;
  const provider = anonymous.auth.oidcTokenProvider(
    async () => {
      const idToken = await core.getIDToken(OIDC_AUDIENCE);
      core.setSecret(idToken);
      return idToken;
    },
    {
      onToken: (minted) => {
        core.setSecret(minted.access_token);
        if (!announced) core.info(`Logged in with OIDC: a ${minted.scope} token for network ${minted.network}, valid for ${minted.expires_in} s.`);
        announced = true;
      },
    },
  );
  return new MaxClient({ ...base, token: provider });
}
