import * as core from '@actions/core';
import { MaxClient, type TokenResponse } from '@max/rig-sdk';
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
 * A client for the platform. With OIDC, the ID token (audience `max`) is exchanged for a short-lived access token
 * bound to the trust policy's network and scope; both are masked before anything could print them.
 */
export async function connect(apiUrl: string, token: string | undefined, method: 'token' | 'oidc', signal: AbortSignal): Promise<MaxClient> {
  const userAgent = 'rig-action';
  if (method === 'token' && token !== undefined) return new MaxClient({ apiUrl, token, userAgent });
  const idToken = await core.getIDToken(OIDC_AUDIENCE);
  core.setSecret(idToken);
  const anonymous = new MaxClient({ apiUrl, userAgent });
  // TODO(oidc): typed once the SDK's exchange call lands; until then a missing method is a clear error.
  const auth = anonymous.auth as typeof anonymous.auth & {
    exchangeOidcToken?: (input: { idToken: string }, options?: { signal?: AbortSignal }) => Promise<TokenResponse>;
  };
  if (auth.exchangeOidcToken === undefined) throw new Error('This build of the SDK cannot exchange an OIDC ID token yet.');
  const exchanged = await auth.exchangeOidcToken({ idToken }, { signal });
  core.setSecret(exchanged.access_token);
  core.info(`Logged in with OIDC (scope ${exchanged.scope}, expires in ${exchanged.expires_in} s).`);
  return new MaxClient({ apiUrl, token: exchanged.access_token, userAgent });
}
