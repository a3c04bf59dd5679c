import { mkdir, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

/** Environment variables read by this library (a subset of `process.env`). */
export type AuthEnv = Readonly<Record<string, string | undefined>>;

/**
 * The config directory: `RIG_CONFIG_DIR`, else `$XDG_CONFIG_HOME/rig`, else `~/.config/rig`. A relative
 * `XDG_CONFIG_HOME` is ignored, as the XDG spec requires.
 *
 * @example
 * resolveConfigDir({ RIG_CONFIG_DIR: '/tmp/rig' }) // '/tmp/rig'
 */
export function resolveConfigDir(env: AuthEnv, home: string = homedir()): string {
  const explicit = env['RIG_CONFIG_DIR'];
  if (explicit) return resolve(explicit);
  const xdg = env['XDG_CONFIG_HOME'];
  if (xdg && isAbsolute(xdg)) return join(xdg, 'rig');
  return join(home, '.config', 'rig');
}

/**
 * Creates the config directory (and parents) with mode 0700 when it is missing. An existing directory is left
 * as it is: its owner chose its mode.
 */
export async function ensureConfigDir(configDir: string): Promise<void> {
  try {
    const info = await stat(configDir);
    if (info.isDirectory()) return;
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw error;
  }
  await mkdir(configDir, { recursive: true, mode: 0o700 });
}

/** True when `error` is a Node system error with the given `code`. */
export function isErrno(error: unknown, code: string): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === code;
}
