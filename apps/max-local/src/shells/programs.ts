import { accessSync, constants, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * Looks `program` up the way `execvp` does: a name with a `/` is taken as a path (relative to `cwd`), anything
 * else is searched in `PATH`. Returns the executable's path, or why it cannot run: `not_found` (sh: 127) or
 * `not_executable` (sh: 126).
 */
export function resolveProgram(
  program: string,
  env: Record<string, string>,
  cwd: string,
): { path: string } | { error: 'not_found' | 'not_executable' } {
  if (program.includes('/')) {
    const path = isAbsolute(program) ? program : resolve(cwd, program);
    return checkExecutable(path);
  }
  let sawNotExecutable = false;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const found = checkExecutable(join(dir, program));
    if ('path' in found) return found;
    if (found.error === 'not_executable') sawNotExecutable = true;
  }
  return { error: sawNotExecutable ? 'not_executable' : 'not_found' };
}

function checkExecutable(path: string): { path: string } | { error: 'not_found' | 'not_executable' } {
  try {
    const stat = statSync(path);
    // access(X_OK) succeeds for root on any file; execve needs at least one execute bit.
    if (!stat.isFile() || (stat.mode & 0o111) === 0) return { error: 'not_executable' };
  } catch {
    return { error: 'not_found' };
  }
  try {
    accessSync(path, constants.X_OK);
    return { path };
  } catch {
    return { error: 'not_executable' };
  }
}

/** What a POSIX shell prints for a program that cannot run, and the exit code it uses. */
export function startFailure(program: string, error: 'not_found' | 'not_executable'): { exitCode: number; message: string } {
  if (error === 'not_executable') return { exitCode: 126, message: `${program}: Permission denied` };
  return { exitCode: 127, message: program.includes('/') ? `${program}: No such file or directory` : `${program}: command not found` };
}

/**
 * The shell of a session without a command: max-local's own `$SHELL` when it is executable, else `bash`, else
 * `sh`, looked up in the session's `PATH`.
 */
export function defaultShell(env: Record<string, string>, cwd: string, ownShell = process.env['SHELL']): string {
  for (const candidate of [ownShell, 'bash', 'sh']) {
    if (!candidate) continue;
    const found = resolveProgram(candidate, env, cwd);
    if ('path' in found) return found.path;
  }
  return '/bin/sh';
}

/** A signal number (as node-pty reports it) as its name, e.g. 1 → `SIGHUP`; null for 0. */
export function signalName(signal: number | null | undefined): string | null {
  if (!signal) return null;
  for (const [name, number] of Object.entries(osConstants.signals)) if (number === signal) return name;
  return `SIG${signal}`;
}
