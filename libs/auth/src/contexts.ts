import { normalizeApiUrl } from './api-url.js';
import { readConfig, updateConfig, type RigConfig } from './config-file.js';
import { InvalidConfigError } from './errors.js';

/**
 * Contexts: named API URLs (the config file's `profiles`), so several Max instances stay logged in at once and
 * `rig context use <name>` switches between them. Credentials are already kept per API URL in the stores; a
 * context only names a URL, and the current context is the config's `currentApiUrl`. Every login records a
 * context for its URL (named after the host unless one already names that URL).
 */
export interface RigContext {
  readonly name: string;
  /** Normalised API URL. */
  readonly apiUrl: string;
  /** It names the config's current API URL (the one `rig` uses without `--api-url`/`RIG_API_URL`). */
  readonly current: boolean;
}

/** Context names: what a shell and a config key can hold without quoting. */
const CONTEXT_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/;

/** Whether `name` can name a context. */
export function isValidContextName(name: string): boolean {
  return CONTEXT_NAME.test(name);
}

/**
 * The name a login gives a new context: the host, with the port when it is not the scheme's default
 * (`max.example.com`, `127.0.0.1:4000`), and the path of a Max behind a prefix (`example.com-max`).
 *
 * @example
 * defaultContextName('http://127.0.0.1:4000') // '127.0.0.1:4000'
 */
export function defaultContextName(apiUrl: string): string {
  const url = new URL(normalizeApiUrl(apiUrl));
  const path = url.pathname.replace(/^\/+|\/+$/g, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  // An IPv6 host (`[::1]:4000`) loses its brackets and gets a leading word, since names start with a letter or digit.
  const host = url.host.startsWith('[') ? `ipv6${url.host.replace(/[[\]]/g, '')}` : url.host;
  const name = `${host}${path ? `-${path}` : ''}`.slice(0, 63);
  return isValidContextName(name) ? name : 'max';
}

function contextsOf(config: RigConfig): RigContext[] {
  const current = config.currentApiUrl === undefined ? undefined : normalizeApiUrl(config.currentApiUrl);
  const contexts = Object.entries(config.profiles ?? {}).map(([name, profile]) => {
    const apiUrl = normalizeApiUrl(profile.apiUrl);
    return { name, apiUrl, current: apiUrl === current };
  });
  // A config written before contexts existed still has a current API URL: show it as the context it is.
  if (current !== undefined && !contexts.some((c) => c.current)) contexts.push({ name: uniqueName(config, defaultContextName(current)), apiUrl: current, current: true });
  return contexts.sort((a, b) => a.name.localeCompare(b.name));
}

function uniqueName(config: RigConfig, base: string): string {
  const taken = new Set(Object.keys(config.profiles ?? {}));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Every context, sorted by name; the current one is marked. */
export async function listContexts(configDir: string): Promise<RigContext[]> {
  return contextsOf(await readConfig(configDir));
}

/** The context that names `apiUrl`, if any. */
export async function contextForApiUrl(configDir: string, apiUrl: string): Promise<string | undefined> {
  const normalized = normalizeApiUrl(apiUrl);
  return (await listContexts(configDir)).find((c) => c.apiUrl === normalized)?.name;
}

/**
 * Makes sure a context names `apiUrl` (adding one named after the host when none does) and, with
 * `makeCurrent`, makes it the current API URL. Returns the context's name.
 */
export async function recordContext(configDir: string, apiUrl: string, options: { makeCurrent: boolean; name?: string }): Promise<string> {
  const normalized = normalizeApiUrl(apiUrl);
  if (options.name !== undefined && !isValidContextName(options.name)) {
    throw new InvalidConfigError(`${JSON.stringify(options.name)} is not a valid context name (letters, digits, \`.\`, \`_\`, \`:\`, \`-\`; at most 63).`);
  }
  let recorded = '';
  await updateConfig(configDir, (config) => {
    const profiles = { ...(config.profiles ?? {}) };
    const existing = Object.entries(profiles).find(([, p]) => normalizeApiUrl(p.apiUrl) === normalized)?.[0];
    recorded = options.name ?? existing ?? uniqueName(config, defaultContextName(normalized));
    if (options.name !== undefined && existing !== undefined && existing !== options.name) delete profiles[existing];
    profiles[recorded] = { apiUrl: normalized };
    return { ...config, profiles, ...(options.makeCurrent ? { currentApiUrl: normalized } : {}) };
  });
  return recorded;
}

/**
 * Makes the context `name` current. Returns it, or `undefined` when there is no such context (the config is
 * left as it was).
 */
export async function useContext(configDir: string, name: string): Promise<RigContext | undefined> {
  const contexts = await listContexts(configDir);
  const found = contexts.find((c) => c.name === name);
  if (!found) return undefined;
  await recordContext(configDir, found.apiUrl, { makeCurrent: true, name: found.name });
  return { ...found, current: true };
}
