import { loginWithDeviceFlow, loginWithOidc, loginWithToken, readToken, type DeviceCodePrompt, type LoginResult } from '@max/rig-auth';
import { MaxClient } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { clientOptions, configDirFromFlag, resolveSession } from '../session.js';
import { UsageError } from '../errors/cli-error.js';
import type { Invocation } from './command-def.js';

function showCode(ctx: CommandContext, prompt: DeviceCodePrompt): void {
  const p = ctx.out.err;
  const minutes = Math.max(1, Math.round(prompt.expires_in / 60));
  ctx.io.stderr.write(
    [
      `To log in, open ${p.bold(prompt.verification_uri)} in a browser and enter the code:`,
      '',
      `    ${p.bold(p.cyan(prompt.user_code))}`,
      '',
      `Or open ${prompt.verification_uri_complete}`,
      p.dim(`Waiting for approval (the code expires in ${minutes} min; Ctrl-C to cancel)…`),
      '',
    ].join('\n'),
  );
}

/** `rig login`: device authorization, or an API token read from stdin (`--with-token`). */
export async function run(ctx: CommandContext, invocation: Invocation): Promise<void> {
  const credentials = await resolveSession(ctx);
  const apiUrl = credentials.apiUrl;
  const configDir = configDirFromFlag(ctx);
  const client = new MaxClient({ apiUrl, ...clientOptions(ctx) });
  const common = {
    apiUrl,
    client,
    // The check of the new session (GET /me) goes through a traced client too, so --verbose shows it.
    clientForToken: (token: string) => new MaxClient({ apiUrl, token, ...clientOptions(ctx) }),
    env: ctx.io.env,
    signal: ctx.signal,
    ...(configDir !== undefined ? { configDir } : {}),
  };

  const oidc = invocation.options['oidc'] === true;
  const tokenEnv = invocation.options['oidcTokenEnv'];
  const audience = invocation.options['oidcAudience'];
  if (!oidc && (tokenEnv !== undefined || audience !== undefined)) {
    throw new UsageError('--oidc-token-env and --oidc-audience only apply with --oidc.');
  }
  if (oidc && invocation.options['withToken'] === true) throw new UsageError('Pass either --oidc or --with-token, not both.');
  if (typeof tokenEnv === 'string' && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) {
    throw new UsageError(`--oidc-token-env must name an environment variable (letters, digits, _); got ${JSON.stringify(tokenEnv.slice(0, 40))}.`);
  }
  if (typeof audience === 'string' && (audience.trim() === '' || audience.length > 255)) {
    throw new UsageError('--oidc-audience must be 1 to 255 characters.');
  }
  if (oidc) {
    const minted = await loginWithOidc({
      ...common,
      ...(typeof tokenEnv === 'string' ? { tokenEnv } : {}),
      ...(typeof audience === 'string' ? { audience } : {}),
    });
    const from = minted.source.kind === 'env' ? `env:${minted.source.name}` : 'github-actions';
    const where = minted.storeKind === 'keychain' ? 'the OS keychain' : 'the credentials file';
    const minutes = Math.max(1, Math.round(minted.expiresIn / 60));
    ctx.out.success(
      `Logged in to ${minted.apiUrl} as ${minted.user.email} with OIDC (${from}): scope ${minted.scope}, network ${minted.network} only, for ${minutes} min; stored in ${where}.`,
    );
    if (credentials.credential.source === 'env') ctx.out.warn('RIG_TOKEN is set and takes precedence over this login until you unset it.');
    ctx.out.result({
      api_url: minted.apiUrl,
      user: minted.user,
      scope: minted.scope,
      credential_store: minted.storeKind,
      ...(minted.fallbackReason !== undefined ? { fallback_reason: minted.fallbackReason } : {}),
      network: minted.network,
      trust_policy_id: minted.trustPolicyId,
      expires_in: minted.expiresIn,
      oidc_source: from,
    });
    return;
  }

  let result: LoginResult;
  if (invocation.options['withToken'] === true) {
    const stdin = ctx.io.stdin;
    // readToken refuses a terminal (the token would be echoed while typed).
    const token = await readToken({ [Symbol.asyncIterator]: () => stdin[Symbol.asyncIterator](), isTTY: ctx.io.isStdinTTY });
    result = await loginWithToken({ ...common, token });
  } else {
    result = await loginWithDeviceFlow({ ...common, onCode: (prompt) => showCode(ctx, prompt) });
  }

  const where = result.storeKind === 'keychain' ? 'the OS keychain' : 'the credentials file';
  ctx.out.success(`Logged in to ${result.apiUrl} as ${result.user.email} (scope ${result.scope}); stored in ${where}.`);
  if (result.fallbackReason !== undefined && ctx.out.human) ctx.out.note(ctx.out.err.dim(`Not in the keychain: ${result.fallbackReason}`));
  if (credentials.credential.source === 'env') ctx.out.warn('RIG_TOKEN is set and takes precedence over this login until you unset it.');
  ctx.out.result({
    api_url: result.apiUrl,
    user: result.user,
    scope: result.scope,
    credential_store: result.storeKind,
    ...(result.fallbackReason !== undefined ? { fallback_reason: result.fallbackReason } : {}),
  });
}
