import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isScope } from './auth/scopes.js';
import type { RateLimitRule } from './http/rate-limit.js';
import { VERSION } from './version.js';

/** What `main` may touch of the outside world; the bin passes the real process, tests fakes. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
  env: Record<string, string | undefined>;
  /** Read by `token revoke --stdin`; default `process.stdin`. */
  stdin?: NodeJS.ReadableStream;
  /** Registers shutdown signal handlers; returns a function that removes them. */
  onShutdownSignal?: (handler: (signal: string) => void) => () => void;
}

const USAGE = `max-local ${VERSION} — the Max platform in one local process

Usage:
  max-local [options]                 start the platform (API + device approval page)
  max-local token create [options]    create an API token and print it on stdout
  max-local token list [options]      list the API tokens (ids, names, scopes; never secrets)
  max-local token revoke <id>         revoke an API token and its sessions; a running server closes its
                                      sockets within a second (--stdin: read the token itself from stdin)
  max-local oidc trust add [options]  trust CI ID tokens (OIDC) of --issuer for --repo on --network; prints its id
  max-local oidc trust list           list the trust policies
  max-local oidc trust remove <id>    remove a trust policy and revoke the tokens minted through it

Server options:
  --port <n>                 API port (default 4000; 0 picks a free port)
  --host <addr>              interface to listen on (default 127.0.0.1)
  --data-dir <dir>           state directory (default $XDG_DATA_HOME/max-local or ~/.local/share/max-local)
  --domain <name>            apps are reached at <app>.<network>.<domain> (default localhost)
  --router-port <n>          port of the app router, used in app URLs (default 4080; 0 = any)
  --access-token-ttl <s>     access token lifetime in seconds (default 3600)
  --rate-limit-token <r[,b]> requests per second per token, r sustained and bursts of b (default 1000,5000)
  --rate-limit-ip <r[,b]>    requests per second per client IP (default 2000,10000)
  --rate-limit-frames <r[,b]> frames per second a socket may send (default 500,2000); past it: close 4430
  --no-rate-limit            no rate limits at all (each --rate-limit-* also takes "off")

Token options (works while a server runs on the same data dir):
  --user <email>             owner of the token, created if missing (default dev@localhost)
  --scope <scope>            read | deploy | admin (default admin)
  --name <name>              label for the token (default "max-local token create")
  --data-dir <dir>           as above

OIDC trust options (docs/oidc.md; works while a server runs on the same data dir):
  --issuer <url>             the ID tokens' "iss", e.g. https://token.actions.githubusercontent.com
                             (http:// only for loopback hosts)
  --repo <owner/name>        the "repository" claim (case-insensitive)
  --ref <ref>                the "ref" claim, e.g. refs/heads/main or refs/tags/v* (default: any ref)
  --environment <name>       the "environment" claim (default: any)
  --network <name>           the only network minted tokens may touch (must exist)
  --scope <scope>            read | deploy
  --audience <aud>           the "aud" the tokens must carry (default max)
  --token-ttl <s>            lifetime of minted access tokens, 60..3600 (default 900)
  --user <email>             owner of the network and the policy (default dev@localhost)

  -h, --help                 show this help
  -v, --version              print the version
`;

class UsageError extends Error {}

/** `--rate-limit-*`: `off`, `<rate>` (burst 5× the rate) or `<rate>,<burst>`, in requests (frames) per second. */
function rateRule(flag: string, raw: string | undefined): RateLimitRule | false | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'off') return false;
  const match = /^(\d+(?:\.\d+)?)(?:,(\d+))?$/.exec(raw);
  const perSecond = Number(match?.[1]);
  const burst = match?.[2] === undefined ? Math.max(1, Math.ceil(perSecond * 5)) : Number(match[2]);
  if (!match || !(perSecond > 0) || perSecond > 1e6 || burst < 1 || burst > 1e7) {
    throw new UsageError(`--${flag} must be "off", <rate> or <rate>,<burst> (requests per second, e.g. 100 or 100,500); got "${raw}"`);
  }
  return { perSecond, burst };
}

