import { dirname, basename, resolve } from 'node:path';
import { NotAuthenticatedError, resolveCredentials, type ResolvedCredentials } from '@max/rig-auth';
import { MaxClient, type TraceEvent } from '@max/rig-sdk';
import type { NodeHttpTransport } from '@max/rig-sdk/node/http';
import type { CommandContext } from './context.js';
import { readEnv } from './env.js';
import { UsageError } from './errors/cli-error.js';
import { cliTransport } from './http-transport.js';
import { version } from './version.js';

/** An authenticated (or, for login, unauthenticated) SDK client plus what rig knows about its credential. */
export interface Session {
  readonly client: MaxClient;
  readonly credentials: ResolvedCredentials;
}

/**
 * `--config <file>`: the auth library keeps `config.json` (and the credentials file) in one config directory, so
 * the file's directory becomes that directory. Any other file name would be silently ignored, so it is refused.
 */
export function configDirFromFlag(ctx: CommandContext): string | undefined {
  const file = ctx.globals.config;
  if (file === undefined) return undefined;
  const path = resolve(ctx.io.cwd, file);
  if (basename(path) !== 'config.json') {
    throw new UsageError(`--config must name a file called config.json (got "${basename(path)}").`, 'Or set RIG_CONFIG_DIR to the directory instead.');
  }
  return dirname(path);
}

/** Prints one redacted trace event for `--verbose` (the SDK has already blanked tokens). */
export function formatTrace(event: TraceEvent): string {
  if (event.type === 'request') {
    const body = event.body === undefined ? '' : ` ${JSON.stringify(event.body)}`;
    return `> ${event.method} ${event.url}${event.attempt > 1 ? ` (attempt ${event.attempt})` : ''}${body}`;
  }
  const retry = event.retryInMs !== undefined ? `, retrying in ${event.retryInMs} ms` : '';
  if (event.type === 'response') {
    return `< ${event.status ?? '?'} ${event.method} ${event.url} ${event.durationMs ?? 0} ms${event.requestId ? ` (request ${event.requestId})` : ''}${retry}`;
  }
  return `< ${event.error?.code ?? 'error'} ${event.method} ${event.url}: ${event.error?.message ?? ''}${retry}`;
}

/** SDK client options shared by every command: the user agent, the `node:http` transport and, with `--verbose`, the trace on stderr. */
export function clientOptions(ctx: CommandContext): { userAgent: string; transport: NodeHttpTransport; onTrace?: (event: TraceEvent) => void } {
  return {
    userAgent: `rig/${version} node/${process.versions.node}`,
    transport: cliTransport(),
    ...(ctx.globals.verbose ? { onTrace: (event: TraceEvent) => void ctx.io.stderr.write(`${ctx.out.err.dim(formatTrace(event))}\n`) } : {}),
  };
}

/** Resolves the API URL and credential (flags → env → stores), without requiring a login. */
export async function resolveSession(ctx: CommandContext): Promise<ResolvedCredentials> {
  const configDir = configDirFromFlag(ctx);
  const context = readEnv(ctx.io.env, 'RIG_CONTEXT');
  const credentials = await resolveCredentials({
    env: ctx.io.env,
    ...(ctx.globals.apiUrl !== undefined ? { apiUrl: ctx.globals.apiUrl } : context !== undefined ? { profile: context } : {}),
    ...(configDir !== undefined ? { configDir } : {}),
  });
  ctx.errorContext.apiUrl = credentials.apiUrl;
  ctx.errorContext.credentialSource = credentials.credential.source;
  for (const notice of credentials.notices) ctx.out.warn(notice);
  return credentials;
}

/** A client for the logged-in user; not being logged in is exit 3 before any request is made. */
export async function openSession(ctx: CommandContext): Promise<Session> {
  const credentials = await resolveSession(ctx);
  if (!credentials.tokenProvider) throw new NotAuthenticatedError(credentials.apiUrl);
  const client = new MaxClient({ apiUrl: credentials.apiUrl, token: credentials.tokenProvider, ...clientOptions(ctx) });
  return { client, credentials };
}
