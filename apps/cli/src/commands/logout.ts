import { logout } from '@max/rig-auth';
import { MaxClient } from '@max/rig-sdk';
import type { CommandContext } from '../context.js';
import { clientOptions, configDirFromFlag, resolveSession } from '../session.js';

/** `rig logout`: revoke on the platform, delete locally (even when the platform is unreachable). */
export async function run(ctx: CommandContext): Promise<void> {
  const credentials = await resolveSession(ctx);
  const apiUrl = credentials.apiUrl;
  const configDir = configDirFromFlag(ctx);
  const result = await logout({
    apiUrl,
    client: new MaxClient({ apiUrl, ...clientOptions(ctx) }),
    env: ctx.io.env,
    signal: ctx.signal,
    ...(configDir !== undefined ? { configDir } : {}),
  });

  if (!result.wasLoggedIn) ctx.out.note(`Not logged in to ${result.apiUrl}; nothing to do.`);
  else if (result.revoked) ctx.out.success(`Logged out of ${result.apiUrl}.`);
  else ctx.out.warn(`Removed the login for ${result.apiUrl} locally, but could not revoke it on the platform: ${result.reason ?? 'unknown reason'}.`);
  if (credentials.credential.source === 'env') ctx.out.warn('RIG_TOKEN is still set (it is never stored, so logout cannot remove it); unset it.');

  ctx.out.result({
    api_url: result.apiUrl,
    was_logged_in: result.wasLoggedIn,
    revoked: result.revoked,
    removed_from: result.removedFrom,
    ...(result.reason !== undefined ? { reason: result.reason } : {}),
  });
}
