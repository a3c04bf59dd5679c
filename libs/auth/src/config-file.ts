import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { normalizeApiUrl } from './api-url.js';
import { writeFileAtomic } from './atomic-write.js';
import { ensureConfigDir, isErrno } from './config-dir.js';
import { InvalidConfigError } from './errors.js';

/** A named API URL, selectable with `--profile`. */
export interface RigProfile {
  apiUrl: string;
}

/**
 * The contents of `<configDir>/config.json`. Unknown keys are kept on rewrite, so other parts of rig (or newer
 * versions) can store their settings beside these.
 */
export interface RigConfig {
  /** The API URL that `rig login` last logged in to; used when neither a flag nor `RIG_API_URL` names one. */
  currentApiUrl?: string;
  /** Named API URLs. */
  profiles?: Record<string, RigProfile>;
  [key: string]: unknown;
}

/** The config file's name inside the config dir. */
export const CONFIG_FILE_NAME = 'config.json';

/** Path of the config file for a config dir. */
export function configFilePath(configDir: string): string {
  return join(configDir, CONFIG_FILE_NAME);
}

/**
 * Reads the config file; a missing file is an empty config.
 *
 * @throws {InvalidConfigError} when the file is not a JSON object or its known fields have the wrong shape.
 */
export async function readConfig(configDir: string): Promise<RigConfig> {
  const path = configFilePath(configDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return {};
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InvalidConfigError(`${path} is not valid JSON.`, { cause: error });
  }
  return validateConfig(parsed, path);
}

/** Writes the config file atomically (mode 0600: it names the hosts you use), creating the config dir if needed. */
export async function writeConfig(configDir: string, config: RigConfig): Promise<void> {
  await ensureConfigDir(configDir);
  await writeFileAtomic(configFilePath(configDir), `${JSON.stringify(config, null, 2)}\n`, 0o600);
}

/** Reads, changes and writes the config file. */
export async function updateConfig(configDir: string, change: (config: RigConfig) => RigConfig): Promise<RigConfig> {
  const next = change(await readConfig(configDir));
  await writeConfig(configDir, next);
  return next;
}

/** Records `apiUrl` (normalised) as the current API URL. */
export async function setCurrentApiUrl(configDir: string, apiUrl: string): Promise<void> {
  const normalized = normalizeApiUrl(apiUrl);
  await updateConfig(configDir, (config) => ({ ...config, currentApiUrl: normalized }));
}

function validateConfig(value: unknown, path: string): RigConfig {
  if (!isPlainObject(value)) throw new InvalidConfigError(`${path} must hold a JSON object.`);
  const config: RigConfig = { ...value };
  if (config.currentApiUrl !== undefined && typeof config.currentApiUrl !== 'string') {
    throw new InvalidConfigError(`${path}: "currentApiUrl" must be a string.`);
  }
  if (config.profiles !== undefined) {
    if (!isPlainObject(config.profiles)) throw new InvalidConfigError(`${path}: "profiles" must be an object.`);
    for (const [name, profile] of Object.entries(config.profiles)) {
      if (!isPlainObject(profile) || typeof profile['apiUrl'] !== 'string') {
        throw new InvalidConfigError(`${path}: profile ${JSON.stringify(name)} needs a string "apiUrl".`);
      }
    }
  }
  return config;
}

/** True for `{...}` JSON values (not arrays, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
