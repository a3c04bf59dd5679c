import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { MaxBundleError } from './bundle-error.js';
import { describe } from './hash-file.js';

/** One rule of "this file looks like it holds credentials". */
interface SecretRule {
  /** What the user is told, e.g. `secret-like: private key`. */
  what: string;
  /** Matches the POSIX path relative to the deploy root. */
  test: (path: string, basename: string) => boolean;
}

const ENV_TEMPLATES = new Set(['.env.example', '.env.sample', '.env.template']);

/** Matches when the path is exactly `suffix` or ends with `/<suffix>`. */
const endsWithPath = (suffix: string) => (path: string) => path === suffix || path.endsWith(`/${suffix}`);

/**
 * Name-based rules. Case-insensitive on purpose: a `.ENV` or `ID_RSA` copied from another OS is just as secret,
 * and a false positive costs one `.rigignore` line while a false negative leaks credentials (vercel/vercel#14367).
 */
const NAME_RULES: SecretRule[] = [
  {
    what: 'environment file',
    test: (_p, b) => (b === '.env' || b.startsWith('.env.')) && !ENV_TEMPLATES.has(b),
  },
  { what: 'private key', test: (_p, b) => /\.(pem|key|p12|pfx|ppk|jks|keystore)$/.test(b) },
  // `id_rsa.pub` and friends are public keys; everything else in the family is a private key.
  { what: 'SSH private key', test: (_p, b) => /^id_(rsa|dsa|ecdsa|ed25519)/.test(b) && !b.endsWith('.pub') },
  { what: 'AWS credentials', test: endsWithPath('.aws/credentials') },
  { what: 'Docker registry credentials', test: endsWithPath('.docker/config.json') },
  {
    what: 'cloud credentials',
    test: (_p, b) => b === 'credentials.json' || /^service-account.*\.json$/.test(b) || b === 'application_default_credentials.json',
  },
  { what: 'password file', test: (_p, b) => ['.netrc', '_netrc', '.pgpass', '.git-credentials', '.htpasswd'].includes(b) },
  { what: 'Terraform state', test: (_p, b) => b.endsWith('.tfstate') || b.endsWith('.tfstate.backup') },
];

/**
 * Package-manager config files are needed by builds (registry URLs), so they are only secret when they carry a
 * credential. Their content decides.
 */
const CONTENT_RULES: { names: Set<string>; pattern: RegExp; what: string }[] = [
  {
    names: new Set(['.npmrc', '.yarnrc', '.yarnrc.yml', '.pypirc']),
    pattern: /(_authToken|_auth\s*=|_password\s*=|npmAuthToken|npmAuthIdent|^\s*password\s*[:=])/im,
    what: 'package registry credentials',
  },
];

/** Only the start of a config file is read: credentials live in small files. */
const CONTENT_SCAN_BYTES = 64 * 1024;

/**
 * Says why a path looks like it holds secrets by its name alone, or undefined. Synchronous: the walk asks it of
 * every one of thousands of files, and a promise each cost more than the test. When it says undefined, a name
 * {@link needsContentCheck} approves may still be secret by its content ({@link secretContentReason}).
 */
export function secretNameReason(path: string): string | undefined {
  const basename = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const lower = path.toLowerCase();
  for (const rule of NAME_RULES) if (rule.test(lower, basename)) return rule.what;
  return undefined;
}

/** True for the few names (`.npmrc`, …) whose content decides whether they are secret-like. */
export function needsContentCheck(path: string): boolean {
  const basename = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return CONTENT_RULES.some((rule) => rule.names.has(basename));
}

/**
 * Says why a regular file whose name {@link needsContentCheck} holds credentials by its content, or undefined.
 * `absolutePath` is read only for those few package-manager config names.
 */
export async function secretContentReason(path: string, absolutePath: string): Promise<string | undefined> {
  const basename = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  for (const rule of CONTENT_RULES) {
    if (!rule.names.has(basename)) continue;
    let text: string | undefined;
    try {
      text = await readHead(absolutePath);
    } catch (error) {
      throw new MaxBundleError('unreadable', path, `Cannot read ${path}: ${describe(error)}`, error);
    }
    if (text !== undefined && rule.pattern.test(text)) return rule.what;
  }
  return undefined;
}

/** Reads the first bytes of a regular file; undefined for anything else (a link, a directory). */
async function readHead(absolutePath: string): Promise<string | undefined> {
  // O_NONBLOCK: if the file was swapped for a FIFO since the walk saw it, opening must not hang.
  const handle = await open(absolutePath, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    if (!(await handle.stat()).isFile()) return undefined;
    const buffer = Buffer.alloc(CONTENT_SCAN_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}