export function defaultDataDir(env: Record<string, string | undefined>): string {
  const xdg = env['XDG_DATA_HOME'];
  return join(xdg && xdg.startsWith('/') ? xdg : join(env['HOME'] ?? homedir(), '.local', 'share'), 'max-local');
}

function integer(flag: string, raw: string | undefined, min: number, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw new UsageError(`--${flag} must be an integer from ${min} to ${max}; got "${raw}"`);
  }
  return Number(raw);
}

type OptionSpec = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

function parse(argv: string[], options: OptionSpec) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    // node's first sentence is the useful part ("Unknown option '--prot'").
    throw new UsageError((error as Error).message.split('. ')[0] ?? 'invalid arguments');
  }
}

const defaultSignals: NonNullable<CliIo['onShutdownSignal']> = (handler) => {
  const onSigint = (): void => handler('SIGINT');
  const onSigterm = (): void => handler('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  return () => {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  };
};

/**
 * The max-local command line. Returns the exit code; only the bin calls `process.exit`.
 * Exit codes: 0 ok, 1 runtime failure, 2 usage error.
 */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'token') return await tokenCommand(argv.slice(1), io);
    if (argv[0] === 'oidc') return await oidcCommand(argv.slice(1), io);
    return await serveCommand(argv, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`max-local: ${error.message}\nRun "max-local --help" for usage.\n`);
      return 2;
    }
    io.stderr.write(`max-local: ${(error as Error).message}\n`);
    return 1;
  }
}

async function serveCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    'data-dir': { type: 'string' },
    domain: { type: 'string' },
    'router-port': { type: 'string' },
    'access-token-ttl': { type: 'string' },
    'rate-limit-token': { type: 'string' },
    'rate-limit-ip': { type: 'string' },
    'rate-limit-frames': { type: 'string' },
    'no-rate-limit': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'v' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unknown command "${positionals.join(' ')}"`);
  const port = integer('port', values.port as string | undefined, 0, 65535);
  const routerPort = integer('router-port', values['router-port'] as string | undefined, 0, 65535);
  const ttl = integer('access-token-ttl', values['access-token-ttl'] as string | undefined, 1, 30 * 24 * 3600);
  const domain = values.domain as string | undefined;
  if (domain !== undefined && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(domain)) {
    throw new UsageError(`--domain must be a lowercase DNS name; got "${domain}"`);
  }
  const host = values.host as string | undefined;
  if (host !== undefined && !/^[A-Za-z0-9.:-]+$/.test(host)) throw new UsageError(`--host is not an address: "${host}"`);
  const perToken = rateRule('rate-limit-token', values['rate-limit-token'] as string | undefined);
  const perIp = rateRule('rate-limit-ip', values['rate-limit-ip'] as string | undefined);
  const perSocketFrames = rateRule('rate-limit-frames', values['rate-limit-frames'] as string | undefined);
  const rateLimit = values['no-rate-limit']
    ? (false as const)
    : {
        ...(perToken === undefined ? {} : { perToken }),
        ...(perIp === undefined ? {} : { perIp }),
        ...(perSocketFrames === undefined ? {} : { perSocketFrames }),
      };

  // Loaded lazily so --help and --version do not pay for Fastify, Ajv and SQLite.
  const { startMaxLocal } = await import('./start-max-local.js');
  const max = await startMaxLocal({
    dataDir: (values['data-dir'] as string | undefined) ?? defaultDataDir(io.env),
    log: io.stderr,
    ...(port === undefined ? {} : { port }),
    ...(host === undefined ? {} : { host }),
    ...(domain === undefined ? {} : { domain }),
    ...(routerPort === undefined ? {} : { routerPort }),
    ...(ttl === undefined ? {} : { accessTokenTtlSeconds: ttl }),
    rateLimit,
  });
  const signal = await new Promise<string>((resolve) => {
    const remove = (io.onShutdownSignal ?? defaultSignals)((name) => {
      remove();
      resolve(name);
    });
  });
  io.stderr.write(`max-local: ${signal} received, finishing in-flight requests…\n`);
  await max.close();
  io.stderr.write('max-local: stopped\n');
  return 0;
}

async function tokenCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    user: { type: 'string' },
    scope: { type: 'string' },
    name: { type: 'string' },
    'data-dir': { type: 'string' },
    stdin: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir(io.env);
  if (positionals[0] === 'list' && positionals.length === 1) {
    const { listApiTokens } = await import('./revoke-api-token.js');
    for (const t of listApiTokens(dataDir)) {
      io.stdout.write(`${t.id}\t${t.scope}\t${t.email}\t${new Date(t.created_at).toISOString()}\t${t.name}\n`);
    }
    return 0;
  }
  if (positionals[0] === 'revoke') return revokeCommand(positionals.slice(1), values.stdin === true, dataDir, io);
  if (positionals[0] !== 'create' || positionals.length > 1) {
    throw new UsageError(`unknown token command "${positionals.join(' ')}"; use "max-local token create", "list" or "revoke"`);
  }
  const scope = (values.scope as string | undefined) ?? 'admin';
  if (!isScope(scope)) throw new UsageError(`--scope must be read, deploy or admin; got "${scope}"`);
  const name = values.name as string | undefined;
  if (name !== undefined && (name.trim() === '' || name.length > 100)) {
    throw new UsageError('--name must be 1 to 100 characters');
  }
  const user = values.user as string | undefined;
  if (user !== undefined && !/^[^\s@]{1,64}@[^\s@]{1,190}$/.test(user)) {
    throw new UsageError(`--user must be an email address; got "${user}"`);
  }
  const { createApiToken } = await import('./create-api-token.js');
  const token = await createApiToken({
    dataDir: (values['data-dir'] as string | undefined) ?? defaultDataDir(io.env),
    scope,
    ...(user === undefined ? {} : { email: user }),
    ...(name === undefined ? {} : { name }),
  });
  io.stdout.write(`${token}\n`);
  return 0;
}

/** `max-local token revoke <id>` or `--stdin` (the token itself, which must never be an argument). */
async function revokeCommand(args: string[], fromStdin: boolean, dataDir: string, io: CliIo): Promise<number> {
  if (fromStdin === (args.length === 1) || args.length > 1) {
    throw new UsageError('token revoke takes one token id (tok_…, see "max-local token list"), or --stdin to read the token itself');
  }
  if (args[0] !== undefined && !/^tok_[A-Za-z0-9]+$/.test(args[0])) {
    // Never echo it: a token pasted as the argument would end up in the terminal's scrollback twice.
    throw new UsageError('that is not a token id (tok_…); to revoke by the token itself, pipe it to --stdin');
  }
  const token = fromStdin ? (await readStdin(io)).trim() : undefined;
  if (fromStdin && !token) throw new UsageError('--stdin read no token');
  const { revokeApiToken } = await import('./revoke-api-token.js');
  const revoked = revokeApiToken({ dataDir, ...(token !== undefined ? { token } : { id: args[0] ?? '' }) });
  if (!revoked) {
    io.stderr.write('max-local: no live API token matches\n');
    return 1;
  }
  io.stderr.write(`max-local: revoked ${revoked} and its sessions\n`);
  return 0;
}

/** Which flag each field of a trust policy comes from, for error messages. */
const TRUST_FLAGS: Record<string, string> = {
  '/issuer': '--issuer',
  '/repository': '--repo',
  '/ref': '--ref',
  '/environment': '--environment',
  '/scope': '--scope',
  '/audience': '--audience',
  '/token_ttl_seconds': '--token-ttl',
  '/network': '--network',
};

/** `max-local oidc trust add|list|remove`. */
async function oidcCommand(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(argv, {
    issuer: { type: 'string' },
    repo: { type: 'string' },
    ref: { type: 'string' },
    environment: { type: 'string' },
    network: { type: 'string' },
    scope: { type: 'string' },
    audience: { type: 'string' },
    'token-ttl': { type: 'string' },
    user: { type: 'string' },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [group, action, ...rest] = positionals;
  if (group !== 'trust' || !['add', 'list', 'remove'].includes(action ?? '')) {
    throw new UsageError(`unknown oidc command "${positionals.join(' ')}"; use "max-local oidc trust add", "list" or "remove"`);
  }
  const dataDir = (values['data-dir'] as string | undefined) ?? defaultDataDir(io.env);
  const commands = await import('./oidc-trust-commands.js');
  try {
    if (action === 'list') {
      if (rest.length > 0) throw new UsageError('oidc trust list takes no arguments');
      for (const p of commands.listTrustPolicies(dataDir)) {
        const row = [p.id, p.issuer, p.repository, p.ref ?? '*', p.environment ?? '*', p.network, p.scope, `${p.tokenTtlSeconds}s`, p.email];
        io.stdout.write(`${row.join('\t')}\n`);
      }
      return 0;
    }
    if (action === 'remove') {
      if (rest.length !== 1 || !/^tp_[A-Za-z0-9]+$/.test(rest[0] ?? '')) {
        throw new UsageError('oidc trust remove takes one trust policy id (tp_…, see "max-local oidc trust list")');
      }
      if (!commands.removeTrustPolicy(dataDir, rest[0] ?? '')) {
        io.stderr.write(`max-local: no trust policy ${rest[0]}\n`);
        return 1;
      }
      io.stderr.write(`max-local: removed ${rest[0]}; tokens minted through it are revoked\n`);
      return 0;
    }
    if (rest.length > 0) throw new UsageError(`unexpected argument "${rest.join(' ')}"`);
    const missing = (['issuer', 'repo', 'network', 'scope'] as const).filter((flag) => values[flag] === undefined);
    if (missing.length > 0) throw new UsageError(`oidc trust add needs ${missing.map((f) => `--${f}`).join(', ')}`);
    const ttl = integer('token-ttl', values['token-ttl'] as string | undefined, 60, 3600);
    const policy = commands.addTrustPolicy({
      dataDir,
      issuer: values.issuer as string,
      repository: values.repo as string,
      network: values.network as string,
      scope: values.scope as string,
      ref: (values.ref as string | undefined) ?? null,
      environment: (values.environment as string | undefined) ?? null,
      audience: (values.audience as string | undefined) ?? null,
      tokenTtlSeconds: ttl ?? null,
      ...(values.user === undefined ? {} : { email: values.user as string }),
    });
    io.stdout.write(`${policy.id}\n`);
    io.stderr.write(
      `max-local: ID tokens from ${policy.issuer} (aud "${policy.audience}") for ${policy.repository}` +
        `${policy.ref ? ` ref ${policy.ref}` : ''}${policy.environment ? ` environment ${policy.environment}` : ''}` +
        ` now get ${policy.tokenTtlSeconds}s "${policy.scope}" tokens for network ${policy.network}\n`,
    );
    return 0;
  } catch (error) {
    if (error instanceof commands.TrustCommandError) {
      if (error.kind === 'invalid') {
        const why = error.fields.map((f) => `${TRUST_FLAGS[f.path] ?? f.path} ${f.message}`).join('; ');
        throw new UsageError(why || error.message);
      }
      io.stderr.write(`max-local: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function readStdin(io: CliIo): Promise<string> {
  const stream = io.stdin ?? process.stdin;
  let text = '';
  for await (const chunk of stream) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
  return text;
}

/** Runs `main` for the real process (used by the bundle's entry). */
export function run(): Promise<number> {
  return main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env });
}
